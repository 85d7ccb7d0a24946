package content

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

var (
	localLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}
	slashDateRE  = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})`)
	dateOnlyRE   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// ParseTime reads a publication time: local time in loc ("2026-12-01
// 09:30", with T or seconds) or RFC 3339 with its own offset. It refuses
// day/month orders (01/12/2026 is December in Brussels and January in New
// York), a date without time, and local times that do not exist or happen
// twice around a DST change. The error says how to write it.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(loc), nil
	}
	for _, layout := range localLayouts {
		t, err := time.ParseInLocation(layout, s, loc)
		if err != nil {
			continue
		}
		return checkLocal(t, s, loc)
	}
	if m := slashDateRE.FindStringSubmatch(s); m != nil {
		return time.Time{}, hinted(fmt.Sprintf("date %q is ambiguous (day/month or month/day?)", s),
			"write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30")
	}
	if dateOnlyRE.MatchString(s) {
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return time.Time{}, hinted(fmt.Sprintf("%q is not a real date", s), "check the month (01-12) and the day")
		}
		return time.Time{}, hinted(fmt.Sprintf("%q has no time of day", s), "add the time: "+s+" 09:30")
	}
	// Say which part is wrong when the shape is right.
	for _, layout := range localLayouts {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err != nil {
				return time.Time{}, hinted(fmt.Sprintf("%q is not a valid date and time: %s", s, parseReason(err)),
					"write YYYY-MM-DD HH:MM with a real month (01-12), day and 24-hour time")
			}
		}
	}
	return time.Time{}, hinted(fmt.Sprintf("cannot read %q as a date and time", s),
		"write YYYY-MM-DD HH:MM (local time) or RFC 3339 such as 2026-12-01T09:30:00+01:00")
}

// ParseDay reads a date, or a date and time, for the end of a period: a
// plain date means the end of that day in loc.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	if dateOnlyRE.MatchString(s) {
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			return time.Time{}, hinted(fmt.Sprintf("%q is not a real date", s), "check the month (01-12) and the day")
		}
		return t.AddDate(0, 0, 1).Add(-time.Second), nil
	}
	return ParseTime(s, loc)
}

func checkLocal(t time.Time, s string, loc *time.Location) (time.Time, error) {
	// time.ParseInLocation normalises a time in a DST gap: compare the
	// wall clock with what was written.
	want, _ := time.Parse("2006-01-02 15:04:05", t.Format("2006-01-02 15:04:05"))
	for _, layout := range localLayouts {
		if w, err := time.Parse(layout, s); err == nil {
			want = w
			break
		}
	}
	if t.Hour() != want.Hour() || t.Minute() != want.Minute() || t.Day() != want.Day() {
		return time.Time{}, hinted(fmt.Sprintf("%s does not exist in %s: the clocks go forward that night", s, loc),
			"pick another time, e.g. one hour later")
	}
	_, off := t.Zone()
	for _, d := range []time.Duration{-time.Hour, time.Hour} {
		u := t.Add(d)
		_, off2 := u.Zone()
		if off2 != off && u.Hour() == t.Hour() && u.Minute() == t.Minute() && u.Day() == t.Day() {
			return time.Time{}, hinted(fmt.Sprintf("%s happens twice in %s: the clocks go back that night", s, loc),
				fmt.Sprintf("give the offset: %s or %s", t.Format("2006-01-02T15:04:05-07:00"), u.Format("2006-01-02T15:04:05-07:00")))
		}
	}
	return t, nil
}

func parseReason(err error) string {
	if pe, ok := err.(*time.ParseError); ok && pe.Message != "" {
		return strings.TrimPrefix(pe.Message, ": ")
	}
	return "out of range"
}

// hintedError carries a message and a hint to fix it.
type hintedError struct{ msg, hint string }

func (e *hintedError) Error() string { return e.msg }

func hinted(msg, hint string) error { return &hintedError{msg, hint} }

// split returns the message and hint of an error from this package.
func split(err error) (string, string) {
	if h, ok := err.(*hintedError); ok {
		return h.msg, h.hint
	}
	return err.Error(), ""
}
