// CPU-bound integer kernel: FNV-1a (64-bit) over a xorshift-filled buffer, repeated.
// argv: buffer KiB, rounds, and the checksum (hex) those give (suites/perf/hash.yaml).
package main

import (
	"os"
	"strconv"

	"wasimatrix/guests/check"
)

func main() {
	if len(os.Args) != 4 {
		check.That(false, "checksum", "usage: perf-hash KIB ROUNDS EXPECTED")
		os.Exit(1)
	}
	kib, _ := strconv.Atoi(os.Args[1])
	rounds, _ := strconv.Atoi(os.Args[2])
	expected, _ := strconv.ParseUint(os.Args[3], 16, 64)
	buf := make([]byte, kib*1024)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range buf {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		buf[i] = byte(x >> 24)
	}
	h := uint64(0xcbf29ce484222325)
	for r := 0; r < rounds; r++ {
		for _, b := range buf {
			h ^= uint64(b)
			h *= 0x100000001b3
		}
	}
	check.That(h == expected, "checksum", "got %x", h)
	os.Exit(check.Status())
}
