// Command testsummary reads `go test -json` on its standard input and
// prints what a plain `go test` prints (a line per package, and the
// output of each failing test), then one closing line:
//
//	N passed, N failed, N skipped
//
// counting tests and subtests. It exits 1 when a test or a package
// failed (a package that does not build counts as one failure), so that
// scripts/test.sh keeps its exit status:
//
//	go test -json ./... | go run ./internal/testsummary
//
// Not a room of the house: a tool of the test scripts; the standard
// library only.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() { os.Exit(summarise(os.Stdin, os.Stdout)) }

// event is one line of go test -json (cmd/test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

type counts struct{ passed, failed, skipped int }

func (c counts) String() string {
	return fmt.Sprintf("%d passed, %d failed, %d skipped", c.passed, c.failed, c.skipped)
}

// summarise copies the verdicts, keeps each test's output until it is
// known to have failed, and returns the exit status.
func summarise(r io.Reader, w io.Writer) int {
	var c counts
	var skipped []string // which tests skipped, and why: a skip hides a gap
	pkgFailed := 0
	output := map[string]*strings.Builder{} // package + test -> its output so far
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
			fmt.Fprintf(w, "%s\n", line) // not JSON: a build error, go vet…
			continue
		}
		key := e.Package + "\x00" + e.Test
		switch e.Action {
		case "output":
			if e.Test == "" {
				// A package's own lines: ok/FAIL/no test files, and
				// what a test binary prints outside any test.
				if !strings.HasPrefix(e.Output, "=== ") && !strings.HasPrefix(e.Output, "PASS\n") && !strings.HasPrefix(e.Output, "FAIL\n") {
					fmt.Fprint(w, e.Output)
				}
				continue
			}
			b := output[key]
			if b == nil {
				b = &strings.Builder{}
				output[key] = b
			}
			b.WriteString(e.Output)
		case "pass", "fail", "skip":
			if e.Test == "" {
				if e.Action == "fail" {
					pkgFailed++
				}
				continue
			}
			switch e.Action {
			case "pass":
				c.passed++
			case "fail":
				c.failed++
				// A parent's output holds its subtests' own lines
				// too: print the leaves' only.
				if b := output[key]; b != nil {
					fmt.Fprint(w, b.String())
				}
			case "skip":
				c.skipped++
				skipped = append(skipped, skipLine(e, output[key]))
			}
			delete(output, key)
		}
	}
	if pkgFailed > 0 && c.failed == 0 {
		c.failed = pkgFailed // a package that does not build, or panics outside a test
	}
	for _, s := range skipped {
		fmt.Fprintln(w, s)
	}
	fmt.Fprintln(w, c)
	if c.failed > 0 || pkgFailed > 0 {
		return 1
	}
	return 0
}

// skipLine names a skipped test and the reason it printed (the last line
// of its output that is not go test's own "--- SKIP").
func skipLine(e event, out *strings.Builder) string {
	why := ""
	if out != nil {
		for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--- SKIP") && !strings.HasPrefix(l, "=== ") {
				why = l
			}
		}
	}
	return strings.TrimSpace(fmt.Sprintf("skipped: %s %s %s", e.Package, e.Test, why))
}
