package report

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// pubs lists the publications as "channel:id".
func pubs(ps []*Publication) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.Channel+":"+p.RemoteID)
	}
	return strings.Join(s, " ")
}

func group(gs []Group, name string) Group {
	for _, g := range gs {
		if g.Name == name {
			return g
		}
	}
	return Group{Name: "(absent) " + name}
}

func TestBuild(t *testing.T) {
	r := Build(fixtureInput(t))

	// Month boundaries in Brussels: minuit.md (23:30 UTC on 30 November)
	// is December's, janvier.md (23:30 UTC on 31 December) is not.
	if got, want := pubs(r.Publications), "mastodon:m4 mastodon:m1 bluesky:b1 linkedin:l1 mastodon:m2 bluesky:b2 bistro-insta:i1 mastodon:m3"; got != want {
		t.Fatalf("publications\n got %s\nwant %s", got, want)
	}
	if r.Month.String() != "2026-12-01 00:00:00 +0100 CET" || r.End.String() != "2027-01-01 00:00:00 +0100 CET" {
		t.Errorf("month [%s, %s)", r.Month, r.End)
	}

	// Latest reading before the end of the month: m1's reading at
	// midnight on 1 January is not December's.
	m1 := r.Publications[1]
	if m1.Interactions() != 25 || m1.ReadAt.Day() != 2 {
		t.Errorf("m1: %d interactions read on %s, want 25 read on 2 December", m1.Interactions(), m1.ReadAt)
	}
	if r.Publications[0].Measured() {
		t.Errorf("minuit.md has no reading but is measured: %v", r.Publications[0].Engagement)
	}

	// Totals and rates.
	tot := r.Total
	if tot.Publications != 8 || tot.Measured != 7 || tot.Interactions != 194 {
		t.Errorf("total %+v, want 8 publications, 7 measured, 194 interactions", tot)
	}
	if rate, ok := tot.Rate(); !ok || math.Abs(rate-150.0/7000) > 1e-12 || tot.WithImpressions != 2 {
		t.Errorf("rate %v %v over %d publications, want 150/7000 over linkedin and instagram", rate, ok, tot.WithImpressions)
	}
	for _, tt := range []struct {
		name          string
		pubs, meas    int
		inter         int64
		rate, perPost float64 // rate < 0: no impressions
	}{
		{"mastodon", 4, 3, 37, -1, 37.0 / 3},
		{"bluesky", 2, 2, 7, -1, 3.5},
		{"linkedin", 1, 1, 50, 0.025, 50},
		{"bistro-insta", 1, 1, 100, 0.02, 100},
	} {
		g := group(r.Channels, tt.name)
		rate, ok := g.Rate()
		if g.Publications != tt.pubs || g.Measured != tt.meas || g.Interactions != tt.inter || ok != (tt.rate >= 0) || (ok && math.Abs(rate-tt.rate) > 1e-12) || math.Abs(g.PerPost()-tt.perPost) > 1e-12 {
			t.Errorf("channel %s: %+v rate %v %v per post %v", tt.name, g, rate, ok, g.PerPost())
		}
	}
	if g := group(r.Networks, "instagram"); g.Publications != 1 {
		t.Errorf("network instagram: %+v", g)
	}
	if g := group(r.Campaigns, ""); g.Publications != 1 { // the deleted post: no campaign known
		t.Errorf("no campaign: %+v", g)
	}
	if g := group(r.Campaigns, "saison-2026"); g.Publications != 4 || g.Interactions != 81 {
		t.Errorf("saison-2026: %+v", g)
	}
	want := map[pipeline.Metric][2]int64{pipeline.Likes: {166, 7}, pipeline.Reposts: {9, 2}, pipeline.Replies: {6, 3}, pipeline.Quotes: {1, 1},
		pipeline.Impressions: {7000, 2}, pipeline.Clicks: {12, 1}, pipeline.Saves: {0, 0}}
	for _, m := range r.Metrics {
		if w := want[m.Metric]; m.Total != w[0] || int64(m.Publications) != w[1] {
			t.Errorf("metric %s: %d over %d publications, want %d over %d", m.Metric, m.Total, m.Publications, w[0], w[1])
		}
	}

	// Top and bottom never overlap.
	if got := pubs(r.Top); got != "bistro-insta:i1 linkedin:l1 mastodon:m1 mastodon:m3 bluesky:b1" {
		t.Errorf("top %s", got)
	}
	if got := pubs(r.Bottom); got != "bluesky:b2 mastodon:m2" {
		t.Errorf("bottom %s", got)
	}

	// Engagement gained per day: m0 (November's) counts from its November
	// reading, on day 1 for the reading at midnight; m1 counts from zero.
	gained := map[int]int64{}
	for _, d := range r.Days {
		if d.Interactions != 0 {
			gained[d.Date.Day()] = d.Interactions
		}
		if d.Date.Hour() != 0 || d.Date.Location() != r.Location {
			t.Errorf("day %s is not midnight in Brussels", d.Date)
		}
	}
	if len(r.Days) != 31 || gained[1] != 15 || gained[2] != 20 || gained[4] != 4 || gained[5] != 50 || gained[6] != 100 || gained[12] != 9 || len(gained) != 6 {
		t.Errorf("%d days, gained %v", len(r.Days), gained)
	}
	if r.Days[1].Gained[pipeline.Likes] != 10+5+2 {
		t.Errorf("likes gained on 2 December: %d", r.Days[1].Gained[pipeline.Likes])
	}

	// The calendar and the weekday × hour counts, in Brussels.
	if n := len(r.Days[0].Publications); n != 4 {
		t.Errorf("1 December: %d publications, want 4 (minuit and lancement ×3)", n)
	}
	heat := func(d, h int) int { return r.Slots[d][h].Publications }
	if heat(1, 0) != 1 || heat(1, 9) != 3 || heat(3, 11) != 2 || heat(5, 12) != 1 || heat(5, 18) != 1 || r.Weekdays[1] != 4 || r.Hours[11] != 2 {
		t.Errorf("heat: Tuesday %v, Thursday %v, Saturday %v", r.Slots[1], r.Slots[3], r.Slots[5])
	}
	// Tuesday 9 h: lancement on three channels, all measured (25, 6 and
	// 43 interactions): the median is 25. Tuesday 0 h: minuit, never read.
	if s := r.Slots[1][9]; s.Measured != 3 || s.Median != 25 || s.Weekday != 1 || s.Hour != 9 {
		t.Errorf("Tuesday 9 h: %+v", s)
	}
	if s := r.Slots[1][0]; s.Measured != 0 || s.Median != 0 {
		t.Errorf("Tuesday 0 h: %+v", s)
	}
	// One slot with three measured publications: nothing to compare it with.
	if r.Best != nil {
		t.Errorf("best slot %+v from a single slot of 3", r.Best)
	}
	if got := strings.Join(r.Brands, ","); got != "bistro,La Verrière" {
		t.Errorf("brands %q, want the two of crieur.yml, by their names", got)
	}

	// The deleted post: reported from the journal, its brand from the
	// channel, retracted the next day.
	m3 := r.Publications[7]
	if !m3.Deleted || m3.Title != "supprime" || m3.Brand != "verriere" || m3.Retracted.IsZero() || m3.Interactions() != 9 {
		t.Errorf("deleted post: %+v", m3)
	}
	if len(r.Retractions) != 1 || r.Retractions[0].Title != "supprime" || r.Retractions[0].Published.Day() != 12 {
		t.Errorf("retractions %+v", r.Retractions)
	}

	// Failures: atelier never went out; billetterie went out at the
	// third attempt.
	if len(r.Failures) != 2 || r.Unresolved() != 1 {
		t.Fatalf("failures %+v", r.Failures)
	}
	if f := r.Failures[0]; f.Post != pAtelier || !f.Resolved.IsZero() || f.Attempts != 1 {
		t.Errorf("first failure %+v, want atelier unresolved", f)
	}
	if f := r.Failures[1]; f.Post != pBilletterie || f.Attempts != 2 || f.ResolvedBy != pipeline.ActionPublished || f.Resolved.Hour() != 11 {
		t.Errorf("second failure %+v, want billetterie resolved at 11:00", f)
	}

	// What the review caught.
	if r.CaughtTotal != 4 || len(r.Caught) != 3 || r.Caught[0].Rule != "typo.fr.nbsp" || r.Caught[0].Count != 2 || r.Caught[0].Posts != 2 {
		t.Errorf("caught %+v", r.Caught)
	}

	// November as it stood at its end: m0's reading at midnight on 1
	// December is December's.
	if p := r.Previous; p == nil || p.Publications != 1 || p.Interactions != 10 || p.Month.Month() != time.November {
		t.Errorf("previous %+v", r.Previous)
	}
}

