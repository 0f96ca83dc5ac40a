// Escapes from the preopened directory (argv[1]), made with raw WASI calls so that
// they reach the runtime: Go's os package cleans `..` out of a path before any WASI
// call. The fixture puts outside/secret.txt beside the preopened sandbox/, and
// sandbox/link-out -> ../outside. An escape passes only on a refusal error: the
// target exists on the host, so a missing file proves nothing.
package main

import (
	"fmt"
	"os"
	"strings"

	"wasimatrix/guests/check"
)

// preopenFor picks the preopen a path falls under (longest guest-path prefix, as libc
// picks it) and returns the rest of the path with its `..` left in.
func preopenFor(path string) (dir uint32, rel string, found bool) {
	bestLen := -1
	for _, p := range preopens() {
		name := strings.TrimRight(p.name, "/")
		under := name == "" && strings.HasPrefix(path, "/") ||
			name != "" && strings.HasPrefix(path, name) && (len(path) == len(name) || path[len(name)] == '/')
		if under && len(name) > bestLen {
			dir, bestLen, found = p.dir, len(name), true
		}
	}
	if found {
		rel = strings.TrimLeft(path[bestLen:], "/")
		if rel == "" {
			rel = "."
		}
	}
	return
}

func escape(name string, dir uint32, rel string) {
	got, e := openRead(dir, rel)
	switch {
	case e == nil:
		check.That(false, name, "open-at(%d, %q) opened it and read %d bytes: %.40s", dir, rel, len(got), got)
	case e.refused:
		// The error each runtime refuses with is worth recording, so it rides on the ok line.
		fmt.Printf("ok %s # refused with %s\n", name, e.name)
	default:
		check.That(false, name, "open-at(%d, %q) failed with %s, not a refusal", dir, rel, e.name)
	}
}

func escapePath(name, path string) {
	if dir, rel, ok := preopenFor(path); ok {
		escape(name, dir, rel)
	} else {
		check.That(false, name, "no preopen holds %s", path)
	}
}

func main() {
	root := os.Args[1]
	dir, rel, found := preopenFor(root + "/inside.txt")
	var got string
	var e *wasiError
	if found {
		got, e = openRead(dir, rel)
	}
	check.That(found && e == nil && got == "inside\n", "inside-opens", "found=%v %q %v", found, got, e)
	escapePath("escape-dotdot", root+"/../outside/secret.txt")
	escapePath("escape-symlink", root+"/link-out/secret.txt")
	// An absolute path handed to open-at, which takes only relative ones.
	if found {
		escape("escape-absolute", dir, "/etc/passwd")
	} else {
		check.That(false, "escape-absolute", "no preopen holds %s", root)
	}
	os.Exit(check.Status())
}
