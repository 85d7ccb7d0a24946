package charte_test

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/charte"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestLanguages: the charter's findings in the reader's language; a
// custom rule's own message stays as the charter writes it.
func TestLanguages(t *testing.T) {
	charter := "forbidden:\n  - term: gratos\nhashtags:\n  max: 1\nrules:\n  - id: custom.bxl\n    kind: substitution\n    message: Écrivez Bruxelles en entier\n    pattern: Bxl\n    replace: Bruxelles\n  - id: custom.tag\n    kind: occurrence\n    tokens: [x]\n"
	src := post("publish_at: 2026-12-20 10:00", "Concert gratos à Bxl ce soir #jazz #bxl #live\n")
	r := newRepo(t, map[string]string{"charte.yml": charter, postPath: src})
	f := loadOne(t, r, postPath)
	for _, tc := range []struct {
		l    i18n.Lang
		want []string
	}{
		{i18n.English, []string{"« gratos »: the charter forbids this term", "3 hashtags on mastodon: the charter allows at most 1", "remove 2 hashtags", "Écrivez Bruxelles en entier",
			"charte.yml: rules[1] (custom.tag): an occurrence rule needs min: or max:; this rule is not checked"}},
		{i18n.French, []string{"«\u202fgratos\u202f»\u00a0: la charte interdit ce terme", "3 hashtags sur mastodon\u00a0: la charte en permet 1 au plus", "retirez 2 hashtags", "Écrivez Bruxelles en entier",
			"charte.yml\u00a0: rules[1] (custom.tag)\u00a0: une règle occurrence demande min: ou max:\u202f; cette règle n’est pas vérifiée"}},
		{i18n.Dutch, []string{"« gratos »: het charter verbiedt deze term", "3 hashtags op mastodon: het charter laat er hoogstens 1 toe", "verwijder 2 hashtags", "Écrivez Bruxelles en entier",
			"charte.yml: rules[1] (custom.tag): een occurrence-regel heeft min: of max: nodig; deze regel wordt niet gecontroleerd"}},
	} {
		var all strings.Builder
		for _, fd := range (charte.Brand{}).Check(&rule.Context{Repo: r, Now: now, Language: tc.l}, f) {
			all.WriteString(fd.Message + "\n" + fd.Hint + "\n")
		}
		for _, w := range tc.want {
			if !strings.Contains(all.String(), w) {
				t.Errorf("%s: no %q in\n%s", tc.l, w, all.String())
			}
		}
	}
}