func TestBuildBrand(t *testing.T) {
	in := fixtureInput(t)
	in.Brand = "verriere"
	r := Build(in)
	if got := pubs(r.Publications); got != "mastodon:m4 mastodon:m1 bluesky:b1 linkedin:l1 mastodon:m2 bluesky:b2 mastodon:m3" {
		t.Errorf("verriere's publications: %s", got)
	}
	if r.Total.Interactions != 94 || r.Days[5].Interactions != 0 {
		t.Errorf("verriere counts the bistro: %d interactions, %d gained on 6 December", r.Total.Interactions, r.Days[5].Interactions)
	}
	if r.CaughtTotal != 3 {
		t.Errorf("caught %d, want 3 (not the bistro's)", r.CaughtTotal)
	}

	in.Brand = "bistro"
	r = Build(in)
	if got := pubs(r.Publications); got != "bistro-insta:i1" || len(r.Failures) != 0 || len(r.Retractions) != 0 {
		t.Errorf("bistro: %s, %d failures, %d retractions", got, len(r.Failures), len(r.Retractions))
	}

	// Without the configuration, a deleted post's brand is unknown: a
	// brand's report leaves it out rather than guess.
	in.Brand, in.Config = "verriere", nil
	r = Build(in)
	if strings.Contains(pubs(r.Publications), "m3") || len(r.Retractions) != 0 {
		t.Errorf("the deleted post of an unknown brand is in verriere's report: %s", pubs(r.Publications))
	}
}

