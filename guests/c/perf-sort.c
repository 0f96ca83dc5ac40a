/* Memory-heavy kernel: sorting xorshift-random 32-bit integers with the C library's qsort.
 * argv: how many, and the checksum of the sorted array (suites/perf/sort.yaml). */
#include <stdint.h>
#include <stdlib.h>
#include "check.h"


static int cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    check(0, "checksum", "usage: perf-sort N EXPECTED");
    return 1;
  }
  size_t n = strtoul(argv[1], 0, 10);
  uint64_t expected = strtoull(argv[2], 0, 10);
  uint32_t *a = malloc(n * sizeof *a);
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    a[i] = (uint32_t)(x >> 32);
  }
  qsort(a, n, sizeof *a, cmp);
  /* Weighted by position: only the sorted order of these values gives this sum. */
  uint64_t sum = 0;
  for (size_t i = 0; i < n; i++) sum += (uint64_t)a[i] * (uint64_t)(i + 1);
  check(sum == expected, "checksum", "got %llu", (unsigned long long)sum);
  return check_failures ? 1 : 0;
}
