package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"github.com/crieur/crieur/pipeline"
)

func writeICS(t *testing.T, entries []pipeline.Entry, now time.Time) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteICS(&b, entries, "Botanique, éditorial", brussels(t), now); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func decodeICS(t *testing.T, data []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, data)
	}
	return cal
}

func TestWriteICS(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	entries := sampleEntries(t)
	data := writeICS(t, entries, now)
	cal := decodeICS(t, data)

	for prop, want := range map[string]string{
		ical.PropVersion:   "2.0",
		ical.PropProductID: "-//crieur//crieur//EN",
		"X-WR-CALNAME":     "Botanique, éditorial",
		"X-WR-TIMEZONE":    "Europe/Brussels",
	} {
		if got, err := cal.Props.Text(prop); err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", prop, got, err, want)
		}
	}

	events := cal.Events()
	if len(events) != len(entries) {
		t.Fatalf("%d events, want %d", len(events), len(entries))
	}
	uids := map[string]bool{}
	for i, ev := range events {
		e := entries[i]
		uid, _ := ev.Props.Text(ical.PropUID)
		if uids[uid] {
			t.Errorf("event %d: UID %s already used", i, uid)
		}
		uids[uid] = true

		start := ev.Props.Get(ical.PropDateTimeStart)
		if want := e.At.UTC().Format("20060102T150405Z"); start.Value != want || len(start.Params) > 0 {
			t.Errorf("event %d: DTSTART %v %q, want %q in UTC", i, start.Params, start.Value, want)
		}
		if got, _ := ev.DateTimeStart(nil); !got.Equal(e.At) {
			t.Errorf("event %d: starts %v, want %v", i, got, e.At)
		}
		if end, _ := ev.DateTimeEnd(nil); end.Sub(e.At) != 15*time.Minute {
			t.Errorf("event %d: lasts %v, want 15m", i, end.Sub(e.At))
		}
		if got := ev.Props.Get(ical.PropDuration).Value; got != "PT15M" {
			t.Errorf("event %d: DURATION %s", i, got)
		}
		if got := ev.Props.Get(ical.PropDateTimeStamp).Value; got != "20261120T100000Z" {
			t.Errorf("event %d: DTSTAMP %s", i, got)
		}
		if got, _ := ev.Props.Text(ical.PropSummary); got != e.Title {
			t.Errorf("event %d: SUMMARY %q, want %q", i, got, e.Title)
		}
		desc, err := ev.Props.Text(ical.PropDescription)
		if err != nil {
			t.Errorf("event %d: DESCRIPTION: %v", i, err)
		}
		for _, want := range []string{"Channels: " + strings.Join(e.Channels, ", "), "Status: " + string(e.Status), "File: " + e.Post.Path, bodyText(e.Post)} {
			if !strings.Contains(desc, want) {
				t.Errorf("event %d: DESCRIPTION %q lacks %q", i, desc, want)
			}
		}
		cats, _ := ev.Props.Get(ical.PropCategories).TextList()
		wantCats := append([]string(nil), e.Channels...)
		if e.Post.Campaign != "" {
			wantCats = append(wantCats, e.Post.Campaign)
		}
		if strings.Join(cats, "|") != strings.Join(wantCats, "|") {
			t.Errorf("event %d: CATEGORIES %q, want %q", i, cats, wantCats)
		}
		status, _ := ev.Status()
		wantStatus := ical.EventTentative
		if e.Status == pipeline.StatusPublished {
			wantStatus = ical.EventConfirmed
		}
		if status != wantStatus {
			t.Errorf("event %d (%s): STATUS %s, want %s", i, e.Status, status, wantStatus)
		}
	}

	// The description of the published occurrence links to what went out.
	if desc, _ := events[1].Props.Text(ical.PropDescription); !strings.Contains(desc, "mastodon: https://mastodon.social/@botanique/1099") {
		t.Errorf("published event: DESCRIPTION %q lacks the link", desc)
	}
}

