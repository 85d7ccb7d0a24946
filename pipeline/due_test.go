package pipeline

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func brussels(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// deliveries prints what Due returned as "channel@occurrence" for
// comparison.
func deliveries(ds []Delivery) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = d.Channel + "@" + d.Occurrence.Format("2006-01-02T15:04-07:00")
	}
	return strings.Join(s, " ")
}

func TestDuePlain(t *testing.T) {
	loc := brussels(t)
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, loc)
	both := "mastodon@2026-12-01T09:30+01:00 bluesky@2026-12-01T09:30+01:00"
	done := func(occ time.Time) Publication {
		return Publication{ID: "1", URL: "https://example.org/1", At: occ.Add(4 * time.Second), Occurrence: occ, Attempts: 1}
	}
	failed := func(attempts int, last time.Time) Publication {
		return Publication{At: last, Occurrence: at, Attempts: attempts, Error: "503 Service Unavailable"}
	}
	tests := []struct {
		name    string
		status  Status
		publish time.Time
		pubs    map[string]Publication
		now     time.Time
		want    string
	}{
		{name: "before publish_at", status: StatusScheduled, publish: at, now: at.Add(-time.Minute), want: ""},
		{name: "one nanosecond before", status: StatusScheduled, publish: at, now: at.Add(-1), want: ""},
		{name: "at publish_at", status: StatusScheduled, publish: at, now: at, want: both},
		{name: "after publish_at", status: StatusScheduled, publish: at, now: at.Add(26 * time.Hour), want: both},
		{name: "no status yet", status: "", publish: at, now: at, want: both},
		{name: "now in another zone", status: StatusScheduled, publish: at, now: at.UTC(), want: both},
		{name: "draft", status: StatusDraft, publish: at, now: at.Add(time.Hour), want: ""},
		{name: "retracted", status: StatusRetracted, publish: at, now: at.Add(time.Hour), want: ""},
		{name: "no date", status: StatusScheduled, now: at, want: ""},
		{name: "published on one channel of two", status: StatusFailed, publish: at, now: at.Add(time.Hour),
			pubs: map[string]Publication{"mastodon": done(at)}, want: "bluesky@2026-12-01T09:30+01:00"},
		{name: "published on both", status: StatusPublished, publish: at, now: at.Add(time.Hour),
			pubs: map[string]Publication{"mastodon": done(at), "bluesky": done(at)}, want: ""},
		{name: "published without occurrence (older publisher, by hand)", status: StatusPublished, publish: at, now: at.Add(time.Hour),
			pubs: map[string]Publication{"mastodon": {ID: "1"}, "bluesky": {ID: "2", Attempts: 1}}, want: ""},
		{name: "published, then publish_at moved: not sent again (a republication is a new post)", status: StatusPublished, publish: at, now: at.Add(time.Hour),
			pubs: map[string]Publication{"mastodon": done(at.Add(-24 * time.Hour)), "bluesky": done(at)}, want: ""},
		{name: "scheduled, publish_at moved after one channel went out: the other goes", status: StatusScheduled, publish: at, now: at.Add(time.Hour),
			pubs: map[string]Publication{"mastodon": done(at.Add(-24 * time.Hour)), "bluesky": done(at)}, want: "mastodon@2026-12-01T09:30+01:00"},
		{name: "published by hand, nothing recorded", status: StatusPublished, publish: at, now: at.Add(time.Hour), want: ""},
		{name: "failed once, inside the 15 min backoff", status: StatusFailed, publish: at, now: at.Add(14 * time.Minute),
			pubs: map[string]Publication{"mastodon": failed(1, at), "bluesky": done(at)}, want: ""},
		{name: "failed once, backoff over", status: StatusFailed, publish: at, now: at.Add(15 * time.Minute),
			pubs: map[string]Publication{"mastodon": failed(1, at), "bluesky": done(at)}, want: "mastodon@2026-12-01T09:30+01:00"},
		{name: "failed twice, 30 min backoff not over", status: StatusFailed, publish: at, now: at.Add(time.Hour + 29*time.Minute),
			pubs: map[string]Publication{"mastodon": failed(2, at.Add(time.Hour)), "bluesky": done(at)}, want: ""},
		{name: "failed twice, 30 min backoff over", status: StatusFailed, publish: at, now: at.Add(time.Hour + 30*time.Minute),
			pubs: map[string]Publication{"mastodon": failed(2, at.Add(time.Hour)), "bluesky": done(at)}, want: "mastodon@2026-12-01T09:30+01:00"},
		{name: "failed three times, 1 h backoff not over", status: StatusFailed, publish: at, now: at.Add(59 * time.Minute),
			pubs: map[string]Publication{"mastodon": failed(3, at)}, want: "bluesky@2026-12-01T09:30+01:00"},
		{name: "failed four times, 2 h backoff over", status: StatusFailed, publish: at, now: at.Add(2 * time.Hour),
			pubs: map[string]Publication{"mastodon": failed(4, at), "bluesky": done(at)}, want: "mastodon@2026-12-01T09:30+01:00"},
		{name: "MaxAttempts reached", status: StatusFailed, publish: at, now: at.AddDate(0, 1, 0),
			pubs: map[string]Publication{"mastodon": failed(MaxAttempts, at), "bluesky": done(at)}, want: ""},
		{name: "beyond MaxAttempts", status: StatusFailed, publish: at, now: at.AddDate(0, 1, 0),
			pubs: map[string]Publication{"mastodon": failed(MaxAttempts+3, at), "bluesky": failed(MaxAttempts-1, at)}, want: "bluesky@2026-12-01T09:30+01:00"},
		{name: "attempts reset to 0 by a human", status: StatusFailed, publish: at, now: at.Add(time.Minute),
			pubs: map[string]Publication{"mastodon": {Occurrence: at, At: at, Error: "old"}, "bluesky": done(at)}, want: "mastodon@2026-12-01T09:30+01:00"},
		{name: "publication of a channel no longer listed", status: StatusScheduled, publish: at, now: at,
			pubs: map[string]Publication{"x": done(at)}, want: both},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Post{Path: "posts/2026/12/saison.md", PublishAt: tt.publish, Channels: []string{"mastodon", "bluesky"}, Status: tt.status, Publications: tt.pubs}
			got := p.Due(tt.now)
			if s := deliveries(got); s != tt.want {
				t.Errorf("Due(%s) = %q, want %q", tt.now.Format(time.RFC3339), s, tt.want)
			}
			for _, d := range got {
				if d.Post != p {
					t.Errorf("delivery %s does not point at its post", d.Channel)
				}
			}
		})
	}
}

