// File operations inside a preopened directory (argv[1]); the fixture holds
// hello.txt = "hello, fixture\n" and unlink-me.txt. What this leaves behind
// (renamed.txt = "fresh bytes", an empty created.txt, no written.txt, no
// unlink-me.txt) is checked on the host by suites/fs/files.yaml.
package main

import (
	"errors"
	"io/fs"
	"os"

	"wasimatrix/guests/check"
)

func main() {
	root := os.Args[1]
	p := func(n string) string { return root + "/" + n }

	b, err := os.ReadFile(p("hello.txt"))
	check.That(err == nil && string(b) == "hello, fixture\n", "read", "%q %v", b, err)

	st, err := os.Stat(p("hello.txt"))
	check.That(err == nil && st.Mode().IsRegular() && st.Size() == 15, "stat", "%v %v", st, err)

	werr := os.WriteFile(p("written.txt"), []byte("fresh bytes"), 0o644)
	back, rerr := os.ReadFile(p("written.txt"))
	check.That(werr == nil && rerr == nil && string(back) == "fresh bytes", "write", "write=%v read=%v", werr, rerr)

	f1, e1 := os.OpenFile(p("created.txt"), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	_, e2 := os.OpenFile(p("created.txt"), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	check.That(e1 == nil && errors.Is(e2, fs.ErrExist), "create-exclusive", "first=%v second=%v", e1, e2)
	if f1 != nil {
		f1.Close()
	}

	rerr = os.Rename(p("written.txt"), p("renamed.txt"))
	_, goneErr := os.Stat(p("written.txt"))
	_, thereErr := os.Stat(p("renamed.txt"))
	check.That(rerr == nil && goneErr != nil && thereErr == nil, "rename", "rename=%v old=%v new=%v", rerr, goneErr, thereErr)

	uerr := os.Remove(p("unlink-me.txt"))
	_, after := os.Stat(p("unlink-me.txt"))
	check.That(uerr == nil && after != nil, "unlink", "%v", uerr)
	os.Exit(check.Status())
}
