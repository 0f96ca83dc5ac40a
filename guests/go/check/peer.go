package check

import "strings"

// Nonced reports whether got is what a harness peer sends for want: the text with the cell's nonce
// before its newline ("ping [3fa94c1b2d7e]\n"), a nonce only a real exchange can show.
func Nonced(got, want string) bool {
	text, newline := strings.CutSuffix(want, "\n")
	rest, ok := strings.CutPrefix(got, text+" [")
	if newline {
		rest, ok = strings.CutSuffix(rest, "\n")
		if !ok {
			return false
		}
	}
	return ok && len(rest) > 1 && strings.HasSuffix(rest, "]")
}
