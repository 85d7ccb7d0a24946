package fix

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline/i18n"
)

func TestVisible(t *testing.T) {
	diff := "--- a/p.md\n+++ b/p.md\n@@ -1 +1 @@\n-Ce soir : jazz !\n+Ce soir\u00a0: jazz\u202f!\n context\u202f!\n"
	got := Visible(diff, i18n.English)
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
	if plain := "--- a\n+++ b\n-a b\n+a c\n"; Visible(plain, i18n.English) != plain {
		t.Errorf("a diff without invisible characters changed:\n%s", Visible(plain, i18n.English))
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
		if got := tc.r.Line(tc.diff, i18n.English); got != tc.want {
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

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty; every invisible character is named.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
	for r, mark := range invisible {
		if !say.Has("invisible." + mark) {
			t.Errorf("%U: invisible.%s is not in messages/", r, mark)
		}
	}
}

// TestLanguages: what fix says, in French and Dutch.
func TestLanguages(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{Result{Fixes: 1, Files: 1}.Line(false, i18n.French), "corrigé\u00a0: 1 remarque dans 1 fichier"},
		{Result{Fixes: 6, Files: 2}.Line(true, i18n.French), "à corriger\u00a0: 6 remarques dans 2 fichiers"},
		{Result{}.Line(false, i18n.Dutch), "niets te herstellen"},
		{Result{Fixes: 6, Files: 2}.Line(false, i18n.Dutch), "6 opmerkingen hersteld in 2 bestanden"},
		{Visible("-a b\n+a\u202fb\n", i18n.French), "-a b\n+a⟨fine⟩b\n(caractères invisibles montrés ainsi\u00a0: ⟨fine⟩ espace fine insécable U+202F)\n"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
	var out strings.Builder
	Ask(strings.NewReader("o\n"), &out, false, true)(Names{[]string{"a.md: Dumont → Dupont"}, i18n.French})
	if want := "ces corrections d’orthographe changent des noms\u00a0:\n  a.md: Dumont → Dupont\nles appliquer\u202f? [o/N] "; out.String() != want {
		t.Errorf("Ask: %q, want %q", out.String(), want)
	}
}