func TestBuildEmpty(t *testing.T) {
	for name, in := range map[string]Input{
		"no data": {Month: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)},
		"february 2027": func() Input {
			in := fixtureInput(t)
			in.Month = time.Date(2027, 2, 14, 12, 0, 0, 0, in.Location)
			return in
		}(),
		"no posts":       func() Input { in := fixtureInput(t); in.Posts = nil; in.Config = nil; return in }(),
		"english, brand": func() Input { in := fixtureInput(t); in.Lang = "en"; in.Brand = "nobody"; return in }(),
	} {
		t.Run(name, func(t *testing.T) {
			r := Build(in)
			var md, csv, html bytes.Buffer
			if err := r.Markdown(&md); err != nil {
				t.Fatal(err)
			}
			if err := r.CSV(&csv); err != nil {
				t.Fatal(err)
			}
			if err := r.HTML(&html); err != nil {
				t.Fatal(err)
			}
			if len(r.Publications) > 0 {
				return
			}
			if len(r.Days) == 0 || r.Month.Day() != 1 {
				t.Errorf("days %d, month %s", len(r.Days), r.Month)
			}
			nothing := wordsFor(in.Lang).nothing
			if !strings.Contains(md.String(), nothing) || !strings.Contains(html.String(), htmlText(nothing)) {
				t.Errorf("no %q in the views:\n%s", nothing, md.String())
			}
			if lines := strings.Count(csv.String(), "\n"); lines != 1 {
				t.Errorf("CSV of an empty month has %d lines", lines)
			}
		})
	}
}

// A post deleted since and absent from the posts must not crash, and
// shows its file name.
func TestBuildWithoutPosts(t *testing.T) {
	in := fixtureInput(t)
	in.Posts = map[string]*pipeline.Post{pLancement: nil}
	r := Build(in)
	for _, p := range r.Publications {
		if !p.Deleted || p.Title == "" || strings.Contains(p.Title, "/") {
			t.Errorf("publication of a missing post: %+v", p)
		}
	}
}

// Readings given out of order, twice at the same instant, or of a
// publication the journal does not know.
func TestBuildReadingsOrder(t *testing.T) {
	in := fixtureInput(t)
	rs := fixtureReadings()
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	rs = append(rs, reading("2026-12-20T10:00:00+01:00", "posts/inconnu.md", "mastodon", "zz", pipeline.Engagement{pipeline.Likes: 1000}))
	in.Readings = rs
	r := Build(in)
	if r.Total.Interactions != 194 {
		t.Errorf("interactions %d, want 194 whatever the order of the readings", r.Total.Interactions)
	}
	if d := r.Days[19].Interactions; d != 0 {
		t.Errorf("a reading of an unknown publication counted %d on its first day: when it was gained is unknown", d)
	}
	if r.Days[1].Interactions != 20 {
		t.Errorf("2 December: %d, want 20", r.Days[1].Interactions)
	}
}

