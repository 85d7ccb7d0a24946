package calendar

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"github.com/crieur/crieur/pipeline"
)

// ProductID names crieur in the calendars it writes.
const ProductID = "-//crieur//crieur//EN"

// WriteICS writes the calendar as an RFC 5545 VCALENDAR named name, for a
// calendar application to import or subscribe to: one VEVENT of 15
// minutes per entry, starting at the entry's time in UTC, with the title
// as summary, the channels, status, file and text as description, the
// channels and campaign as categories, and STATUS CONFIRMED (published),
// CANCELLED (retracted) or TENTATIVE (anything else). loc names the
// calendar's time zone (X-WR-TIMEZONE) when it is an IANA zone; now is
// the DTSTAMP of every event.
//
// An event's UID depends only on the post's path for a plain post, and on
// the path and the occurrence for a recurring one, so that a calendar
// that reads the file again updates the events it has (a rescheduled post
// moves) rather than adding copies.
//
// Lines are folded at 75 octets, never inside a character, and text is
// escaped by go-ical. RFC 5545 wants at least one event: a calendar
// without entries is still written, as such a calendar application
// accepts, so that a subscription to an empty month does not break.
func WriteICS(w io.Writer, entries []pipeline.Entry, name string, loc *time.Location, now time.Time) error {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, ProductID)
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	if name = oneLine(icsText(name)); name != "" {
		cal.Props.SetText(ical.PropName, name)
		setExtension(cal.Props, "X-WR-CALNAME", name)
	}
	if loc != nil && loc != time.Local {
		setExtension(cal.Props, "X-WR-TIMEZONE", loc.String())
	}
	for _, e := range entries {
		cal.Children = append(cal.Children, event(e, now).Component)
	}

	var buf bytes.Buffer
	if len(cal.Children) == 0 {
		// go-ical refuses an empty VCALENDAR: write its lines here, with
		// the values it escaped.
		buf.WriteString("BEGIN:VCALENDAR\r\n")
		for _, p := range []string{ical.PropCalendarScale, ical.PropName, ical.PropProductID, ical.PropVersion, "X-WR-CALNAME", "X-WR-TIMEZONE"} {
			if prop := cal.Props.Get(p); prop != nil {
				fmt.Fprintf(&buf, "%s:%s\r\n", prop.Name, prop.Value)
			}
		}
		buf.WriteString("END:VCALENDAR\r\n")
	} else if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return fmt.Errorf("calendar: encode iCalendar: %w", err)
	}
	return fold(w, buf.Bytes())
}

// setExtension sets a text property that RFC 5545 does not know, escaped
// as text but without the VALUE=TEXT parameter go-ical adds to it.
func setExtension(props ical.Props, name, text string) {
	p := ical.NewProp(name)
	p.SetText(text)
	p.Params.Del(ical.ParamValue)
	props.Set(p)
}

// event is the VEVENT of one entry.
func event(e pipeline.Entry, now time.Time) *ical.Event {
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, uid(e))
	ev.Props.SetDateTime(ical.PropDateTimeStamp, now.UTC())
	ev.Props.SetDateTime(ical.PropDateTimeStart, e.At.UTC())
	dur := ical.NewProp(ical.PropDuration)
	dur.Value = "PT15M"
	ev.Props.Set(dur)
	ev.Props.SetText(ical.PropSummary, icsText(oneLine(e.Title)))
	ev.Props.SetText(ical.PropDescription, icsText(description(e)))

	var cats []string
	for _, ch := range e.Channels {
		cats = append(cats, icsText(ch))
	}
	if c := oneLine(e.Post.Campaign); c != "" {
		cats = append(cats, icsText(c))
	}
	if len(cats) > 0 {
		p := ical.NewProp(ical.PropCategories)
		p.SetTextList(cats)
		ev.Props.Set(p)
	}

	switch e.Status {
	case pipeline.StatusPublished:
		ev.SetStatus(ical.EventConfirmed)
	case pipeline.StatusRetracted:
		ev.SetStatus(ical.EventCancelled)
	default:
		ev.SetStatus(ical.EventTentative)
	}
	return ev
}

// uid is the stable UID of an entry's event.
func uid(e pipeline.Entry) string {
	h := sha256.New()
	h.Write([]byte(e.Post.Path))
	if e.Recurring {
		h.Write([]byte{0})
		h.Write([]byte(e.At.UTC().Format(time.RFC3339)))
	}
	return hex.EncodeToString(h.Sum(nil))[:32] + "@crieur"
}

// description is an event's description: channels, status, file, the
// addresses of what went out, then the text of the post.
func description(e pipeline.Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Channels: %s\n", channelList(e.Channels))
	fmt.Fprintf(&b, "Status: %s\n", e.Status)
	if e.Post.Campaign != "" {
		fmt.Fprintf(&b, "Campaign: %s\n", oneLine(e.Post.Campaign))
	}
	fmt.Fprintf(&b, "File: %s\n", e.Post.Path)
	for _, ch := range e.Channels {
		if u := e.URLs[ch]; u != "" {
			fmt.Fprintf(&b, "%s: %s\n", ch, u)
			continue
		}
		pub, ok := e.Post.Publications[ch]
		if ok && pub.URL != "" && (pub.Occurrence.Equal(e.At) || pub.Occurrence.IsZero() && !e.Recurring) {
			fmt.Fprintf(&b, "%s: %s\n", ch, pub.URL)
		}
	}
	if text := bodyText(e.Post); text != "" {
		b.WriteString("\n")
		b.WriteString(text)
	}
	return b.String()
}

// bodyText is the Markdown source of a post's body, thread parts joined
// by the "---" line that separates them in the file.
func bodyText(p *pipeline.Post) string {
	var parts []string
	for _, part := range p.Body.Parts {
		if s := strings.TrimSpace(normalizeNewlines(part.Source)); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n---\n\n")
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// icsText makes s fit an iCalendar TEXT value: LF for line breaks and no
// other control character (RFC 5545 §3.3.11), valid UTF-8.
func icsText(s string) string {
	s = strings.ToValidUTF8(normalizeNewlines(s), "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r >= 0x20 && r != 0x7f {
			return r
		}
		return -1
	}, s)
}

// fold writes iCalendar content lines (each ending in CRLF) folded at 75
// octets as RFC 5545 §3.1 asks, never inside a UTF-8 sequence.
func fold(w io.Writer, data []byte) error {
	bw := bufio.NewWriter(w)
	for len(data) > 0 {
		var line []byte
		if i := bytes.Index(data, []byte("\r\n")); i >= 0 {
			line, data = data[:i], data[i+2:]
		} else {
			line, data = data, nil
		}
		limit := 75
		for len(line) > limit {
			n := limit
			for n > 1 && !utf8.RuneStart(line[n]) {
				n--
			}
			bw.Write(line[:n])
			bw.WriteString("\r\n ")
			line = line[n:]
			limit = 74 // the leading space counts
		}
		bw.Write(line)
		bw.WriteString("\r\n")
	}
	return bw.Flush()
}
