package pipeline

import (
	"io"
	"strings"
)

// Problems is what crieur -q (--quiet) lets through of a progress
// stream, such as publish's one line per delivery: with quiet false, w
// itself; else only the lines that start with a word saying something
// went wrong (failed, refused, check, warning, cancelled), the others
// ("published …", "skipped …") dropped. Each Write is taken as whole
// lines, as fmt.Fprintf writes them.
func Problems(w io.Writer, quiet bool) io.Writer {
	if !quiet {
		return w
	}
	return problemLines{w}
}

type problemLines struct{ w io.Writer }

var problemWords = []string{"failed", "refused", "check", "warning", "cancelled"}

func (p problemLines) Write(b []byte) (int, error) {
	for _, line := range strings.SplitAfter(string(b), "\n") {
		word, _, _ := strings.Cut(line, " ")
		for _, w := range problemWords {
			if strings.TrimSuffix(word, ":") == w {
				if _, err := io.WriteString(p.w, line); err != nil {
					return 0, err
				}
			}
		}
	}
	return len(b), nil
}
