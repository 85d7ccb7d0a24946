package core_test

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/core"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestLanguages: length, media and post findings in the reader's
// language; dates stay ISO.
func TestLanguages(t *testing.T) {
	src := post("publish_at: 2026-12-01 10:00\nstatus: draft\nchannels: [bluesky]\nmedia:\n  - file: ../../../affiche.png", prose(310))
	r := newRepo(t, map[string]string{postPath: src, "affiche.png": string(pngImage(t, 0))})
	f := loadOne(t, r, postPath)
	for _, tc := range []struct {
		l    i18n.Lang
		want []string
	}{
		{i18n.English, []string{
			"the text is too long for bluesky: 310/300 graphemes, 10 over",
			"image ../../../affiche.png has no alt text",
			"this post is a draft: it will not go out on 2026-12-01 10:00 until its status is scheduled",
		}},
		{i18n.French, []string{
			"le texte dépasse la limite de bluesky\u00a0: 310/300 caractères visibles (graphèmes), 10 de trop\u202f; «",
			"raccourcissez le texte, ou écrivez un texte plus court pour ce canal sous variants: bluesky",
			"l’image ../../../affiche.png n’a pas de texte alternatif",
			"ce post est un brouillon\u00a0: il ne partira pas le 2026-12-01 10:00 tant que son statut n’est pas scheduled",
		}},
		{i18n.Dutch, []string{
			"de tekst is te lang voor bluesky: 310/300 zichtbare tekens (grafemen), 10 te veel",
			"afbeelding ../../../affiche.png heeft geen alternatieve tekst",
			"deze post is een concept: hij gaat niet uit op 2026-12-01 10:00 zolang zijn status niet scheduled is",
		}},
	} {
		var all strings.Builder
		c := &rule.Context{Repo: r, Now: now, Language: tc.l}
		for _, ru := range []rule.Rule{core.Length{}, core.Media{}, core.Draft{}} {
			for _, fd := range ru.Check(c, f) {
				all.WriteString(fd.Message + "\n" + fd.Hint + "\n")
			}
		}
		for _, w := range tc.want {
			if !strings.Contains(all.String(), w) {
				t.Errorf("%s: no %q in\n%s", tc.l, w, all.String())
			}
		}
	}
}
