/* Allocates and writes 1 MiB blocks until malloc fails: under the per-guest memory cap it must
 * fail early. `ok capped` when that came below 1 GiB. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

int main(void) {
  size_t total = 0;
  void **head = NULL;
  for (;;) {
    /* Chained, so the compiler cannot prove the blocks unused and elide the allocation. */
    void **block = malloc(1 << 20);
    if (!block) break;
    memset(block, 1, 1 << 20);
    *block = head;
    head = block;
    total += 1 << 20;
  }
  check(total < ((size_t)1 << 30), "capped", "malloc gave %zu MiB before failing", total >> 20);
  return 0;
}