func TestWriteICSFolding(t *testing.T) {
	loc := brussels(t)
	long := strings.Repeat("Un texte très long, avec des virgules; des points-virgules\\ et des accents é à ç œ. ", 8) + "\r\nfin\rvraiment\x00"
	post := &pipeline.Post{
		Path: "posts/2026/12/long.md", Title: "Titre : « spécial » — " + strings.Repeat("é", 40),
		PublishAt: at(t, loc, "2026-12-01 09:30"), Channels: []string{"mastodon", "web,hook"},
		Status: pipeline.StatusScheduled, Body: body(long),
	}
	entries := Entries([]*pipeline.Post{post}, post.PublishAt, post.PublishAt)
	data := writeICS(t, entries, time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC))

	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Error("the calendar does not end with CRLF")
	}
	folded := false
	for n, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", n+1, len(line), line)
		}
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", n+1, line)
		}
		if !utf8.Valid(line) {
			t.Errorf("line %d splits a character: %q", n+1, line)
		}
		folded = folded || bytes.HasPrefix(line, []byte(" "))
	}
	if !folded {
		t.Error("no line was folded")
	}

	ev := decodeICS(t, data).Events()[0]
	desc, err := ev.Props.Text(ical.PropDescription)
	if err != nil {
		t.Fatal(err)
	}
	wantText := strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(long, "\r\n", "\n"), "\r", "\n"), "\x00", ""))
	if !strings.HasSuffix(desc, "\n\n"+wantText) {
		t.Errorf("DESCRIPTION did not survive escaping and folding:\n%q\nwant suffix\n%q", desc, wantText)
	}
	if got, _ := ev.Props.Text(ical.PropSummary); got != post.Title {
		t.Errorf("SUMMARY %q, want %q", got, post.Title)
	}
	cats, _ := ev.Props.Get(ical.PropCategories).TextList()
	if strings.Join(cats, "|") != "mastodon|web,hook" {
		t.Errorf("CATEGORIES %q", cats)
	}
}

func TestWriteICSStableUIDs(t *testing.T) {
	loc := brussels(t)
	posts := samplePosts(t)
	from, to := at(t, loc, "2026-12-01 00:00"), at(t, loc, "2026-12-31 23:59")
	uidsOf := func(data []byte) map[string]string { // "path start" -> UID
		out := map[string]string{}
		for _, ev := range decodeICS(t, data).Events() {
			uid, _ := ev.Props.Text(ical.PropUID)
			desc, _ := ev.Props.Text(ical.PropDescription)
			start := ev.Props.Get(ical.PropDateTimeStart).Value
			file := desc[strings.Index(desc, "File: ")+6:]
			file = file[:strings.IndexByte(file, '\n')]
			out[file+" "+start] = uid
		}
		return out
	}

	first := uidsOf(writeICS(t, Entries(posts, from, to), time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)))
	// Later, from another run: the posts in another order, another now.
	reversed := []*pipeline.Post{posts[3], posts[2], posts[1], posts[0]}
	second := uidsOf(writeICS(t, Entries(reversed, from, to), time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)))
	if len(first) != 4 || len(second) != 4 {
		t.Fatalf("events: %v and %v", first, second)
	}
	for k, uid := range first {
		if second[k] != uid {
			t.Errorf("%s: UID %s, then %s", k, uid, second[k])
		}
	}
	if first["posts/2026/12/jeudi.md 20261203T110000Z"] == first["posts/2026/12/jeudi.md 20261210T110000Z"] {
		t.Error("two occurrences of a recurring post share a UID")
	}

	// A plain post that is rescheduled keeps its UID: its event moves.
	posts[0].PublishAt = posts[0].PublishAt.Add(2 * time.Hour)
	third := uidsOf(writeICS(t, Entries(posts, from, to), time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)))
	if got, want := third["posts/2026/12/saison.md 20261201T103000Z"], first["posts/2026/12/saison.md 20261201T083000Z"]; got != want {
		t.Errorf("rescheduled post: UID %s, was %s", got, want)
	}
}

func TestWriteICSEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteICS(&b, nil, "Vide", brussels(t), time.Now()); err != nil {
		t.Fatal(err)
	}
	want := "BEGIN:VCALENDAR\r\nCALSCALE:GREGORIAN\r\nNAME:Vide\r\nPRODID:-//crieur//crieur//EN\r\nVERSION:2.0\r\nX-WR-CALNAME:Vide\r\nX-WR-TIMEZONE:Europe/Brussels\r\nEND:VCALENDAR\r\n"
	if b.String() != want {
		t.Errorf("empty calendar:\n%q\nwant\n%q", b.String(), want)
	}
	if cal := decodeICS(t, b.Bytes()); len(cal.Events()) != 0 {
		t.Errorf("events in an empty calendar: %v", cal.Events())
	}
}

func TestRetractedEventIsCancelled(t *testing.T) {
	loc := brussels(t)
	p := &pipeline.Post{Path: "posts/x.md", PublishAt: at(t, loc, "2026-12-01 09:30"), Channels: []string{"mastodon"}, Status: pipeline.StatusRetracted, Body: body("x")}
	ev := decodeICS(t, writeICS(t, Entries([]*pipeline.Post{p}, p.PublishAt, p.PublishAt), time.Now())).Events()[0]
	if st, _ := ev.Status(); st != ical.EventCancelled {
		t.Errorf("STATUS %s, want CANCELLED", st)
	}
}
