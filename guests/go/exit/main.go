// Exits with the status given as its first argument.
package main

import (
	"os"
	"strconv"

	"wasimatrix/guests/check"
)

func main() {
	check.That(len(os.Args) == 2, "exit-arg", "argc=%d", len(os.Args))
	code := 99
	if len(os.Args) == 2 {
		if n, err := strconv.Atoi(os.Args[1]); err == nil {
			code = n
		}
	}
	os.Exit(code)
}
