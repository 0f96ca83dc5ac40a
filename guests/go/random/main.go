// Random bytes are not all zero and differ between calls.
package main

import (
	"bytes"
	"crypto/rand"
	"os"

	"wasimatrix/guests/check"
)

func nonzero(b []byte) bool { return !bytes.Equal(b, make([]byte, len(b))) }

func main() {
	x, y, big := make([]byte, 32), make([]byte, 32), make([]byte, 256)
	_, e1 := rand.Read(x)
	_, e2 := rand.Read(y)
	check.That(e1 == nil && e2 == nil, "getentropy", "%v %v", e1, e2)
	check.That(nonzero(x) && nonzero(y), "nonzero", "a 32-byte draw was all zero")
	check.That(!bytes.Equal(x, y), "differ", "two 32-byte draws were equal")
	_, e3 := rand.Read(big)
	check.That(e3 == nil && nonzero(big), "max-request", "%v", e3)
	os.Exit(check.Status())
}
