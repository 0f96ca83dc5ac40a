/* CPU-bound integer kernel: FNV-1a (64-bit) over a 1 MiB xorshift-filled buffer, 200 rounds. */
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

#define SIZE (1 << 20)
#define ROUNDS 200
#define EXPECTED 0x8e0f2d2f48b6f465ULL

int main(void) {
  uint8_t *buf = malloc(SIZE);
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < SIZE; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    buf[i] = (uint8_t)(x >> 24);
  }
  uint64_t h = 0xcbf29ce484222325ULL;
  for (int r = 0; r < ROUNDS; r++)
    for (int i = 0; i < SIZE; i++) {
      h ^= buf[i];
      h *= 0x100000001b3ULL;
    }
  check(h == EXPECTED, "checksum", "got %llx", (unsigned long long)h);
  return check_failures ? 1 : 0;
}
