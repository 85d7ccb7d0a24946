package calendar

import (
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

func brussels(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatalf("load Europe/Brussels: %v", err)
	}
	return loc
}

// at is a local time in loc, "2006-01-02 15:04".
func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func body(src string) pipeline.Text {
	return pipeline.Text{Parts: []pipeline.Part{{Source: src}}}
}

func TestEntriesWeeklyAcrossDST(t *testing.T) {
	loc := brussels(t)
	weekly := &pipeline.Post{
		Path:      "posts/2026/10/jeudi-jardin.md",
		PublishAt: at(t, loc, "2026-10-15 09:30"),
		Channels:  []string{"mastodon"},
		Status:    pipeline.StatusScheduled,
		Repeat:    &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "week"}, Until: at(t, loc, "2026-11-12 23:59")},
		Body:      body("Le jeudi du jardin"),
	}
	got := Entries([]*pipeline.Post{weekly}, at(t, loc, "2026-10-01 00:00"), at(t, loc, "2026-12-31 23:59"))

	wantUTC := []string{ // 09:30 local: CEST (+2) until 25 October, CET (+1) after
		"2026-10-15T07:30:00Z",
		"2026-10-22T07:30:00Z",
		"2026-10-29T08:30:00Z",
		"2026-11-05T08:30:00Z",
		"2026-11-12T08:30:00Z",
	}
	if len(got) != len(wantUTC) {
		t.Fatalf("got %d entries, want %d: %v", len(got), len(wantUTC), got)
	}
	for i, e := range got {
		if s := e.At.UTC().Format(time.RFC3339); s != wantUTC[i] {
			t.Errorf("entry %d at %s UTC, want %s", i, s, wantUTC[i])
		}
		if s := e.At.In(loc).Format("15:04"); s != "09:30" {
			t.Errorf("entry %d at %s local, want 09:30", i, s)
		}
		if !e.Recurring || e.Post != weekly || e.Title != "Le jeudi du jardin" || e.Status != pipeline.StatusScheduled {
			t.Errorf("entry %d = %+v", i, e)
		}
	}
}

func TestEntriesFilterAndOrder(t *testing.T) {
	loc := brussels(t)
	post := func(path, when string, st pipeline.Status) *pipeline.Post {
		p := &pipeline.Post{Path: path, Status: st, Channels: []string{"mastodon"}, Body: body(path)}
		if when != "" {
			p.PublishAt = at(t, loc, when)
		}
		return p
	}
	posts := []*pipeline.Post{
		post("posts/b.md", "2026-12-01 09:30", pipeline.StatusScheduled),
		post("posts/draft.md", "2026-12-01 08:00", pipeline.StatusDraft),
		post("posts/a.md", "2026-12-01 09:30", pipeline.StatusScheduled),
		post("posts/early.md", "2026-12-01 07:00", pipeline.StatusPublished),
		post("posts/undated.md", "", pipeline.StatusScheduled),
		post("posts/before.md", "2026-11-30 23:59", pipeline.StatusScheduled),
		post("posts/last.md", "2026-12-31 23:59", pipeline.StatusRetracted), // to is inclusive
		post("posts/after.md", "2027-01-01 00:00", pipeline.StatusScheduled),
		nil,
	}
	got := Entries(posts, at(t, loc, "2026-12-01 00:00"), at(t, loc, "2026-12-31 23:59"))
	var paths []string
	for _, e := range got {
		paths = append(paths, e.Post.Path)
	}
	want := "posts/early.md posts/a.md posts/b.md posts/last.md"
	if s := strings.Join(paths, " "); s != want {
		t.Errorf("entries %s, want %s", s, want)
	}
}

