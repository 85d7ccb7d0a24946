package pipeline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Layouts of publish_at (docs/formats.md): local time, then with an offset.
var (
	localLayouts  = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}
	offsetLayouts = []string{time.RFC3339, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04Z07:00", "2006-01-02 15:04Z07:00"}
	dayFirstRE    = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?$`)
)

// LocalLayout is how crieur writes a local time.
const LocalLayout = "2006-01-02 15:04"

// TimeError is what is wrong with a written date, and how to write it,
// in English. ID names the error for the rooms that say it in the
// reader's language (pipeline/content's catalog: time.<ID>), Args its
// values: "value" is the text as written, unquoted.
type TimeError struct {
	Msg, Hint string
	ID        string
	Args      map[string]string
}

func (e *TimeError) Error() string { return e.Msg + " (" + e.Hint + ")" }

// ParseTime reads a publication time: local time in loc ("2026-12-01
// 09:30", with T or seconds) or RFC 3339 with its own offset. It refuses a
// day-first date (01/12/2026 is December in Brussels and January in New
// York), a date without time, an impossible date, and a local time that
// does not exist or happens twice around a DST change. Its errors are
// *TimeError, with a hint that shows the date written the right way when
// it can be guessed.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
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
	if m := dayFirstRE.FindStringSubmatch(s); m != nil {
		return time.Time{}, dayFirstError(s, m)
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return time.Time{}, &TimeError{Msg: fmt.Sprintf("%q has no time of day", s), Hint: "add the hour: " + d.Format(time.DateOnly) + " 09:30",
			ID: "no_hour", Args: map[string]string{"value": s, "example": d.Format(time.DateOnly) + " 09:30"}}
	}
	// The right shape with an impossible value: say which part is wrong.
	for _, layout := range append([]string{time.DateOnly}, localLayouts...) {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err != nil {
				reason := "out of range"
				if pe, ok := err.(*time.ParseError); ok && pe.Message != "" {
					reason = strings.TrimPrefix(pe.Message, ": ")
				}
				return time.Time{}, &TimeError{Msg: fmt.Sprintf("%q is not a valid date: %s", s, reason),
					Hint: "write YYYY-MM-DD HH:MM with a real month (01-12), day and 24-hour time",
					ID:   "invalid", Args: map[string]string{"value": s, "reason": reason}}
			}
		}
	}
	return time.Time{}, &TimeError{Msg: fmt.Sprintf("cannot read %q as a date and time", s),
		Hint: "write YYYY-MM-DD HH:MM (local time), like 2026-12-01 09:30, or RFC 3339 such as 2026-12-01T09:30:00+01:00",
		ID:   "unreadable", Args: map[string]string{"value": s}}
}

// localTime places a wall-clock time (read as UTC) in loc, refusing a
// time the clocks skip or show twice.
func localTime(w time.Time, loc *time.Location) (time.Time, error) {
	t := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	if !sameWall(t, w) {
		return time.Time{}, &TimeError{
			Msg:  fmt.Sprintf("%s does not exist in %s: the clocks go forward that night", w.Format(LocalLayout), loc),
			Hint: "pick another time, e.g. one hour later, or give the offset, like " + t.Format(time.RFC3339),
			ID:   "gap", Args: map[string]string{"time": w.Format(LocalLayout), "zone": loc.String(), "example": t.Format(time.RFC3339)},
		}
	}
	if other, ok := Twin(t); ok {
		first, second := t, other
		if other.Before(t) {
			first, second = other, t
		}
		return time.Time{}, &TimeError{
			Msg:  fmt.Sprintf("%s happens twice in %s: the clocks go back that night", w.Format(LocalLayout), loc),
			Hint: "give the offset: " + first.Format(time.RFC3339) + " or " + second.Format(time.RFC3339),
			ID:   "twice", Args: map[string]string{"time": w.Format(LocalLayout), "zone": loc.String(),
				"first": first.Format(time.RFC3339), "second": second.Format(time.RFC3339)},
		}
	}
	return t, nil
}

// Twin is the other instant that shows the same wall clock as t in its
// location, when the clocks go back around t.
func Twin(t time.Time) (time.Time, bool) {
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

// ParseDayFirst reads a time as a spreadsheet in French, Dutch or
// British English shows it: what ParseTime reads, and a date written day
// first with its time (20/03/2027 09:30, 20.03.27 9h30, 20-03-2027
// 09:30:00) when it is not also a date month first. 03/04/2027 09:30 is
// 3 April or 4 March: it is refused, its error naming both readings; a
// date that is only a date month first (12/20/2027) is refused with the
// date written the right way. When dayFirst says that the other dates of
// the same column are written day first (a spreadsheet formats a column
// one way), a date that reads both ways is read day first.
func ParseDayFirst(s string, loc *time.Location, dayFirst bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	m := dayFirstRE.FindStringSubmatch(s)
	if m == nil {
		return ParseTime(s, loc)
	}
	day, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	if len(m[3]) == 2 {
		year += 2000
	}
	if byDay, byMonth, _ := DateOrder(s); !byDay || byMonth && !dayFirst && day != month {
		return time.Time{}, dayFirstError(s, m)
	}
	if m[4] == "" {
		return time.Time{}, &TimeError{Msg: fmt.Sprintf("%q has no time of day", s), Hint: "add the hour: " + s + " 09:30",
			ID: "no_hour", Args: map[string]string{"value": s, "example": s + " 09:30"}}
	}
	hour, _ := strconv.Atoi(m[4])
	minute, _ := strconv.Atoi(m[5])
	sec := 0
	if m[6] != "" {
		sec, _ = strconv.Atoi(m[6])
	}
	if hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, &TimeError{Msg: fmt.Sprintf("%q is not a valid time of day", s), Hint: "write a 24-hour time, like 09:30",
			ID: "bad_time", Args: map[string]string{"value": s}}
	}
	return localTime(time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC), loc)
}

// DateOrder says how s reads when it is a date written with slashes,
// dots or dashes, the year last (03/04/2027 09:30): as a date day first,
// as a date month first (both when the day and the month are the same
// number); slashed is false when s is not written so.
func DateOrder(s string) (dayFirst, monthFirst, slashed bool) {
	m := dayFirstRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return false, false, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	if len(m[3]) == 2 {
		year += 2000
	}
	return validDate(year, b, a), validDate(year, a, b), true
}

// validDate says whether day/month is a date of year.
func validDate(year, month, day int) bool {
	return month >= 1 && month <= 12 && day >= 1 && day <= time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dayFirstError explains why 01/12/2026 is refused, with the date written
// the right way when it can be guessed (day first, as in French).
func dayFirstError(s string, m []string) *TimeError {
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
	e := &TimeError{
		Msg:  fmt.Sprintf("date %q is ambiguous: dates are written year first", s),
		Hint: "write YYYY-MM-DD HH:MM, like 2026-12-01 09:30",
		ID:   "ambiguous", Args: map[string]string{"value": s},
	}
	valid := func(day, month int) bool { return validDate(year, month, day) }
	write := func(day, month int) string {
		return fmt.Sprintf("%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute)
	}
	switch {
	case valid(a, b) && valid(b, a) && a != b:
		e.Msg = fmt.Sprintf("date %q is ambiguous: %s or %s?", s, write(a, b), write(b, a))
		e.Hint = "write " + write(a, b) + " (YYYY-MM-DD HH:MM) if you meant day first"
		e.ID, e.Args["a"], e.Args["b"] = "ambiguous_both", write(a, b), write(b, a)
	case valid(a, b):
		e.Hint = "write " + write(a, b) + " (YYYY-MM-DD HH:MM)"
		e.ID, e.Args["a"] = "ambiguous_write", write(a, b)
	case valid(b, a):
		e.Hint = "write " + write(b, a) + " (YYYY-MM-DD HH:MM)"
		e.ID, e.Args["a"] = "ambiguous_write", write(b, a)
	}
	return e
}

// FormatTime writes t as publish_at: local time in loc, or RFC 3339 with
// its offset when the local time alone would be ambiguous (the hour the
// clocks go back).
func FormatTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if _, ok := Twin(t); ok {
		return t.Format(time.RFC3339)
	}
	if t.Second() != 0 || t.Nanosecond() != 0 {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format(LocalLayout)
}

// ParseDay reads the end of a period: a plain date means the end of that
// day in loc; a date and time is read as ParseTime does.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) == len(time.DateOnly) {
		t, err := time.ParseInLocation(time.DateOnly, s, loc)
		if err != nil {
			return time.Time{}, &TimeError{Msg: fmt.Sprintf("%q is not a real date", s), Hint: "check the month (01-12) and the day",
				ID: "not_real", Args: map[string]string{"value": s}}
		}
		return t.AddDate(0, 0, 1).Add(-time.Second), nil
	}
	return ParseTime(s, loc)
}

// ParseFlagTime reads a time given on the command line (--now, --at,
// --until, --from): the formats of publish_at, or "now"; with dateOK, a
// date alone too, as midnight local time.
func ParseFlagTime(s string, loc *time.Location, now time.Time, dateOK bool) (time.Time, error) {
	if s == "now" {
		return now.In(loc), nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil && dateOK {
		return t, nil
	}
	return ParseTime(s, loc)
}
