package calendar

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/render"
)

// WriteText prints the calendar for a terminal: a heading per day that
// has posts ("Tue 2026-12-01"), a line per entry with its time, a ↻ mark
// for an occurrence of a recurring post, the channels, the status, the
// title and the file, and a last line with the totals:
//
//	Tue 2026-12-01
//	  09:30    mastodon, bluesky  [scheduled]  Lancement de la saison  (posts/2026/12/saison.md)
//	  12:00 ↻  mastodon           [published]  Le jeudi du jardin  (posts/2026/11/jeudi.md)
//
//	2 posts, 3 publications, 2026-12-01 → 2026-12-01
//
// Posts counts entries (each occurrence of a recurring post is one),
// publications counts entries times their channels. Times are shown in
// loc, or in each entry's own location when loc is nil.
func WriteText(w io.Writer, entries []pipeline.Entry, loc *time.Location) error {
	return WriteTextIn(w, entries, loc, i18n.English)
}

// WriteTextIn is WriteText in l: the weekdays, the statuses and the
// totals in the reader's language ("mar. 2026-12-01", "[programmé]"),
// the dates ISO.
func WriteTextIn(w io.Writer, entries []pipeline.Entry, loc *time.Location, l i18n.Lang) error {
	bw := bufio.NewWriter(w)
	in := func(t time.Time) time.Time {
		if loc != nil {
			return t.In(loc)
		}
		return t
	}
	chWidth, stWidth := 0, 0
	for _, e := range entries {
		chWidth = max(chWidth, utf8.RuneCountInString(channelList(e.Channels)))
		stWidth = max(stWidth, utf8.RuneCountInString(render.StatusIn(e.Status, l)))
	}
	var day string
	publications := 0
	for _, e := range entries {
		at := in(e.At)
		if d := render.DayIn(at, l); d != day {
			if day != "" {
				bw.WriteString("\n")
			}
			day = d
			fmt.Fprintln(bw, d)
		}
		mark := "  "
		if e.Recurring {
			mark = " ↻"
		}
		fmt.Fprintf(bw, "  %s%s  %s  %s  %s  (%s)\n",
			at.Format("15:04"), mark,
			pad(channelList(e.Channels), chWidth),
			pad("["+render.StatusIn(e.Status, l)+"]", stWidth+2),
			oneLine(e.Title), e.Post.Path)
		publications += len(e.Channels)
	}
	if len(entries) > 0 {
		bw.WriteString("\n")
	}
	fmt.Fprintf(bw, "%s, %s", say.Count(l, "plan.posts", len(entries), nil), say.Count(l, "plan.publications", publications, nil))
	if len(entries) > 0 {
		fmt.Fprintf(bw, ", %s → %s", in(entries[0].At).Format(time.DateOnly), in(entries[len(entries)-1].At).Format(time.DateOnly))
	}
	bw.WriteString("\n")
	return bw.Flush()
}

// WriteNothing says, for a period without any entry, where the nearest
// posts are: the next occurrence after to (and, when there is none, the
// last one before from), or that no post has a date:
//
//	nothing between 2026-12-01 and 2027-01-30; next: 2027-02-04 10:00 posts/2027/02/salon.md
//
// Times are shown in loc, the words in l.
func WriteNothing(w io.Writer, posts []*pipeline.Post, from, to time.Time, loc *time.Location, l i18n.Lang) error {
	if loc == nil {
		loc = time.UTC
	}
	line := say.Text(l, "plan.nothing", i18n.Args{"from": bound(from.In(loc), 0), "to": bound(to.In(loc), 24*time.Hour-time.Minute)})
	if at, path, ok := nearest(posts, to.Add(time.Second), to.AddDate(nearYears, 0, 0), true); ok {
		line += say.Text(l, "plan.next", i18n.Args{"time": at.In(loc).Format("2006-01-02 15:04"), "path": path})
	} else if at, path, ok := nearest(posts, from.AddDate(-nearYears, 0, 0), from.Add(-time.Second), false); ok {
		line += say.Text(l, "plan.last", i18n.Args{"time": at.In(loc).Format("2006-01-02 15:04"), "path": path})
	} else {
		line += say.Text(l, "plan.no_date", nil)
	}
	_, err := fmt.Fprintln(w, line)
	return err
}

// bound is a period's bound: its day, and its time unless it is the
// day's (midnight for a first day, from 23:59 for a last).
func bound(t time.Time, dayTime time.Duration) string {
	y, m, d := t.Date()
	if tod := t.Sub(time.Date(y, m, d, 0, 0, 0, 0, t.Location())); tod == dayTime || (dayTime > 0 && tod >= dayTime) {
		return t.Format(time.DateOnly)
	}
	return t.Format("2006-01-02 15:04")
}

// nearYears is how far WriteNothing looks for the nearest post.
const nearYears = 10

// nearest is the first (or, when !first, the last) occurrence of the
// posts between from and to, and its post's path; ties go to the first
// path.
func nearest(posts []*pipeline.Post, from, to time.Time, first bool) (at time.Time, path string, ok bool) {
	for _, p := range posts {
		if p == nil {
			continue
		}
		occ := p.Occurrences(from, to)
		if len(occ) == 0 {
			continue
		}
		t := occ[0]
		if !first {
			t = occ[len(occ)-1]
		}
		better := !ok || (first && t.Before(at)) || (!first && t.After(at)) || (t.Equal(at) && p.Path < path)
		if better {
			at, path, ok = t, p.Path, true
		}
	}
	return at, path, ok
}

func channelList(chs []string) string {
	if len(chs) == 0 {
		return "-"
	}
	return strings.Join(chs, ", ")
}

func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// oneLine keeps a title on its line whatever it holds.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
