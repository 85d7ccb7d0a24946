package schedule_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/schedule"
	"github.com/crieur/crieur/pipeline/content"
)

// calendar builds a repository's calendar of n posts of about 500
// characters of French, parsed from their source as the loader does:
// four a day from Monday to Saturday on one to three channels, and every
// fiftieth a weekly repeat for eight weeks, at 19:30 on linkedin. Planted
// problems: every 97th post comes 1h after the previous one (min_gap),
// every 501st at 22:00 (hours), and one in a thousand on a Sunday (days).
func calendar(tb testing.TB, n int) (*content.Repo, []*content.File) {
	tb.Helper()
	r := newRepo(tb, map[string]string{"charte.yml": `schedule:
  hours: "08:00-21:00"
  days: [lun, mar, mer, jeu, ven, sam]
  max_per_day: 5
  min_gap: 2h
  blackouts:
    - {from: 2027-08-13, to: 2027-08-17, reason: la semaine du 15 août}
    - {from: "2026-12-24 20:00", to: "2026-12-26 08:00", reason: Noël}
`})
	chans := []string{"mastodon", "mastodon, bluesky", "mastodon, bluesky, linkedin"}
	text := "La Verrière vous invite à découvrir sa nouvelle saison : concerts de jazz le jeudi, ateliers de percussions pour les enfants le mercredi après-midi, brocante solidaire le premier dimanche du mois et rencontres avec les artistes après chaque spectacle. Réservez vos places dès maintenant sur notre site, la billetterie est ouverte du mardi au samedi. Entrée libre pour les moins de douze ans, tarif réduit pour les étudiantes et les étudiants. À très bientôt à Molenbeek !"
	files := make([]*content.File, 0, n)
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, brussels())
	for i := 0; i < n; i++ {
		if i > 0 && i%4 == 0 {
			day = day.AddDate(0, 0, 1)
			if day.Weekday() == time.Sunday {
				day = day.AddDate(0, 0, 1)
			}
		}
		at := day.Add(8*time.Hour + 30*time.Minute + time.Duration(i%4)*150*time.Minute)
		channels := chans[i%3]
		switch {
		case i%1000 == 998:
			at = at.AddDate(0, 0, 7-int(at.Weekday())) // the next Sunday
		case i%501 == 500:
			at = day.Add(22 * time.Hour)
		case i%97 == 96 && i%4 != 0:
			at = at.Add(-90 * time.Minute) // 1h after the previous post
		}
		front := ""
		if i%50 == 49 {
			at, channels = day.Add(19*time.Hour+30*time.Minute), "linkedin"
			front = "\nrepeat:\n  every: week\n  count: 8"
		}
		front = fmt.Sprintf("title: Saison %d\npublish_at: %s\nchannels: [%s]\nlang: fr", i, at.Format("2006-01-02 15:04"), channels) + front
		rel := fmt.Sprintf("posts/%s/post-%05d.md", at.Format("2006/01"), i)
		f, findings := r.ParsePost(rel, []byte(post(front, fmt.Sprintf("%s (n° %d)\n\n#culture #Bruxelles\n", text, i))))
		if f == nil || len(findings) > 0 {
			tb.Fatalf("%s: %v", rel, findings)
		}
		files = append(files, f)
	}
	return r, files
}

// BenchmarkCalendar1k checks a calendar of 1,000 posts.
func BenchmarkCalendar1k(b *testing.B) {
	r, files := calendar(b, 1000)
	ctx := &rule.Context{Repo: r, Now: now}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		schedule.Calendar{}.CheckAll(ctx, files)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/post")
}

// BenchmarkCalendar10k checks a calendar of 10,000 posts.
func BenchmarkCalendar10k(b *testing.B) {
	r, files := calendar(b, 10000)
	ctx := &rule.Context{Repo: r, Now: now}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		schedule.Calendar{}.CheckAll(ctx, files)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/post")
}

// TestTenThousandPosts: the planted problems of a 10,000-post calendar
// are all found (its speed is BenchmarkCalendar10k's job: no timed test).
func TestTenThousandPosts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 posts")
	}
	r, files := calendar(t, 10000)
	ctx := &rule.Context{Repo: r, Now: now}
	counts := map[string]int{}
	fs := schedule.Calendar{}.CheckAll(ctx, files)
	got := len(fs)
	for _, f := range fs {
		counts[f.Rule]++
	}
	if got == 0 || counts["schedule.min_gap"] == 0 || counts["schedule.days"] == 0 || counts["schedule.hours"] == 0 || counts["schedule.blackout"] == 0 {
		t.Errorf("the planted problems were not all found: %v", counts)
	}
	for id := range counts {
		if !strings.HasPrefix(id, "schedule.") || id == "schedule.config" {
			t.Errorf("unexpected %s", id)
		}
	}
}