// TestDueBackoffSchedule walks a channel that always fails through runs
// every 5 minutes: it is tried at +0, +15m, +45m, +1h45, +3h45 and never
// again.
func TestDueBackoffSchedule(t *testing.T) {
	loc := brussels(t)
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, loc)
	p := &Post{Path: "posts/a.md", PublishAt: at, Channels: []string{"mastodon"}, Status: StatusScheduled, Publications: map[string]Publication{}}
	var tries []time.Duration
	for now := at; now.Before(at.Add(48 * time.Hour)); now = now.Add(5 * time.Minute) {
		ds := p.Due(now)
		if len(ds) == 0 {
			continue
		}
		tries = append(tries, now.Sub(at))
		pub := p.Publications["mastodon"]
		p.Publications["mastodon"] = Publication{At: now, Occurrence: ds[0].Occurrence, Attempts: pub.Attempts + 1, Error: "boom"}
	}
	want := []time.Duration{0, 15 * time.Minute, 45 * time.Minute, 105 * time.Minute, 225 * time.Minute}
	if fmt.Sprint(tries) != fmt.Sprint(want) {
		t.Errorf("tried at %v, want %v", tries, want)
	}
	if len(tries) != MaxAttempts {
		t.Errorf("%d tries, want MaxAttempts = %d", len(tries), MaxAttempts)
	}
}

