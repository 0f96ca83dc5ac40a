/* Memory-heavy kernel: sorting 3M xorshift-random 32-bit integers (12 MB) with the C library's qsort. */
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

#define N 3000000
#define EXPECTED 12647184168537187079ULL

static int cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

int main(void) {
  uint32_t *a = malloc(N * sizeof *a);
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < N; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    a[i] = (uint32_t)(x >> 32);
  }
  qsort(a, N, sizeof *a, cmp);
  /* Weighted by position: only the sorted order of these values gives this sum. */
  uint64_t sum = 0;
  for (int i = 0; i < N; i++) sum += (uint64_t)a[i] * (uint64_t)(i + 1);
  check(sum == EXPECTED, "checksum", "got %llu", (unsigned long long)sum);
  return check_failures ? 1 : 0;
}
