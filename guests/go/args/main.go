// Receives the arguments declared by suites/cli/args.yaml and compares them.
package main

import (
	"os"

	"wasimatrix/guests/check"
)

func main() {
	a := os.Args
	at := func(i int) string {
		if i < len(a) {
			return a[i]
		}
		return "(none)"
	}
	check.That(len(a) == 4, "argc", "argc=%d, want 4", len(a))
	check.That(len(a) > 0 && a[0] != "", "argv0-present", "argv[0] empty")
	check.That(at(1) == "alpha", "argv-plain", "argv[1]=%s", at(1))
	check.That(at(2) == "beta gamma", "argv-space", "argv[2]=%s", at(2))
	check.That(at(3) == "ünicøde", "argv-utf8", "argv[3]=%s", at(3))
	os.Exit(check.Status())
}
