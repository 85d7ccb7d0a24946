package calendar

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
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
		stWidth = max(stWidth, utf8.RuneCountInString(string(e.Status)))
	}
	var day string
	publications := 0
	for _, e := range entries {
		at := in(e.At)
		if d := at.Format("Mon 2006-01-02"); d != day {
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
			pad("["+string(e.Status)+"]", stWidth+2),
			oneLine(e.Title), e.Post.Path)
		publications += len(e.Channels)
	}
	if len(entries) > 0 {
		bw.WriteString("\n")
	}
	fmt.Fprintf(bw, "%s, %s", plural(len(entries), "post"), plural(publications, "publication"))
	if len(entries) > 0 {
		fmt.Fprintf(bw, ", %s → %s", in(entries[0].At).Format(time.DateOnly), in(entries[len(entries)-1].At).Format(time.DateOnly))
	}
	bw.WriteString("\n")
	return bw.Flush()
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

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
