// Cold start: a program that only says it ran (one line, so a run tells from a no-op), timed from process start to exit.
package main

import "os"

func main() {
	os.Stdout.WriteString("ok started\n")
}
