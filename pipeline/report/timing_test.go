package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// slotsInput is a month whose Tuesdays at 12:xx engage more than its
// Thursdays at 9:xx: four publications in each slot, all measured, and
// two more on a Friday with too few to count.
func slotsInput(t *testing.T) Input {
	loc := brussels(t)
	in := Input{Month: time.Date(2026, 12, 1, 0, 0, 0, 0, loc), Location: loc, Lang: "fr", Posts: map[string]*pipeline.Post{}}
	add := func(at time.Time, likes int64) {
		id := itoa(len(in.Records))
		path := "posts/2026/12/p" + id + ".md"
		in.Posts[path] = &pipeline.Post{Path: path, Title: "p" + id}
		in.Records = append(in.Records, pub(at.Format(time.RFC3339), pipeline.ActionPublished, path, "mastodon", "mastodon", "m"+id))
		in.Readings = append(in.Readings, reading(at.Add(time.Hour).Format(time.RFC3339), path, "mastodon", "m"+id, pipeline.Engagement{pipeline.Likes: likes}))
	}
	for i, likes := range []int64{30, 10, 50, 40} { // median 35
		add(time.Date(2026, 12, 1+7*i, 12, 15, 0, 0, loc), likes)
	}
	for i, likes := range []int64{5, 60, 8, 9} { // median 8.5
		add(time.Date(2026, 12, 3+7*i, 9, 0, 0, 0, loc), likes)
	}
	add(time.Date(2026, 12, 4, 18, 0, 0, 0, loc), 500) // one publication: not a best slot
	add(time.Date(2026, 12, 11, 18, 0, 0, 0, loc), 400)
	return in
}

func TestBestSlot(t *testing.T) {
	r := Build(slotsInput(t))
	if r.Best == nil || r.Best.Weekday != 1 || r.Best.Hour != 12 || r.Best.Median != 35 || r.Best.Measured != 4 {
		t.Fatalf("best slot %+v, want Tuesday 12 h, median 35 over 4", r.Best)
	}
	if s := r.Slots[3][9]; s.Median != 8.5 || s.Measured != 4 {
		t.Errorf("Thursday 9 h: %+v", s)
	}
	if got, want := french.bestText(r), "Meilleur créneau\u00a0: mardi 12\u00a0h–13\u00a0h (4 publications mesurées, médiane de 35 interactions)."; got != want {
		t.Errorf("fr: %q\nwant %q", got, want)
	}
	if got, want := english.bestText(r), "Best time to post: Tuesday 12:00–13:00 (4 measured publications, median 35 interactions)."; got != want {
		t.Errorf("en: %q\nwant %q", got, want)
	}
	var md bytes.Buffer
	if err := r.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"**Meilleur créneau", "| mardi | · | 35 (4) | · |", "| jeudi | 8,5 (4) | · | · |", "| vendredi | · | · | 450 (2) |"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}

	// Thursday down to two: nothing left to compare Tuesday with.
	in := slotsInput(t)
	in.Records, in.Readings = in.Records[:6], in.Readings[:6]
	if r := Build(in); r.Best != nil {
		t.Errorf("best slot %+v with a single slot of 3 or more", r.Best)
	}
}

// Every rate says what it is computed on, and warns under MinBase.
func TestRateBase(t *testing.T) {
	r := Build(fixtureInput(t))
	var b bytes.Buffer
	if err := r.HTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{"2,1\u202f%", "sur 2 publications sur 8, celles dont le réseau donne les impressions", "sur 7 publications mesurées sur 8",
		"Base trop faible pour en tirer une conclusion (moins de 5 publications).", "base faible"} {
		if !strings.Contains(page, htmlText(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if !strings.Contains(page, `<span class="sub">sur 1 publication</span><span class="warn">base faible</span>`) {
		t.Error("the rate of a single publication does not say so")
	}
	if strings.Contains(page, "/ pub.") {
		t.Error("a rate in interactions per publication among percentages")
	}
	g := Group{Publications: 30, Measured: 30, WithImpressions: 6, Impressions: 600, InteractionsWithImpressions: 30}
	if c := french.rateCell(g); c.Warn != "" || c.Text != "5,0\u202f%" || c.Sub[0] != "sur 6 publications" {
		t.Errorf("rate on 6 publications: %+v", c)
	}
}

// Without readings: a sentence on how to get them, no empty chart, no
// ranking whose heading says one thing and its text another.
func TestHTMLWithoutReadings(t *testing.T) {
	in := fixtureInput(t)
	in.Readings = nil
	var b bytes.Buffer
	if err := Build(in).HTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if !strings.Contains(page, "crieur metrics") {
		t.Error("no word on how to get readings")
	}
	if n := strings.Count(page, "<svg"); n != 1 {
		t.Errorf("%d charts without readings, want 1 (publications per channel)", n)
	}
	for _, unwanted := range []string{`id="chart-days"`, `id="chart-heat"`, french.top, french.bottom, "Taux d’engagement"} {
		if strings.Contains(page, unwanted) || strings.Contains(page, htmlText(unwanted)) {
			t.Errorf("%q in a page without readings", unwanted)
		}
	}
}
