// Memory-heavy kernel: sorting 3M xorshift-random 32-bit integers (12 MB) with the standard library's sort.
package main

import (
	"os"
	"slices"

	"wasimatrix/guests/check"
)

const (
	n        = 3000000
	expected = 12647184168537187079
)

func main() {
	a := make([]uint32, n)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range a {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		a[i] = uint32(x >> 32)
	}
	slices.Sort(a)
	// Weighted by position: only the sorted order of these values gives this sum.
	var sum uint64
	for i, v := range a {
		sum += uint64(v) * uint64(i+1)
	}
	check.That(sum == expected, "checksum", "got %d", sum)
	os.Exit(check.Status())
}
