// Creates more entries than one fd_readdir buffer holds, then lists them:
// the listing must resume from its cookie and neither repeat nor lose entries.
package main

import (
	"fmt"
	"os"

	"wasimatrix/guests/check"
)

const count = 300

func main() {
	dir := os.Args[1] + "/many"
	os.Mkdir(dir, 0o755)
	made := 0
	for i := 0; i < count; i++ {
		if os.WriteFile(fmt.Sprintf("%s/entry-with-a-deliberately-long-name-to-fill-buffers-%04d", dir, i), nil, 0o644) == nil {
			made++
		}
	}
	check.That(made == count, "create-entries", "created %d of %d", made, count)
	seen := 0
	if f, err := os.Open(dir); err == nil {
		// Bounded: a runtime that ignores cookies would otherwise repeat forever.
		for seen < 10*count {
			batch, err := f.ReadDir(64)
			seen += len(batch)
			if err != nil || len(batch) == 0 {
				break
			}
		}
		f.Close()
	}
	check.That(seen == count, "readdir-resumes", "listed %d entries, want %d", seen, count)
	os.Exit(check.Status())
}
