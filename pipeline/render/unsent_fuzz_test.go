package render

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var proseLineRE = regexp.MustCompile(`^[a-z]+(?: [a-z]+)*$`)

// FuzzFindUnsent: spans lie inside the text, and when nothing is reported
// as unsent, a line of plain words that is not code still goes out:
// Plain never drops prose that lint read without saying so.
func FuzzFindUnsent(f *testing.F) {
	for _, s := range []string{
		"Avant.\n<!-- note\n\nconcert annule\n",
		"<div>\nconcert annule\n</div>\n",
		"<!-- a --> concert annule\n",
		"Texte <!-- note --> suite\n<!-- a -->\nconcert annule\n",
		"* a\n  * b\n\nconcert annule\n",
		"[a]: /u\n\nconcert annule\n",
		"[a]: /u (\nconcert annule\n)\n\nfin\n",
		"> cite\nconcert annule\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		unsent := FindUnsent(src)
		for _, u := range unsent {
			if u.Start < 0 || u.Start > u.End || u.End > len(src) {
				t.Fatalf("span %v outside %d bytes", u, len(src))
			}
		}
		if len(unsent) > 0 || strings.Contains(src, "`") || strings.Contains(src, "~~~") || strings.Contains(src, "\r") {
			return
		}
		out := Plain(src)
		for _, line := range strings.Split(src, "\n") {
			if proseLineRE.MatchString(line) && !strings.Contains(out, line) {
				t.Fatalf("prose line %q is not sent:\n%q\n->\n%q", line, src, out)
			}
		}
	})
}

// FuzzFindUnsentShortcut: FindUnsent skips the parse of a text without
// < or ]:, and says what the parse says.
func FuzzFindUnsentShortcut(f *testing.F) {
	for _, s := range []string{"[a]: /u\n", "[a]\n: /u\n", "<div>\nx\n</div>\n", "&lt;!-- x\n", "Texte\n\n[lien](/u)\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := FindUnsent(src), findUnsent(src); !reflect.DeepEqual(got, want) {
			t.Fatalf("FindUnsent(%q) = %v, the parse says %v", src, got, want)
		}
	})
}
