// Copies stdin to stdout until end of file.
package main

import (
	"io"
	"os"

	"wasimatrix/guests/check"
)

func main() {
	data, err := io.ReadAll(os.Stdin)
	os.Stdout.Write(data)
	check.That(err == nil, "stdin-eof", "read failed after %d bytes: %v", len(data), err)
	check.That(len(data) > 0, "stdin-read", "read 0 bytes")
	os.Exit(check.Status())
}