func TestEntryStatus(t *testing.T) {
	loc := brussels(t)
	first := at(t, loc, "2026-12-01 09:30")
	second := at(t, loc, "2026-12-08 09:30")
	done := func(occ time.Time) pipeline.Publication {
		return pipeline.Publication{ID: "1", At: occ, Occurrence: occ, Attempts: 1}
	}
	failed := func(occ time.Time) pipeline.Publication {
		return pipeline.Publication{At: occ, Occurrence: occ, Attempts: 1, Error: "503 Service Unavailable"}
	}
	weekly := &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "week"}, Count: 3}
	tests := []struct {
		name   string
		post   pipeline.Post
		at     time.Time
		status pipeline.Status
	}{
		{"nothing yet", pipeline.Post{Status: pipeline.StatusScheduled}, first, pipeline.StatusScheduled},
		{"no status written", pipeline.Post{}, first, pipeline.StatusScheduled},
		{"every channel went out", pipeline.Post{
			Status:       pipeline.StatusScheduled,
			Publications: map[string]pipeline.Publication{"mastodon": done(first), "bluesky": done(first)},
		}, first, pipeline.StatusPublished},
		{"one channel to go", pipeline.Post{
			Status:       pipeline.StatusScheduled,
			Publications: map[string]pipeline.Publication{"mastodon": done(first)},
		}, first, pipeline.StatusScheduled},
		{"one channel failed", pipeline.Post{
			Status:       pipeline.StatusScheduled,
			Publications: map[string]pipeline.Publication{"mastodon": done(first), "bluesky": failed(first)},
		}, first, pipeline.StatusFailed},
		{"publication without occurrence", pipeline.Post{
			Status:       pipeline.StatusPublished,
			Publications: map[string]pipeline.Publication{"mastodon": {ID: "1"}, "bluesky": {ID: "2"}},
		}, first, pipeline.StatusPublished},
		{"retracted", pipeline.Post{
			Status:       pipeline.StatusRetracted,
			Publications: map[string]pipeline.Publication{"mastodon": done(first), "bluesky": done(first)},
		}, first, pipeline.StatusRetracted},
		{"recurring: the occurrence that went out", pipeline.Post{
			Status: pipeline.StatusPublished, Repeat: weekly,
			Publications: map[string]pipeline.Publication{"mastodon": done(first), "bluesky": done(first)},
		}, first, pipeline.StatusPublished},
		{"recurring: the next occurrence", pipeline.Post{
			Status: pipeline.StatusPublished, Repeat: weekly,
			Publications: map[string]pipeline.Publication{"mastodon": done(first), "bluesky": done(first)},
		}, second, pipeline.StatusScheduled},
		{"recurring: the next occurrence after a failure", pipeline.Post{
			Status: pipeline.StatusFailed, Repeat: weekly,
			Publications: map[string]pipeline.Publication{"mastodon": done(first), "bluesky": failed(first)},
		}, second, pipeline.StatusScheduled},
		{"recurring: a publication without occurrence is not this one", pipeline.Post{
			Status: pipeline.StatusScheduled, Repeat: weekly,
			Publications: map[string]pipeline.Publication{"mastodon": {ID: "1"}, "bluesky": {ID: "2"}},
		}, second, pipeline.StatusScheduled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.post
			p.Path = "posts/x.md"
			p.PublishAt = first
			p.Channels = []string{"mastodon", "bluesky"}
			if got := occurrenceStatus(&p, nil, time.Time{}, tt.at); got != tt.status {
				t.Errorf("status %s, want %s", got, tt.status)
			}
		})
	}
}

