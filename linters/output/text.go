package output

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// words are what the text view says in each language.
var words = i18n.MustLoad(catalog, "messages")

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
	return TextIn(w, fs, filesChecked, i18n.English)
}

// TextIn is Text in the reader's language: the hint and fix labels and
// the summary line ("3 erreurs, 14 avertissements, 1 suggestion dans 30
// fichiers"). Severities and rule ids stay as written: they are what
// charte.yml's severity overrides and silencing comments name.
func TextIn(w io.Writer, fs []pipeline.Finding, filesChecked int, l i18n.Lang) error {
	return TextStyled(w, fs, filesChecked, TextStyle{Lang: l})
}

// TextStyled is Text as style says: in its language, in colour, without
// the summary line when quiet.
func TextStyled(w io.Writer, fs []pipeline.Finding, filesChecked int, style TextStyle) error {
	bw := bufio.NewWriter(w)
	l := style.Lang
	for _, f := range sorted(fs) {
		fmt.Fprintf(bw, "%s:%d:%d: %s %s: %s\n", f.Path, f.Line, f.Col, style.paint(severityColour[f.Severity], f.Severity.String()), style.paint(dim, f.Rule), f.Message)
		if f.Hint != "" {
			fmt.Fprintf(bw, "  %s\n", words.Text(l, "hint", i18n.Args{"hint": f.Hint}))
		}
		if f.Fix != nil {
			fmt.Fprintf(bw, "  %s\n", fixIn(f.Fix, l))
		}
	}
	if !style.Quiet {
		fmt.Fprintln(bw, style.paint(bold, summary(fs, filesChecked, l)))
	}
	return bw.Flush()
}

// fixIn says what a fix does in the reader's language.
func fixIn(fix *pipeline.Fix, l i18n.Lang) string {
	if fix.Text == "" {
		return words.Text(l, "fix.delete", nil)
	}
	return words.Text(l, "fix.replace", i18n.Args{"text": visible(fix.Text)})
}

// describeFix says in a few words what a fix does. Spaces other than the
// plain one and invisible characters are spelled out, since a narrow
// no-break space looks like nothing on a terminal: «<U+202F>!».
func describeFix(fix *pipeline.Fix) string {
	if fix.Text == "" {
		return "delete"
	}
	return "replace with «" + visible(fix.Text) + "»"
}

// visible spells out the spaces other than the plain one and the
// invisible characters of a text: a<U+202F>!.
func visible(text string) string {
	var b strings.Builder
	for _, r := range text {
		if r == ' ' || (unicode.IsGraphic(r) && !unicode.IsSpace(r)) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "<U+%04X>", r)
		}
	}
	return b.String()
}

// summary counts the findings by severity, and the files.
func summary(fs []pipeline.Finding, filesChecked int, l i18n.Lang) string {
	files := words.Count(l, "summary.files", filesChecked, nil)
	if len(fs) == 0 {
		return words.Text(l, "summary.none", i18n.Args{"files": files})
	}
	c := count(fs)
	return words.Text(l, "summary.findings", i18n.Args{
		"errors":      words.Count(l, "summary.errors", c.Error, nil),
		"warnings":    words.Count(l, "summary.warnings", c.Warning, nil),
		"suggestions": words.Count(l, "summary.suggestions", c.Suggestion, nil),
		"files":       files,
	})
}
