package typo

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline/i18n"
)

func TestData(t *testing.T) {
	if _, err := parse(dataYAML); err != nil {
		t.Fatal(err)
	}
	odd := strings.Replace(string(dataYAML), `  - ":-)"`, `  - "=)"`, 1)
	if odd == string(dataYAML) {
		t.Fatal("the test no longer changes an emoticon")
	}
	if _, err := parse([]byte(odd)); err == nil || !strings.Contains(err.Error(), `"=)"`) {
		t.Errorf("a data file with an emoticon that cannot be found: %v", err)
	}
}

// TestCatalog: every message in English, French and Dutch with the same
// placeholders, and every message the code says.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
	if err := saysAll(say); err != nil {
		t.Error(err)
	}
	broken := fstest.MapFS{}
	for _, l := range i18n.Langs {
		b, err := catalog.ReadFile("messages/" + string(l) + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		broken["messages/"+string(l)+".yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(b), "\nellipsis:\n", "\nellipse:\n", 1))}
	}
	c, err := i18n.Load(broken, "messages")
	if err != nil {
		t.Fatal(err)
	}
	if err := saysAll(c); err == nil || !strings.Contains(err.Error(), "ellipsis") {
		t.Errorf("a catalog without ellipsis: %v", err)
	}
}

func TestSpaceName(t *testing.T) {
	for gap, want := range map[string]string{
		" ":            "plain space",
		"\u202f":       "narrow no-break space (U+202F)",
		"\u00a0":       "no-break space (U+00A0)",
		"\u2009":       "space (U+2009)",
		"  ":           "2 spaces",
		"\u00a0\u202f": "2 spaces",
	} {
		if got := spaceName(i18n.English, gap, false); got != want {
			t.Errorf("spaceName(%q) = %q, want %q", gap, got, want)
		}
	}
}

// FuzzScan: whatever the text, scan does not panic; its issues are
// ranges of the text, in order, that do not overlap, whose replacements
// are valid UTF-8 and change something; and fixing converges: the fixed
// text has no issue left.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"Bonjour: ça va?", "« Oui »", "«»", "« ,", "l'été...", "Super  !?! :-)",
		"https://example.org/a?b ! [x](https://y.org)!", "`a:b` &amp; (?)",
		"#l'été #jazz!", "20:30 3:1 1,5 M. Dupont", "…!", ". . .", "x ;\n! y",
		"\u202f:\u00a0!", "«\u202f»", "a\xff: b", "' ' '", "« ... »", "a :) b ;p c",
	} {
		f.Add(s, false, false)
	}
	f.Fuzz(func(t *testing.T, src string, nbsp, quebec bool) {
		st := style{space: narrowSpace, quebec: quebec}
		if nbsp {
			st.space = noBreakSpace
		}
		last := 0
		issues := scan(src, rule.Mask(src), st)
		var fixed strings.Builder
		for _, is := range issues {
			if is.start < last || is.end <= is.start || is.end > len(src) {
				t.Fatalf("issue %+v after %d in %q", is, last, src)
			}
			if !utf8.ValidString(is.repl) || is.repl == src[is.start:is.end] {
				t.Fatalf("issue %+v replaces %q with %q", is, src[is.start:is.end], is.repl)
			}
			if msg, hint := render(i18n.French, is); msg == "" || hint == "" || strings.Contains(msg+hint, "{") {
				t.Fatalf("issue %+v: message %q, hint %q", is, msg, hint)
			}
			fixed.WriteString(src[last:is.start])
			fixed.WriteString(is.repl)
			last = is.end
		}
		fixed.WriteString(src[last:])
		if len(issues) > 0 {
			out := fixed.String()
			if again := scan(out, rule.Mask(out), st); len(again) > 0 {
				t.Fatalf("%q fixed is %q, which still has %+v", src, out, again[0])
			}
		}
	})
}
