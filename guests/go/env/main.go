// Sees exactly the environment declared by suites/cli/env.yaml and no other variable
// (the inherit-env control adds WASI_MATRIX_HOST_SENTINEL, so a name prefix would not do).
package main

import (
	"os"
	"strings"

	"wasimatrix/guests/check"
)

func main() {
	a, u := os.Getenv("WASI_MATRIX_A"), os.Getenv("WASI_MATRIX_UTF8")
	check.That(a == "one", "env-set", "WASI_MATRIX_A=%q", a)
	check.That(u == "grüß", "env-utf8", "WASI_MATRIX_UTF8=%q", u)
	all := os.Environ()
	extra := ""
	for _, e := range all {
		if name, _, _ := strings.Cut(e, "="); name != "WASI_MATRIX_A" && name != "WASI_MATRIX_UTF8" {
			extra = e
			break
		}
	}
	if len(extra) > 60 {
		extra = extra[:60]
	}
	check.That(extra == "", "env-no-leak", "%d variables, first undeclared: %s", len(all), extra)
	os.Exit(check.Status())
}
