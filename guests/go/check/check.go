// Package check reports sub-checks as TAP-like lines on stdout.
package check

import (
	"fmt"
	"os"
)

var failures int

// That prints "ok name" when ok holds, else "not ok name # detail".
func That(ok bool, name string, format string, args ...any) {
	if ok {
		fmt.Fprintf(os.Stdout, "ok %s\n", name)
		return
	}
	failures++
	fmt.Fprintf(os.Stdout, "not ok %s # %s\n", name, fmt.Sprintf(format, args...))
}

// Status is the exit status for the end of a guest: 0 when every check passed.
func Status() int {
	if failures == 0 {
		return 0
	}
	return 1
}
