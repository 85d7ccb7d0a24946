package tone_test

import (
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/tone"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestLanguages: the findings speak the reader's language, whatever the
// post's; French puts narrow no-break spaces inside « » and before ; and
// the forms to write instead are joined with the reader's "or".
func TestLanguages(t *testing.T) {
	src := post("publish_at: 2026-12-20 10:00\n", "Votre place !!\n")
	r := newRepo(t, map[string]string{postPath: src, "charte.yml": "tone:\n  address: tu\n"})
	f := loadOne(t, r, postPath)
	for _, tc := range []struct {
		l                               i18n.Lang
		address, hint, punct, punctHint string
	}{
		{"", "«Votre» addresses the reader as vous; the charter says tu",
			"write «ton or ta» and make the verb agree; a quote between « » is not checked",
			"«!!»: a run of marks reads as shouting", "one «!» is enough"},
		{i18n.French, "«\u202fVotre\u202f» s’adresse au lecteur avec «\u202fvous\u202f»\u202f; la charte dit «\u202ftu\u202f»",
			"écrivez «\u202fton ou ta\u202f» et accordez le verbe\u202f; une citation entre «\u202f» n’est pas vérifiée",
			"«\u202f!!\u202f»\u00a0: tant de signes à la suite, on croirait un cri", "un seul «\u202f!\u202f» suffit"},
		{i18n.Dutch, "«Votre» spreekt de lezer aan met vous; het charter zegt tu",
			"schrijf «ton of ta» en pas het werkwoord aan; een citaat tussen « » wordt niet nagekeken",
			"«!!»: een reeks leestekens lijkt op schreeuwen", "één «!» is genoeg"},
	} {
		got := tone.Tone{}.Check(&rule.Context{Repo: r, Now: now, Language: tc.l}, f)
		if len(got) != 2 {
			t.Fatalf("%s: %d findings, want 2:\n%s", tc.l, len(got), list(got))
		}
		a, p := got[0], got[1]
		if a.Rule != tone.IDAddress {
			a, p = p, a
		}
		if a.Message != tc.address || a.Hint != tc.hint {
			t.Errorf("%s: address:\n got %q\n     %q\nwant %q\n     %q", tc.l, a.Message, a.Hint, tc.address, tc.hint)
		}
		if p.Message != tc.punct || p.Hint != tc.punctHint {
			t.Errorf("%s: punctuation:\n got %q\n     %q\nwant %q\n     %q", tc.l, p.Message, p.Hint, tc.punct, tc.punctHint)
		}
	}
}

// TestDescriptions: the engine describes the rules in its language (SARIF
// shows them in code scanning), English by default.
func TestDescriptions(t *testing.T) {
	for l, want := range map[i18n.Lang]string{
		"":          "A word or phrase the charter lists under tone.words.",
		i18n.French: "Un mot ou une expression que la charte liste sous tone.words.",
		i18n.Dutch:  "Een woord of uitdrukking die het charter onder tone.words opsomt.",
	} {
		e := &linters.Engine{Rules: []linters.Rule{tone.Tone{}}, Language: l}
		found := false
		for _, in := range e.Infos() {
			if in.ID == tone.IDWords {
				found = true
				if in.Description != want {
					t.Errorf("%s: %q, want %q", l, in.Description, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s", l, tone.IDWords)
		}
	}
}
