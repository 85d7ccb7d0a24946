package spelling

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty; every message the code says is there, and
// every language of spelling.yml has a name.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
	for _, k := range messageKeys {
		if !say.Has(k) {
			t.Errorf("messages: %s is missing", k)
		}
	}
	for base := range conf.Languages {
		if !say.Has("language." + base) {
			t.Errorf("messages: language.%s is missing", base)
		}
	}
}

func TestDictionaryFindingLanguages(t *testing.T) {
	p := &pipeline.Post{Path: "posts/a.md"}
	err := &missingError{lang: "en-GB", name: "English (GB)"}
	for l, want := range map[i18n.Lang][]string{
		i18n.English: {"no English (GB) dictionary for lang en-GB", "(not found)", "searched: no folder"},
		i18n.French:  {"pas de dictionnaire anglais (GB) pour lang en-GB", "(introuvable)", "dossiers cherchés\u00a0: aucun dossier"},
		i18n.Dutch:   {"geen woordenboek voor het Engels (GB) voor lang en-GB", "(niet gevonden)", "doorzocht: geen map"},
	} {
		fd := dictionaryFinding(l, p, "en-GB", err)
		got := fd.Message + "\n" + fd.Hint
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: no %q in\n%s", l, w, got)
			}
		}
	}
	fd := finding(i18n.French, problem{word: "Bruxele", suggestions: []string{"Bruxelles"}}, "fr", "vocabulaire.txt", func(_ rule.Span, msg, hint string, _ *string) pipeline.Finding {
		return pipeline.Finding{Message: msg, Hint: hint}
	})
	if fd.Message != "«\u202fBruxele\u202f» n’est pas dans le dictionnaire fr" || fd.Hint != "vouliez-vous dire Bruxelles\u202f? sinon, ajoutez-le à vocabulaire.txt" {
		t.Errorf("French: %q, %q", fd.Message, fd.Hint)
	}
}
