/* CPU-bound integer kernel: FNV-1a (64-bit) over a xorshift-filled buffer, repeated.
 * argv: buffer KiB, rounds, and the checksum (hex) those give (suites/perf/hash.yaml). */
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

int main(int argc, char **argv) {
  if (argc != 4) {
    check(0, "checksum", "usage: perf-hash KIB ROUNDS EXPECTED");
    return 1;
  }
  size_t size = strtoul(argv[1], 0, 10) * 1024;
  long rounds = strtol(argv[2], 0, 10);
  uint64_t expected = strtoull(argv[3], 0, 16);
  uint8_t *buf = malloc(size);
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (size_t i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    buf[i] = (uint8_t)(x >> 24);
  }
  uint64_t h = 0xcbf29ce484222325ULL;
  for (long r = 0; r < rounds; r++)
    for (size_t i = 0; i < size; i++) {
      h ^= buf[i];
      h *= 0x100000001b3ULL;
    }
  check(h == expected, "checksum", "got %llx", (unsigned long long)h);
  return check_failures ? 1 : 0;
}
