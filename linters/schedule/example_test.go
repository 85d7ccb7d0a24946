package schedule_test

import (
	"testing"
	"time"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/schedule"
	"github.com/crieur/crieur/pipeline/content"
)

// TestContentExample lints content-example/, the repository the README
// tours: its charter sets hours, a quota, a gap and the Christmas
// blackout, and its calendar (a weekly Jeudi jazz included) keeps them.
// Only the two posts that are wrong on purpose may get a finding.
func TestContentExample(t *testing.T) {
	r, err := content.Open("../../content-example")
	if err != nil {
		t.Fatal(err)
	}
	s := r.CharterFor("").Schedule
	if s.Hours == "" || s.MaxPerDay == 0 || s.MinGap == "" || len(s.Blackouts) == 0 {
		t.Fatalf("content-example's charter lost its schedule (%+v): this test would prove nothing", s)
	}
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := r.LoadPosts(paths)
	if len(files) < 30 {
		t.Fatalf("%d posts loaded, want the 30 of content-example", len(files))
	}
	deliberate := map[string]bool{
		"posts/2026/11/coulisses-salle.md":        true,
		"posts/2026/11/vacances-noel-familles.md": true,
	}
	// Before every post, in the middle of the calendar, and without a clock.
	for _, now := range []time.Time{time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), now, {}} {
		for _, f := range (schedule.Calendar{}).CheckAll(&rule.Context{Repo: r, Now: now}, files) {
			if !deliberate[f.Path] {
				t.Errorf("now %v: %v", now, f)
			}
		}
	}
}