// A negative change (a like withdrawn, a reply deleted) is counted as
// such.
func TestBuildNegativeDelta(t *testing.T) {
	in := fixtureInput(t)
	in.Readings = append(in.Readings, reading("2026-12-03T12:00:00+01:00", pLancement, "bluesky", "b1", pipeline.Engagement{pipeline.Likes: 2, pipeline.Quotes: 1}))
	r := Build(in)
	if d := r.Days[2].Interactions; d != -3 {
		t.Errorf("3 December: %d, want -3", d)
	}
	var b bytes.Buffer
	if err := r.HTML(&b); err != nil {
		t.Fatal(err)
	}
}

func TestBuildFailures(t *testing.T) {
	loc := brussels(t)
	rec := func(at string, action pipeline.Action, channel, key, id, msg string) pipeline.Record {
		return pipeline.Record{Time: ts(at), Action: action, Post: pAtelier, Channel: channel, Key: key, RemoteID: id, Error: msg}
	}
	in := Input{Month: time.Date(2026, 12, 1, 0, 0, 0, 0, loc), Location: loc, Posts: fixturePosts(), Records: []pipeline.Record{
		// A success before a failure of the same delivery does not resolve it.
		rec("2026-12-02T10:00:00+01:00", pipeline.ActionPublished, "mastodon", "k1", "m1", ""),
		rec("2026-12-02T11:00:00+01:00", pipeline.ActionFailed, "mastodon", "k1", "", "HTTP 500"),
		// Recovered by a later run, in January: resolved.
		rec("2026-12-20T10:00:00+01:00", pipeline.ActionFailed, "bluesky", "k2", "", "timeout"),
		rec("2027-01-03T10:00:00+01:00", pipeline.ActionRecovered, "bluesky", "k2", "b2", ""),
		// Taking a post down failed, then succeeded: a retraction failure,
		// resolved by the retraction, not by the publication before it.
		rec("2026-12-05T10:00:00+01:00", pipeline.ActionPublished, "linkedin", "k3", "l3", ""),
		rec("2026-12-06T10:00:00+01:00", pipeline.ActionFailed, "linkedin", "k3", "l3", "retract: HTTP 403"),
		rec("2026-12-07T10:00:00+01:00", pipeline.ActionRetracted, "linkedin", "k3", "l3", ""),
		// November's failure is not December's.
		rec("2026-11-30T10:00:00+01:00", pipeline.ActionFailed, "mastodon", "k4", "", "HTTP 500"),
	}}
	r := Build(in)
	got := map[string]Failure{}
	for _, f := range r.Failures {
		got[f.Channel] = f
	}
	if len(r.Failures) != 3 || r.Unresolved() != 1 || r.Failures[0].Channel != "mastodon" {
		t.Fatalf("failures %+v", r.Failures)
	}
	if f := got["mastodon"]; !f.Resolved.IsZero() || f.Retraction {
		t.Errorf("a success before the failure resolved it: %+v", f)
	}
	if f := got["bluesky"]; f.ResolvedBy != pipeline.ActionRecovered || f.Resolved.Month() != time.January {
		t.Errorf("recovered in January: %+v", f)
	}
	if f := got["linkedin"]; !f.Retraction || f.ResolvedBy != pipeline.ActionRetracted || f.Resolved.Day() != 7 {
		t.Errorf("retraction failure: %+v", f)
	}
	var b bytes.Buffer
	r.Markdown(&b)
	for _, want := range []string{"**toujours en échec**", "récupérée le 03/01 10:00", "(retrait)", "retirée le 07/12 10:00"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}

// Every metric and severity has a label in every language.
func TestLabels(t *testing.T) {
	for _, w := range []*words{french, english, dutch} {
		for _, m := range pipeline.Metrics {
			if w.metrics[m] == "" {
				t.Errorf("%s: no label for metric %s", w.lang, m)
			}
		}
		for _, s := range []pipeline.Severity{pipeline.Error, pipeline.Warning, pipeline.Suggestion} {
			if w.severities[s] == "" {
				t.Errorf("%s: no label for severity %s", w.lang, s)
			}
		}
	}
}

func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}
