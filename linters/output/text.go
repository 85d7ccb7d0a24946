package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/crieur/crieur/pipeline"
)

// Text writes one line per finding, in reading order,
//
//	posts/2026/12/saison.md:4:12: error charte.forbidden: « gratuit » est interdit
//	  hint: écrivez « offert »
//	  fix: replace with «offert»
//
// then a summary line such as "3 errors, 1 warning, 0 suggestions in 5
// files" or "no findings in 24 files", where filesChecked is the number of
// files the linter read.
func Text(w io.Writer, fs []pipeline.Finding, filesChecked int) error {
	bw := bufio.NewWriter(w)
	for _, f := range sorted(fs) {
		fmt.Fprintf(bw, "%s:%d:%d: %s %s: %s\n", f.Path, f.Line, f.Col, f.Severity, f.Rule, f.Message)
		if f.Hint != "" {
			fmt.Fprintf(bw, "  hint: %s\n", f.Hint)
		}
		if f.Fix != nil {
			fmt.Fprintf(bw, "  fix: %s\n", describeFix(f.Fix))
		}
	}
	fmt.Fprintln(bw, summary(fs, filesChecked))
	return bw.Flush()
}

// describeFix says in a few words what a fix does. Spaces other than the
// plain one and invisible characters are spelled out, since a narrow
// no-break space looks like nothing on a terminal: «<U+202F>!».
func describeFix(fix *pipeline.Fix) string {
	if fix.Text == "" {
		return "delete"
	}
	var b strings.Builder
	b.WriteString("replace with «")
	for _, r := range fix.Text {
		if r == ' ' || (unicode.IsGraphic(r) && !unicode.IsSpace(r)) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "<U+%04X>", r)
		}
	}
	b.WriteString("»")
	return b.String()
}

func summary(fs []pipeline.Finding, filesChecked int) string {
	files := plural(filesChecked, "file", "files")
	if len(fs) == 0 {
		return "no findings in " + files
	}
	c := count(fs)
	return fmt.Sprintf("%s, %s, %s in %s",
		plural(c.Error, "error", "errors"),
		plural(c.Warning, "warning", "warnings"),
		plural(c.Suggestion, "suggestion", "suggestions"),
		files)
}

// plural writes n and the noun that goes with it: 0 errors, 1 error, 2
// errors.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
