// Memory-heavy kernel: sorting xorshift-random 32-bit integers with the standard library's sort.
// argv: how many, and the checksum of the sorted array (suites/perf/sort.yaml).
package main

import (
	"os"
	"slices"
	"strconv"

	"wasimatrix/guests/check"
)

func main() {
	if len(os.Args) != 3 {
		check.That(false, "checksum", "usage: perf-sort N EXPECTED")
		os.Exit(1)
	}
	n, _ := strconv.Atoi(os.Args[1])
	expected, _ := strconv.ParseUint(os.Args[2], 10, 64)
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
