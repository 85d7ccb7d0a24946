package report

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/metrics"
)

// benchRepo is a year of a busy agency: 10,000 publications (3,334 posts
// on three channels) from January to December 2026, each read ten times
// over three weeks (100,000 readings), some failures and retractions,
// written to a journal and a metrics folder as a run would.
func benchRepo(b *testing.B) (content.Journal, metrics.Store, map[string]*pipeline.Post, []pipeline.Caught, *time.Location) {
	loc := brussels(b)
	j := content.Journal{Dir: b.TempDir()}
	s := metrics.Store{Dir: b.TempDir()}
	posts := map[string]*pipeline.Post{}
	var recs []pipeline.Record
	var readings []pipeline.Reading
	var caught []pipeline.Caught
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, loc)
	year := time.Date(2027, 1, 1, 8, 0, 0, 0, loc).Sub(start)
	channels := []struct{ name, network string }{{"mastodon", "mastodon"}, {"bluesky", "bluesky"}, {"linkedin", "linkedin"}}
	after := []time.Duration{time.Hour, 6 * time.Hour, 24 * time.Hour, 48 * time.Hour, 72 * time.Hour, 120 * time.Hour, 168 * time.Hour, 240 * time.Hour, 336 * time.Hour, 504 * time.Hour}
	for i := range 10_000 {
		at := start.Add(year / 10_000 * time.Duration(i)).Truncate(time.Minute)
		n := i / 3
		path := fmt.Sprintf("posts/%d/%02d/post-%04d.md", at.Year(), at.Month(), n)
		if posts[path] == nil {
			posts[path] = &pipeline.Post{Path: path, Brand: "verriere", Campaign: fmt.Sprintf("campagne-%d", n%12),
				Body: body(fmt.Sprintf("Concert n° %d : la soirée du %s, réservez vite !", n, at.Format("02/01")))}
			if n%30 == 0 {
				caught = append(caught, pipeline.Caught{Post: path, Rule: "typo.fr.nbsp", Severity: pipeline.Warning, Message: "espace insécable", Time: at})
			}
		}
		ch := channels[i%3]
		id := fmt.Sprintf("%s-%06d", ch.name, i)
		rec := pipeline.Record{Time: at, Action: pipeline.ActionPublished, Post: path, Channel: ch.name, Network: ch.network, Key: fmt.Sprintf("k%06d", i),
			Occurrence: at, RemoteID: id, URL: "https://" + ch.network + ".example/" + id, Author: "alice", Approvers: []string{"bob"}}
		if i%50 == 0 {
			f := rec
			f.Action, f.Time, f.RemoteID, f.URL, f.Error = pipeline.ActionFailed, at.Add(-10*time.Minute), "", "", "HTTP 503"
			recs = append(recs, f)
		}
		recs = append(recs, rec)
		if i%200 == 0 {
			rt := rec
			rt.Action, rt.Time = pipeline.ActionRetracted, at.Add(3*time.Hour)
			recs = append(recs, rt)
		}
		for k, d := range after {
			e := pipeline.Engagement{pipeline.Likes: int64(k * (i%17 + 1)), pipeline.Reposts: int64(k * (i % 5)), pipeline.Replies: int64(k)}
			if ch.network == "linkedin" {
				e[pipeline.Impressions] = int64(k * 300)
				e[pipeline.Clicks] = int64(k * 2)
			}
			readings = append(readings, pipeline.Reading{Time: at.Add(d + 7*time.Minute), Post: path, Channel: ch.name, Network: ch.network, ID: id, Engagement: e})
		}
	}
	if _, err := j.Append(recs...); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Append(readings...); err != nil {
		b.Fatal(err)
	}
	return j, s, posts, caught, loc
}

// BenchmarkMonthlyReport is what `crieur report` does for one month of
// that year: read the journal and every reading up to the month's end,
// build the report, write it as Markdown, CSV and HTML.
func BenchmarkMonthlyReport(b *testing.B) {
	j, s, posts, caught, loc := benchRepo(b)
	month := time.Date(2026, 12, 1, 0, 0, 0, 0, loc)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		recs, err := j.Read()
		if err != nil {
			b.Fatal(err)
		}
		rs, err := s.Read(time.Time{}, month.AddDate(0, 1, 0))
		if err != nil {
			b.Fatal(err)
		}
		r := Build(Input{Month: month, Location: loc, Lang: "fr", Repository: "agence/verriere", Records: recs, Readings: rs, Posts: posts, Caught: caught})
		if len(r.Publications) < 800 || r.Total.Measured < 800 {
			b.Fatalf("%d publications, %d measured", len(r.Publications), r.Total.Measured)
		}
		if err := r.Markdown(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := r.CSV(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := r.HTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildViews is the part of BenchmarkMonthlyReport after the
// reading of the files: Build and the three views.
func BenchmarkBuildViews(b *testing.B) {
	j, s, posts, caught, loc := benchRepo(b)
	month := time.Date(2026, 12, 1, 0, 0, 0, 0, loc)
	recs, err := j.Read()
	if err != nil {
		b.Fatal(err)
	}
	rs, err := s.Read(time.Time{}, month.AddDate(0, 1, 0))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := Build(Input{Month: month, Location: loc, Lang: "fr", Repository: "agence/verriere", Records: recs, Readings: rs, Posts: posts, Caught: caught})
		r.Markdown(io.Discard)
		r.CSV(io.Discard)
		r.HTML(io.Discard)
	}
}
