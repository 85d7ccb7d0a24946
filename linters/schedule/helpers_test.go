package schedule_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/schedule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers below build a real content repository in a temporary folder
// and load it the way `crieur lint` does (content.Open, PostPaths,
// LoadPosts), so that the rule sees positions computed from real files.
// internal/testrepo holds their bodies.

const baseConfig = `timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon:
    type: outbox
  bluesky:
    type: outbox
  linkedin:
    type: outbox
`

// baseCharter is the schedule most tests judge against: French day names
// (Sunday off), a quota of two posts a day per channel, 1h30 between two
// posts of a channel, Christmas off and New Year's Day off (a date alone).
const baseCharter = `schedule:
  hours: "08:00-21:00"
  days: [lun, mar, mer, jeu, ven, sam]
  max_per_day: 2
  min_gap: 1h30
  blackouts:
    - from: "2026-12-24 20:00"
      to: "2026-12-26 08:00"
      reason: "Réveillon et Noël : pas de publication"
    - from: 2027-01-01
      reason: Jour de l’an
`

// now is the lint time of every test: 2 December 2026, noon in Brussels.
var now = time.Date(2026, 12, 2, 12, 0, 0, 0, brussels())

func brussels() *time.Location {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		panic(err)
	}
	return loc
}

// newRepo writes files (path -> content; crieur.yml and charte.yml get
// the defaults above unless given) into a temporary folder and opens it.
func newRepo(t testing.TB, files map[string]string) *content.Repo {
	t.Helper()
	return testrepo.Open(t, map[string]string{"crieur.yml": baseConfig, "charte.yml": baseCharter}, files)
}

var (
	// loadAll loads every post of the repository. A load finding fails
	// the test: the rule must judge posts the loader accepted, or a test
	// could pass for the wrong reason.
	loadAll = testrepo.LoadAll
	// post makes a post file: front matter lines, then the body.
	post = testrepo.Post
	// lineOf is the 1-based line of the first occurrence of sub in src.
	lineOf = testrepo.LineOf
)

// checkAll loads every post and runs the calendar rule on all of them.
func checkAll(t testing.TB, r *content.Repo) []pipeline.Finding {
	t.Helper()
	return schedule.Calendar{}.CheckAll(&rule.Context{Repo: r, Now: now}, loadAll(t, r))
}

// plain is a post at a time on some channels, with a French body.
func plain(at, channels string) string {
	return post("publish_at: "+at+"\nchannels: ["+channels+"]", "La saison d’hiver commence à la Verrière : réservez vos places !\n")
}

// where is a finding's place and rule: path:line:col-endcol rule.
func where(f pipeline.Finding) string {
	return fmt.Sprintf("%s:%d:%d-%d %s", f.Path, f.Line, f.Col, f.EndCol, f.Rule)
}

// span returns the text of a file between a finding's start and end.
func span(t *testing.T, src string, f pipeline.Finding) string {
	t.Helper()
	if f.EndLine != f.Line {
		t.Fatalf("%s: finding spans lines %d-%d", where(f), f.Line, f.EndLine)
	}
	line := []rune(strings.Split(src, "\n")[f.Line-1])
	if f.Col < 1 || f.EndCol < f.Col || f.EndCol-1 > len(line) {
		t.Fatalf("%s: columns out of line %q", where(f), string(line))
	}
	return string(line[f.Col-1 : f.EndCol-1])
}
