package schedule_test

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/schedule"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestLanguages: the findings speak the reader's language (weekday names,
// the words between the placeholders), dates stay ISO.
func TestLanguages(t *testing.T) {
	r := newRepo(t, map[string]string{
		dir + "a.md": plain("2026-12-03 22:00", "mastodon"),
		dir + "b.md": body("2026-12-06 10:00", "mastodon", "Dimanche"),
		dir + "c.md": body("2026-12-05 10:00", "mastodon", "Un"),
		dir + "d.md": body("2026-12-05 10:30", "mastodon", "Deux"),
	})
	files := loadAll(t, r)
	for _, tc := range []struct {
		l    i18n.Lang
		want []string
	}{
		{i18n.English, []string{
			"publish_at 2026-12-03 22:00 is outside the posting hours 08:00-21:00",
			"choose a time between 08:00 and 21:00, Europe/Brussels time",
			"publish_at 2026-12-06 10:00 falls on a Sunday, not a posting day",
			"30m after posts/2026/12/c.md (2026-12-05 10:00)",
		}},
		{i18n.French, []string{
			"le post prévu le 2026-12-03 22:00 est en dehors des heures de publication 08:00-21:00",
			"choisissez une heure entre 08:00 et 21:00, heure de Europe/Brussels",
			"le post prévu le 2026-12-06 10:00 tombe un dimanche, qui n’est pas un jour de publication",
			"est 30m après posts/2026/12/c.md (2026-12-05 10:00)\u00a0: la charte demande au moins 1h30",
			"mettez publish_at à 2026-12-05 11:30 ou plus tard",
		}},
		{i18n.Dutch, []string{
			"de post van 2026-12-03 22:00 valt buiten de publicatie-uren 08:00-21:00",
			"de post van 2026-12-06 10:00 valt op een zondag, geen publicatiedag",
			"ligt 30m na posts/2026/12/c.md (2026-12-05 10:00): het charter vraagt minstens 1h30",
		}},
	} {
		var all strings.Builder
		for _, f := range (schedule.Calendar{}).CheckAll(&rule.Context{Repo: r, Now: now, Language: tc.l}, files) {
			all.WriteString(f.Message + "\n" + f.Hint + "\n")
		}
		for _, w := range tc.want {
			if !strings.Contains(all.String(), w) {
				t.Errorf("%s: no %q in\n%s", tc.l, w, all.String())
			}
		}
	}
}
