// Directory operations inside a preopened directory (argv[1]); the fixture
// holds listing/ with exactly a.txt, b.txt and c.txt. What this leaves behind
// (made/ kept, gone/ removed, listing/ intact) is checked on the host by
// suites/fs/dirs.yaml.
package main

import (
	"errors"
	"os"
	"slices"
	"syscall"

	"wasimatrix/guests/check"
)

func main() {
	root := os.Args[1]
	entries, err := os.ReadDir(root + "/listing")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	check.That(err == nil && slices.Equal(names, []string{"a.txt", "b.txt", "c.txt"}), "readdir", "%v %v", names, err)

	made := root + "/made"
	merr := os.Mkdir(made, 0o755)
	st, serr := os.Stat(made)
	check.That(merr == nil && serr == nil && st.IsDir(), "mkdir", "mkdir=%v stat=%v", merr, serr)

	gone := root + "/gone"
	gerr := os.Mkdir(gone, 0o755)
	rerr := os.Remove(gone)
	_, after := os.Stat(gone)
	check.That(gerr == nil && rerr == nil && after != nil, "rmdir", "mkdir=%v rmdir=%v", gerr, rerr)

	nerr := os.Remove(root + "/listing")
	check.That(errors.Is(nerr, syscall.ENOTEMPTY), "rmdir-nonempty-fails", "%v", nerr)
	os.Exit(check.Status())
}
