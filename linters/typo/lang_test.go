package typo_test

import (
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/linters/typo"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestLanguages: the findings speak the reader's language, from the
// Context or from the engine; French says « espace fine insécable » with
// how to type it.
func TestLanguages(t *testing.T) {
	src := post("publish_at: 2026-12-20 10:00\n", "Bonjour !\n")
	r := newRepo(t, map[string]string{postPath: src})
	f := loadOne(t, r, postPath)
	for _, tc := range []struct {
		l             i18n.Lang
		message, hint string
	}{
		{"", "plain space before \"!\" (the line may break there): French typography wants a narrow no-break space (U+202F)",
			"replace the plain space with a narrow no-break space (U+202F)"},
		{i18n.French, "espace simple avant «\u202f!\u202f» (la ligne peut se couper là)\u00a0: la typographie française demande une espace fine insécable (U+202F)",
			"mettez à la place une espace fine insécable (copiez-la entre ces crochets\u00a0: [\u202f], ou tapez 202F puis Alt+X dans Word ou LibreOffice\u202f; crieur fix la place pour vous) (aujourd’hui\u00a0: espace simple)"},
		{i18n.Dutch, "gewone spatie voor \"!\" (de regel kan daar afbreken): de Franse typografie vraagt een smalle harde spatie (U+202F)",
			"vervang de gewone spatie door een smalle harde spatie (kopieer ze tussen deze haakjes: [\u202f], of typ 202F en dan Alt+X in Word of LibreOffice; crieur fix zet ze voor u)"},
	} {
		e := &linters.Engine{Rules: []linters.Rule{typo.French{}}, Language: tc.l}
		files := []*content.File{f}
		fs := e.Lint(&linters.Context{Repo: r, Now: lintTime}, files, files, nil)
		if len(fs) != 1 {
			t.Fatalf("%s: %d findings, want 1: %v", tc.l, len(fs), fs)
		}
		if fs[0].Message != tc.message || fs[0].Hint != tc.hint {
			t.Errorf("%s:\n got %s\n     %s\nwant %s\n     %s", tc.l, visible(fs[0].Message), visible(fs[0].Hint), visible(tc.message), visible(tc.hint))
		}
	}
}

// TestDescriptions: the engine describes the rules in its language (SARIF
// shows them in code scanning), English by default.
func TestDescriptions(t *testing.T) {
	for l, want := range map[i18n.Lang]string{
		"":          "Three dots (...) where the ellipsis character (…) belongs.",
		i18n.French: "Trois points (...) là où il faut le caractère points de suspension (…).",
		i18n.Dutch:  "Drie punten (...) waar het beletselteken (…) hoort.",
	} {
		e := &linters.Engine{Rules: []linters.Rule{typo.French{}}, Language: l}
		found := false
		for _, in := range e.Infos() {
			if in.ID == "typo.fr.ellipsis" {
				found = true
				if in.Description != want {
					t.Errorf("%s: %q, want %q", l, in.Description, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no typo.fr.ellipsis", l)
		}
	}
}