// TestEntriesFromJournal: each past occurrence of a recurring post is
// what the journal says of it, not the post's last status repeated.
func TestEntriesFromJournal(t *testing.T) {
	loc := brussels(t)
	week := func(k int) time.Time { return at(t, loc, "2026-11-05 09:30").AddDate(0, 0, 7*k) }
	weekly := &pipeline.Post{
		Path: "posts/jeudi.md", ID: "jeudi", PublishAt: week(0), Channels: []string{"mastodon", "bluesky"},
		Status: pipeline.StatusPublished, Repeat: &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "week"}},
		Body: body("Le jeudi du jardin"),
		// the post's publications describe its last occurrence only
		Publications: map[string]pipeline.Publication{
			"mastodon": {ID: "m3", Occurrence: week(3)}, "bluesky": {ID: "b3", Occurrence: week(3)},
		},
	}
	plain := &pipeline.Post{Path: "posts/refused.md", PublishAt: week(1).Add(time.Hour), Channels: []string{"mastodon"},
		Status: pipeline.StatusScheduled, Body: body("Refusée")}
	rec := func(k int, ch string, a pipeline.Action, min int) pipeline.Record {
		return pipeline.Record{Time: week(k).Add(time.Duration(min) * time.Minute), Action: a, Post: "posts/old-name.md", PostID: "jeudi", Channel: ch, Occurrence: week(k)}
	}
	records := []pipeline.Record{
		rec(0, "mastodon", pipeline.ActionPublished, 1), rec(0, "bluesky", pipeline.ActionPublished, 1),
		rec(1, "mastodon", pipeline.ActionPublished, 1), rec(1, "bluesky", pipeline.ActionFailed, 1),
		// week 2: nothing went out
		rec(3, "mastodon", pipeline.ActionClaimed, 0), rec(3, "mastodon", pipeline.ActionFailed, 1), rec(3, "mastodon", pipeline.ActionRecovered, 5),
		rec(3, "bluesky", pipeline.ActionPublished, 1),
	}
	now := week(4).Add(time.Hour) // the fifth occurrence is due but not yet late
	got := EntriesWith([]*pipeline.Post{weekly, plain}, History{Records: records, Now: now}, week(0), week(6))
	var states []string
	for _, e := range got {
		states = append(states, e.At.In(loc).Format("01-02 15:04")+" "+e.Post.Path+" "+string(e.Status))
	}
	want := []string{
		"11-05 09:30 posts/jeudi.md published",
		"11-12 09:30 posts/jeudi.md failed",
		"11-12 10:30 posts/refused.md missed",
		"11-19 09:30 posts/jeudi.md missed",
		"11-26 09:30 posts/jeudi.md published",
		"12-03 09:30 posts/jeudi.md scheduled",
		"12-10 09:30 posts/jeudi.md scheduled",
		"12-17 09:30 posts/jeudi.md scheduled",
	}
	if strings.Join(states, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(states, "\n"), strings.Join(want, "\n"))
	}
	// where each occurrence went, from its own records
	records[0].URL, records[2].URL = "https://m.example/0", "https://m.example/1"
	got = EntriesWith([]*pipeline.Post{weekly}, History{Records: records, Now: now}, week(0), week(2))
	if got[0].URLs["mastodon"] != "https://m.example/0" || got[1].URLs["mastodon"] != "https://m.example/1" || got[2].URLs != nil {
		t.Errorf("URLs %v, %v, %v", got[0].URLs, got[1].URLs, got[2].URLs)
	}
}

func TestWriteNothingSaysWhereTheNextPostIs(t *testing.T) {
	loc := brussels(t)
	later := &pipeline.Post{Path: "posts/2027/01/salon.md", PublishAt: at(t, loc, "2027-01-04 10:00"), Channels: []string{"mastodon"}}
	laterStill := &pipeline.Post{Path: "posts/2027/03/a.md", PublishAt: at(t, loc, "2027-03-04 10:00"), Channels: []string{"mastodon"}}
	from, to := at(t, loc, "2026-12-01 00:00"), at(t, loc, "2026-12-31 23:59")
	for _, tt := range []struct {
		posts []*pipeline.Post
		want  string
	}{
		{[]*pipeline.Post{laterStill, later}, "nothing between 2026-12-01 and 2026-12-31; next: 2027-01-04 10:00 posts/2027/01/salon.md\n"},
		{nil, "nothing between 2026-12-01 and 2026-12-31; no post has a date\n"},
	} {
		var b strings.Builder
		if err := WriteNothing(&b, tt.posts, from, to, loc, i18n.English); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("got %q, want %q", b.String(), tt.want)
		}
	}
	var b strings.Builder
	WriteNothing(&b, []*pipeline.Post{later}, at(t, loc, "2027-02-01 00:00"), at(t, loc, "2027-02-28 23:59"), loc, i18n.English)
	if want := "nothing between 2027-02-01 and 2027-02-28; nothing after; last: 2027-01-04 10:00 posts/2027/01/salon.md\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