func TestOccurrencesWeeklyAcrossDST(t *testing.T) {
	loc := brussels(t)
	start := time.Date(2026, 10, 18, 9, 30, 0, 0, loc) // CEST, +02:00
	p := &Post{PublishAt: start, Status: StatusScheduled, Repeat: &Repeat{Every: Interval{N: 1, Unit: "week"}, Count: 4}}
	got := p.Occurrences(start, start.AddDate(1, 0, 0))
	want := []string{
		"2026-10-18T09:30:00+02:00",
		"2026-10-25T09:30:00+01:00", // the clocks went back that night
		"2026-11-01T09:30:00+01:00",
		"2026-11-08T09:30:00+01:00",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d occurrences %v, want %d", len(got), got, len(want))
	}
	for i, o := range got {
		if s := o.Format(time.RFC3339); s != want[i] {
			t.Errorf("occurrence %d = %s, want %s", i, s, want[i])
		}
		if o.Location() != loc {
			t.Errorf("occurrence %d in %v, want %v", i, o.Location(), loc)
		}
	}
	// 25 October is 169 hours after 18 October, not 168.
	if d := got[1].Sub(got[0]); d != 169*time.Hour {
		t.Errorf("18 → 25 October is %v, want 169h (a wall-clock week)", d)
	}

	// Spring forward: 29 March 2026.
	spring := time.Date(2026, 3, 22, 9, 30, 0, 0, loc)
	p = &Post{PublishAt: spring, Status: StatusScheduled, Repeat: &Repeat{Every: Interval{N: 1, Unit: "week"}, Count: 2}}
	got = p.Occurrences(spring, spring.AddDate(0, 1, 0))
	if len(got) != 2 || got[1].Format(time.RFC3339) != "2026-03-29T09:30:00+02:00" {
		t.Errorf("spring forward: %v, want the second at 2026-03-29T09:30:00+02:00", got)
	}
}

