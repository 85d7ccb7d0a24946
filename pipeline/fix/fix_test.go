package fix

import (
	"strings"
	"testing"
)

func TestVisible(t *testing.T) {
	diff := "--- a/p.md\n+++ b/p.md\n@@ -1 +1 @@\n-Ce soir : jazz !\n+Ce soir\u00a0: jazz\u202f!\n context\u202f!\n"
	got := Visible(diff)
	for _, want := range []string{
		"-Ce soir : jazz !\n",
		"+Ce soir⟨nbsp⟩: jazz⟨fine⟩!\n",
		" context\u202f!\n", // context lines keep their characters: only changes are marked
		"(invisible characters shown as ⟨nbsp⟩ no-break space U+00A0, ⟨fine⟩ narrow no-break space U+202F)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Visible lacks %q:\n%s", want, got)
		}
	}
	if plain := "--- a\n+++ b\n-a b\n+a c\n"; Visible(plain) != plain {
		t.Errorf("a diff without invisible characters changed:\n%s", Visible(plain))
	}
}

func TestResultLine(t *testing.T) {
	for _, tc := range []struct {
		r    Result
		diff bool
		want string
	}{
		{Result{}, false, "nothing to fix"},
		{Result{Fixes: 1, Files: 1}, false, "fixed 1 finding in 1 file"},
		{Result{Fixes: 6, Files: 2}, true, "would fix 6 findings in 2 files"},
	} {
		if got := tc.r.Line(tc.diff); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.r, got, tc.want)
		}
	}
}

func TestStartsUpper(t *testing.T) {
	for w, want := range map[string]bool{"Dumont": true, "Émilie": true, "dumont": false, "": false, "«Dumont": false} {
		if startsUpper(w) != want {
			t.Errorf("startsUpper(%q) != %v", w, want)
		}
	}
}
