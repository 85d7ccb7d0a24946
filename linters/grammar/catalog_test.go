package grammar

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty; every rule id and French rule the code says is
// there.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
	if err := saysAll(say); err != nil {
		t.Error(err)
	}
}

// TestLanguages: crieur's French rules and the runner's notices speak the
// reader's language; French puts narrow no-break spaces inside « », a
// no-break space before :, and names the gender in French.
func TestLanguages(t *testing.T) {
	if len(french()) == 0 {
		t.Skip("no French Hunspell dictionary (apt-get install hunspell-fr)")
	}
	c, files := repo(t, true, map[string]string{"posts/a.md": "---\npublish_at: 2026-12-20 10:00\n---\nDe nombreux personnes sont venues.\n"})
	for _, tc := range []struct {
		l                    i18n.Lang
		message, hint, noGrm string
	}{
		{"", "« nombreux personnes »: « personnes » is feminine", "write « nombreuses personnes »",
			"French grammar is not checked: no-such-grammalecte is not installed"},
		{i18n.French, "«\u202fnombreux personnes\u202f»\u00a0: «\u202fpersonnes\u202f» est féminin", "écrivez «\u202fnombreuses personnes\u202f»",
			"la grammaire française n’est pas vérifiée\u00a0: no-such-grammalecte n’est pas installé"},
		{i18n.Dutch, "« nombreux personnes »: « personnes » is vrouwelijk", "schrijf « nombreuses personnes »",
			"de Franse grammatica wordt niet nagekeken: no-such-grammalecte is niet geïnstalleerd"},
	} {
		ctx := &rule.Context{Repo: c.Repo, Now: c.Now, Language: tc.l}
		var got []string
		for _, f := range (French{}).Check(ctx, files[0]) {
			if f.Rule == idAdjective {
				got = append(got, f.Message, f.Hint)
			}
		}
		if strings.Join(got, "\n") != tc.message+"\n"+tc.hint {
			t.Errorf("%s: got %q, want %q and %q", tc.l, got, tc.message, tc.hint)
		}
		fs := Grammar{Command: "no-such-grammalecte"}.CheckAll(ctx, files)
		if len(fs) != 1 || fs[0].Message != tc.noGrm {
			t.Errorf("%s: without Grammalecte, got %v, want %q", tc.l, fs, tc.noGrm)
		}
	}
}

// TestDescriptions: the rules describe themselves in the reader's
// language (SARIF), English where Info has it.
func TestDescriptions(t *testing.T) {
	if got, want := (French{}).Describe(i18n.French, idNe), "Le «\u202fne\u202f» d’une négation oublié après «\u202fon\u202f» («\u202fon a jamais\u202f», «\u202fon est pas\u202f»)."; got != want {
		t.Errorf("French: %q, want %q", got, want)
	}
	if got, want := (Grammar{}).Describe(i18n.Dutch, "grammar.unavailable"), "grammalecte-cli is niet geïnstalleerd: de Franse grammatica wordt niet nagekeken."; got != want {
		t.Errorf("Dutch: %q, want %q", got, want)
	}
	for _, in := range (Grammar{}).Infos() {
		if in.ID == "grammar" && in.Description != "French grammar (Grammalecte): agreement, confusions, conjugation." {
			t.Errorf("English: %q", in.Description)
		}
	}
}
