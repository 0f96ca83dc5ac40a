// Writes a marker line to stderr; the case checks it arrived there and not on stdout.
package main

import (
	"os"

	"wasimatrix/guests/check"
)

func main() {
	_, err := os.Stderr.WriteString("wasi-matrix-stderr-marker\n")
	check.That(err == nil, "stderr-write", "%v", err)
	os.Exit(check.Status())
}
