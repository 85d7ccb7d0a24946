package calendar

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Local layouts of publish_at (formats.md), then the ones with an offset.
var (
	localLayouts  = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}
	offsetLayouts = []string{time.RFC3339, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04Z07:00", "2006-01-02 15:04Z07:00"}
)

// localLayout is how the calendar writes a local time.
const localLayout = "2006-01-02 15:04"

// dayFirst matches a date written day first (01/12/2026, 1.12.26 9h30).
var dayFirst = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]+(\d{1,2})[:hH](\d{2})(?::\d{2})?)?$`)

// timeError is what is wrong with a date and how to write it instead.
type timeError struct{ msg, hint string }

func (e *timeError) Error() string { return e.msg + " (" + e.hint + ")" }

// parseTime reads a date as publish_at accepts it: local time in loc
// ("2026-12-01 09:30", with T or seconds), or RFC 3339 with its offset.
// It refuses a day-first date, a date without time, and a local time that
// does not exist or happens twice around a DST change.
func parseTime(s string, loc *time.Location) (time.Time, *timeError) {
	s = strings.TrimSpace(s)
	for _, layout := range offsetLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.In(loc), nil
		}
	}
	for _, layout := range localLayouts {
		if w, err := time.Parse(layout, s); err == nil {
			return localTime(w, loc)
		}
	}
	if m := dayFirst.FindStringSubmatch(s); m != nil {
		return time.Time{}, dayFirstError(s, m)
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return time.Time{}, &timeError{
			msg:  fmt.Sprintf("%q has no time", s),
			hint: "add the hour: " + d.Format(time.DateOnly) + " 09:30",
		}
	}
	return time.Time{}, &timeError{
		msg:  fmt.Sprintf("%q is not a date", s),
		hint: "write YYYY-MM-DD HH:MM, like 2026-12-01 09:30, or RFC 3339 with an offset",
	}
}

// localTime places a wall-clock time (read as UTC) in loc, refusing a
// time the clocks skip or show twice.
func localTime(w time.Time, loc *time.Location) (time.Time, *timeError) {
	t := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	if !sameWall(t, w) {
		return time.Time{}, &timeError{
			msg:  fmt.Sprintf("%s does not exist in %s (the clocks go forward)", w.Format(localLayout), loc),
			hint: "choose another time, or give the offset, like " + t.Format(time.RFC3339),
		}
	}
	if other, ok := twin(t); ok {
		first, second := t, other
		if other.Before(t) {
			first, second = other, t
		}
		return time.Time{}, &timeError{
			msg:  fmt.Sprintf("%s happens twice in %s (the clocks go back)", w.Format(localLayout), loc),
			hint: "give the offset: " + first.Format(time.RFC3339) + " or " + second.Format(time.RFC3339),
		}
	}
	return t, nil
}

// twin is the other instant that shows the same wall clock as t in its
// location, when the clocks go back around t.
func twin(t time.Time) (time.Time, bool) {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	_, off := t.Zone()
	for _, probe := range []time.Time{t.Add(-24 * time.Hour), t.Add(24 * time.Hour)} {
		_, o := probe.Zone()
		if o == off {
			continue
		}
		u := wall.Add(-time.Duration(o) * time.Second).In(t.Location())
		if sameWall(u, wall) && !u.Equal(t) {
			return u, true
		}
	}
	return time.Time{}, false
}

func sameWall(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay() &&
		a.Hour() == b.Hour() && a.Minute() == b.Minute() && a.Second() == b.Second()
}

// dayFirstError explains why 01/12/2026 is refused, with the date
// written the right way when it can be guessed (day first, as in French).
func dayFirstError(s string, m []string) *timeError {
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	if len(m[3]) == 2 {
		year += 2000
	}
	hour, minute := 9, 30
	if m[4] != "" {
		hour, _ = strconv.Atoi(m[4])
		minute, _ = strconv.Atoi(m[5])
	}
	e := &timeError{
		msg:  fmt.Sprintf("%q is ambiguous: dates are written year first", s),
		hint: "write YYYY-MM-DD HH:MM, like 2026-12-01 09:30, and format the column as text in the spreadsheet so that it keeps it",
	}
	valid := func(day, month int) bool {
		return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
	}
	write := func(day, month int) string {
		return fmt.Sprintf("%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute)
	}
	switch {
	case valid(a, b) && valid(b, a) && a != b:
		e.msg = fmt.Sprintf("%q is ambiguous: %s or %s?", s, write(a, b), write(b, a))
		e.hint = "write " + write(a, b) + " (YYYY-MM-DD HH:MM), and format the column as text in the spreadsheet so that it keeps it"
	case valid(a, b):
		e.hint = "write " + write(a, b) + " (YYYY-MM-DD HH:MM), and format the column as text in the spreadsheet so that it keeps it"
	case valid(b, a):
		e.hint = "write " + write(b, a) + " (YYYY-MM-DD HH:MM), and format the column as text in the spreadsheet so that it keeps it"
	}
	return e
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// formatTime writes t as publish_at: local time in loc, or RFC 3339 with
// its offset when the local time alone would be ambiguous (the hour the
// clocks go back).
func formatTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Second() != 0 || t.Nanosecond() != 0 {
		if _, ok := twin(t); ok {
			return t.Format(time.RFC3339)
		}
		return t.Format("2006-01-02 15:04:05")
	}
	if _, ok := twin(t); ok {
		return t.Format(time.RFC3339)
	}
	return t.Format(localLayout)
}
