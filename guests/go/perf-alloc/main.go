// Allocation-heavy kernel: binary trees (about 15M nodes allocated one by one), depth 16, left to the GC.
package main

import (
	"os"

	"wasimatrix/guests/check"
)

const (
	minDepth = 4
	maxDepth = 16
	expected = 14985902
)

type node struct{ left, right *node }

func build(depth int) *node {
	if depth == 0 {
		return &node{}
	}
	return &node{build(depth - 1), build(depth - 1)}
}

func (n *node) count() int64 {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.count() + n.right.count()
}

func main() {
	total := build(maxDepth + 1).count()
	kept := build(maxDepth)
	for d := minDepth; d <= maxDepth; d += 2 {
		iterations := 1 << (maxDepth - d + minDepth)
		for i := 0; i < iterations; i++ {
			total += build(d).count()
		}
	}
	total += kept.count()
	check.That(total == expected, "checksum", "got %d", total)
	os.Exit(check.Status())
}
