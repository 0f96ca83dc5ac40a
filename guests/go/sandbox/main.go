// Paths that leave the preopened directory (argv[1]) must not open.
package main

import (
	"os"

	"wasimatrix/guests/check"
)

func mustFail(name, path string) {
	f, err := os.Open(path)
	check.That(err != nil, name, "opened %s", path)
	if f != nil {
		f.Close()
	}
}

func main() {
	root := os.Args[1]
	f, err := os.Open(root + "/inside.txt")
	check.That(err == nil, "inside-opens", "%v", err)
	if f != nil {
		f.Close()
	}
	mustFail("escape-dotdot", root+"/../outside/secret.txt")
	mustFail("escape-absolute", "/outside/secret.txt")
	mustFail("escape-host-root", "/etc/passwd")
	os.Exit(check.Status())
}