func TestOccurrences(t *testing.T) {
	loc := brussels(t)
	start := time.Date(2026, 11, 2, 18, 0, 0, 0, loc) // a Monday
	day := func(d int) time.Time { return time.Date(2026, 11, d, 18, 0, 0, 0, loc) }
	endOf := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 23, 59, 59, 0, loc) }
	tests := []struct {
		name     string
		post     Post
		from, to time.Time
		want     []time.Time
	}{
		{"plain in range", Post{PublishAt: start}, day(1), day(3), []time.Time{start}},
		{"plain at from", Post{PublishAt: start}, start, day(3), []time.Time{start}},
		{"plain at to", Post{PublishAt: start}, day(1), start, []time.Time{start}},
		{"plain before from", Post{PublishAt: start}, day(3), day(9), nil},
		{"plain after to", Post{PublishAt: start}, day(1), day(2).Add(-time.Second), nil},
		{"draft", Post{PublishAt: start, Status: StatusDraft}, day(1), day(30), nil},
		{"no date", Post{Repeat: &Repeat{Every: Interval{1, "day"}, Count: 3}}, day(1), day(30), nil},
		{"count", Post{PublishAt: start, Repeat: &Repeat{Every: Interval{1, "week"}, Count: 3}}, day(1), day(30),
			[]time.Time{day(2), day(9), day(16)}},
		{"until inclusive", Post{PublishAt: start, Repeat: &Repeat{Every: Interval{1, "week"}, Until: day(16)}}, day(1), day(30),
			[]time.Time{day(2), day(9), day(16)}},
		{"until end of day", Post{PublishAt: start, Repeat: &Repeat{Every: Interval{1, "week"}, Until: endOf(2026, 11, 22)}}, day(1), endOf(2026, 12, 31),
			[]time.Time{day(2), day(9), day(16)}},
		{"until just before an occurrence", Post{PublishAt: start, Repeat: &Repeat{Every: Interval{1, "week"}, Until: day(16).Add(-time.Second)}}, day(1), day(30),
			[]time.Time{day(2), day(9)}},
		{"count larger than the window", Post{PublishAt: start, Repeat: &Repeat{Every: Interval{2, "day"}, Count: 100}}, day(5), day(9),
			[]time.Time{day(6), day(8)}},
		{"window after the count", Post{PublishAt: start, Repeat: &Repeat{Every: Interval{1, "day"}, Count: 3}}, day(5), day(30), nil},
		{"2 weeks", Post{PublishAt: start, Repeat: &Repeat{Every: Interval{2, "week"}, Count: 3}}, day(1), endOf(2026, 12, 31),
			[]time.Time{day(2), day(16), day(30)}},
		{"monthly", Post{PublishAt: start, Repeat: &Repeat{Every: Interval{1, "month"}, Count: 3}}, day(1), endOf(2027, 12, 31),
			[]time.Time{day(2), time.Date(2026, 12, 2, 18, 0, 0, 0, loc), time.Date(2027, 1, 2, 18, 0, 0, 0, loc)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.post.Occurrences(tt.from, tt.to)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if !got[i].Equal(tt.want[i]) {
					t.Errorf("occurrence %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// A monthly post on the 31st goes out once a month, on the last day of
// the shorter months, never twice in the same month.
func TestOccurrencesMonthlyEndOfMonth(t *testing.T) {
	loc := brussels(t)
	start := time.Date(2027, 1, 31, 9, 30, 0, 0, loc)
	p := &Post{PublishAt: start, Repeat: &Repeat{Every: Interval{1, "month"}, Count: 5}}
	var got []string
	for _, o := range p.Occurrences(start, start.AddDate(1, 0, 0)) {
		got = append(got, o.Format("2006-01-02 15:04"))
	}
	want := []string{"2027-01-31 09:30", "2027-02-28 09:30", "2027-03-31 09:30", "2027-04-30 09:30", "2027-05-31 09:30"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("monthly from 31 January:\n got %v\nwant %v", got, want)
	}
}

func TestDueRecurring(t *testing.T) {
	loc := brussels(t)
	start := time.Date(2026, 10, 18, 9, 30, 0, 0, loc)
	occ := func(k int) time.Time { return start.AddDate(0, 0, 7*k) }
	published := func(k int) Publication {
		return Publication{ID: fmt.Sprint("id", k), At: occ(k).Add(time.Minute), Occurrence: occ(k), Attempts: 1}
	}
	weekly := func(count int, until time.Time) *Repeat {
		return &Repeat{Every: Interval{N: 1, Unit: "week"}, Count: count, Until: until}
	}
	tests := []struct {
		name   string
		repeat *Repeat
		pubs   map[string]Publication
		now    time.Time
		want   string
	}{
		{name: "before the first", repeat: weekly(4, time.Time{}), now: start.Add(-time.Second), want: ""},
		{name: "the first", repeat: weekly(4, time.Time{}), now: start, want: "mastodon@2026-10-18T09:30+02:00"},
		{name: "after the DST change, 09:30 local", repeat: weekly(4, time.Time{}), now: occ(1),
			pubs: map[string]Publication{"mastodon": published(0)}, want: "mastodon@2026-10-25T09:30+01:00"},
		{name: "an hour before the DST-shifted occurrence in UTC terms", repeat: weekly(4, time.Time{}), now: occ(0).Add(7 * 24 * time.Hour),
			pubs: map[string]Publication{"mastodon": published(0)}, want: ""},
		{name: "only the latest missed occurrence", repeat: weekly(4, time.Time{}), now: occ(2).Add(26 * time.Hour),
			want: "mastodon@2026-11-01T09:30+01:00"},
		{name: "the latest missed after one published", repeat: weekly(4, time.Time{}), now: occ(3).Add(time.Hour),
			pubs: map[string]Publication{"mastodon": published(0)}, want: "mastodon@2026-11-08T09:30+01:00"},
		{name: "published: the next is not due before its time", repeat: weekly(4, time.Time{}), now: occ(2).Add(-time.Minute),
			pubs: map[string]Publication{"mastodon": published(1)}, want: ""},
		{name: "published: the next is due at its time", repeat: weekly(4, time.Time{}), now: occ(2),
			pubs: map[string]Publication{"mastodon": published(1)}, want: "mastodon@2026-11-01T09:30+01:00"},
		{name: "count reached, last published", repeat: weekly(4, time.Time{}), now: occ(10),
			pubs: map[string]Publication{"mastodon": published(3)}, want: ""},
		{name: "count reached, last missed", repeat: weekly(4, time.Time{}), now: occ(10),
			pubs: map[string]Publication{"mastodon": published(2)}, want: "mastodon@2026-11-08T09:30+01:00"},
		{name: "count 2 stops before until would", repeat: weekly(2, occ(5)), now: occ(3),
			pubs: map[string]Publication{"mastodon": published(1)}, want: ""},
		{name: "until stops before count would", repeat: weekly(10, occ(1)), now: occ(3),
			pubs: map[string]Publication{"mastodon": published(1)}, want: ""},
		{name: "until, last missed", repeat: weekly(0, occ(2)), now: occ(3),
			pubs: map[string]Publication{"mastodon": published(1)}, want: "mastodon@2026-11-01T09:30+01:00"},
		{name: "failed occurrence inside backoff", repeat: weekly(4, time.Time{}), now: occ(1).Add(10 * time.Minute),
			pubs: map[string]Publication{"mastodon": {At: occ(1), Occurrence: occ(1), Attempts: 1, Error: "503"}}, want: ""},
		{name: "failed occurrence given up, the next one goes", repeat: weekly(4, time.Time{}), now: occ(2),
			pubs: map[string]Publication{"mastodon": {At: occ(1), Occurrence: occ(1), Attempts: MaxAttempts, Error: "503"}}, want: "mastodon@2026-11-01T09:30+01:00"},
		{name: "failed occurrence inside backoff, the next one goes", repeat: weekly(4, time.Time{}), now: occ(2),
			pubs: map[string]Publication{"mastodon": {At: occ(2).Add(-time.Minute), Occurrence: occ(1), Attempts: 2, Error: "503"}}, want: "mastodon@2026-11-01T09:30+01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Post{Path: "posts/weekly.md", PublishAt: start, Channels: []string{"mastodon"}, Status: StatusScheduled, Repeat: tt.repeat, Publications: tt.pubs}
			if s := deliveries(p.Due(tt.now)); s != tt.want {
				t.Errorf("Due(%s) = %q, want %q", tt.now.Format(time.RFC3339), s, tt.want)
			}
		})
	}
}

func TestPastDue(t *testing.T) {
	loc := brussels(t)
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, loc)
	tests := []struct {
		name string
		post Post
		now  time.Time
		want bool
	}{
		{"scheduled, past", Post{PublishAt: at, Status: StatusScheduled}, at.Add(time.Minute), true},
		{"scheduled, at the minute", Post{PublishAt: at, Status: StatusScheduled}, at, true},
		{"no status, past", Post{PublishAt: at}, at.Add(time.Minute), true},
		{"scheduled, future", Post{PublishAt: at, Status: StatusScheduled}, at.Add(-time.Minute), false},
		{"draft", Post{PublishAt: at, Status: StatusDraft}, at.Add(time.Hour), false},
		{"published", Post{PublishAt: at, Status: StatusPublished}, at.Add(time.Hour), false},
		{"failed", Post{PublishAt: at, Status: StatusFailed}, at.Add(time.Hour), false},
		{"retracted", Post{PublishAt: at, Status: StatusRetracted}, at.Add(time.Hour), false},
		{"no date", Post{Status: StatusScheduled}, at, false},
		{"recurring", Post{PublishAt: at, Status: StatusScheduled, Repeat: &Repeat{Every: Interval{1, "week"}, Count: 2}}, at.Add(time.Hour), false},
		{"already out on one channel", Post{PublishAt: at, Status: StatusScheduled,
			Publications: map[string]Publication{"mastodon": {ID: "1"}, "bluesky": {Attempts: 1, Error: "x"}}}, at.Add(time.Hour), false},
		{"only failed attempts", Post{PublishAt: at, Status: StatusScheduled,
			Publications: map[string]Publication{"bluesky": {Attempts: 1, Error: "x"}}}, at.Add(time.Hour), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.post.PastDue(tt.now); got != tt.want {
				t.Errorf("PastDue = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIntervalString(t *testing.T) {
	tests := []struct {
		iv   Interval
		want string
	}{
		{Interval{1, "week"}, "week"},
		{Interval{2, "week"}, "2 weeks"},
		{Interval{3, "day"}, "3 days"},
		{Interval{1, "month"}, "month"},
	}
	for _, tt := range tests {
		if got := tt.iv.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.iv, got, tt.want)
		}
	}
}
