// CPU-bound integer kernel: FNV-1a (64-bit) over a 1 MiB xorshift-filled buffer, 200 rounds.
package main

import (
	"os"

	"wasimatrix/guests/check"
)

const (
	size     = 1 << 20
	rounds   = 200
	expected = 0x8e0f2d2f48b6f465
)

func main() {
	buf := make([]byte, size)
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
