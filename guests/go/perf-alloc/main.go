// Allocation-heavy kernel: binary trees, every node allocated one by one and left to the GC.
// argv: the maximum depth, and the node count it gives (suites/perf/alloc.yaml).
package main

import (
	"os"
	"strconv"

	"wasimatrix/guests/check"
)

const minDepth = 4

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
	if len(os.Args) != 3 {
		check.That(false, "checksum", "usage: perf-alloc DEPTH EXPECTED")
		os.Exit(1)
	}
	maxDepth, _ := strconv.Atoi(os.Args[1])
	expected, _ := strconv.ParseInt(os.Args[2], 10, 64)
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
