package pipeline

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultRunEvery is how often the publish workflow runs inside the
// posting hours when no charter names its publishing slots: every half
// hour, on the hour and at half past, where posts are written.
const DefaultRunEvery = 30 * time.Minute

// Cadence is when the publish workflow runs on its own (besides every
// merge): at these local times of day, on these weekdays, in the
// repository's time zone. It comes from the charters' publishing slots
// (schedule.slots), or else from their posting hours and days, every
// DefaultRunEvery. A post whose time is not a run time goes out at the
// next run.
type Cadence struct {
	Times []int   // minutes since local midnight, sorted, without duplicates
	Days  [7]bool // by time.Weekday; none set: every day
	Zone  string  // an IANA time zone: GitHub runs the schedule in it
	Slots bool    // the times are the charters' slots, not every DefaultRunEvery
	loc   *time.Location
}

// NewCadence is a cadence at the given minutes of the day, on the given
// days (none: every day), in loc.
func NewCadence(times []int, days [7]bool, loc *time.Location, slots bool) Cadence {
	if loc == nil {
		loc = time.UTC
	}
	t := slices.Clone(times)
	slices.Sort(t)
	t = slices.Compact(t)
	if days == [7]bool{true, true, true, true, true, true, true} {
		days = [7]bool{}
	}
	return Cadence{Times: t, Days: days, Zone: loc.String(), Slots: slots, loc: loc}
}

// Every lists the minutes of the day from start to end (minutes since
// midnight, end included; start > end wraps past midnight), every step.
func Every(start, end int, step time.Duration) []int {
	s := int(step / time.Minute)
	if s <= 0 {
		s = 30
	}
	first := (start + s - 1) / s * s // the first whole step at or after start
	var out []int
	if start <= end {
		for m := first; m <= end && m < 24*60; m += s {
			out = append(out, m)
		}
		return out
	}
	for m := first; m < 24*60; m += s {
		out = append(out, m)
	}
	for m := 0; m <= end; m += s {
		out = append(out, m)
	}
	return out
}

// everyDay reports whether the cadence runs on every weekday.
func (c Cadence) everyDay() bool { return c.Days == [7]bool{} }

// runsOn reports whether the cadence runs on a weekday.
func (c Cadence) runsOn(d time.Weekday) bool { return c.everyDay() || c.Days[d] }

// Cron is one line of a workflow's schedule: a POSIX cron expression read
// in an IANA time zone; "" is UTC, GitHub's default (which takes "UTC"
// for no zone name).
type Cron struct {
	Expr, Zone string
}

// Crons are the schedule lines that run the workflow at the cadence's
// times: one line per minute of the hour, listing its hours.
func (c Cadence) Crons() []Cron {
	byMinute := map[int][]string{}
	var minutes []int
	for _, t := range c.Times {
		m := t % 60
		if _, ok := byMinute[m]; !ok {
			minutes = append(minutes, m)
		}
		byMinute[m] = append(byMinute[m], strconv.Itoa(t/60))
	}
	slices.Sort(minutes)
	dow := "*"
	if !c.everyDay() {
		var ds []string
		for d, on := range c.Days {
			if on {
				ds = append(ds, strconv.Itoa(d))
			}
		}
		dow = strings.Join(ds, ",")
	}
	zone := c.Zone
	if zone == "UTC" || zone == "Local" {
		zone = ""
	}
	out := make([]Cron, 0, len(minutes))
	for _, m := range minutes {
		hours := byMinute[m]
		h := strings.Join(hours, ",")
		if len(hours) == 24 {
			h = "*"
		}
		out = append(out, Cron{Expr: fmt.Sprintf("%d %s * * %s", m, h, dow), Zone: zone})
	}
	return out
}

// RunsIn counts the runs of a month.
func (c Cadence) RunsIn(year int, month time.Month) int {
	n := 0
	for d := time.Date(year, month, 1, 12, 0, 0, 0, time.UTC); d.Month() == month; d = d.AddDate(0, 0, 1) {
		if c.runsOn(d.Weekday()) {
			n += len(c.Times)
		}
	}
	return n
}

// MostRunsInAMonth is the largest count of runs in a calendar month: a
// 31-day month that starts on the weekday that gives the most (the
// months of eight years start on every weekday).
func (c Cadence) MostRunsInAMonth() int {
	most := 0
	for y := 2024; y < 2032; y++ {
		for m := time.January; m <= time.December; m++ {
			most = max(most, c.RunsIn(y, m))
		}
	}
	return most
}

// Next is the first run at or after t, in the cadence's time zone; zero
// when the cadence never runs.
func (c Cadence) Next(t time.Time) time.Time {
	if len(c.Times) == 0 {
		return time.Time{}
	}
	loc := c.loc
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	y, m, d := t.Date()
	for day := 0; day <= 7; day++ {
		date := time.Date(y, m, d+day, 0, 0, 0, 0, loc)
		if !c.runsOn(date.Weekday()) {
			continue
		}
		for _, min := range c.Times {
			at := time.Date(date.Year(), date.Month(), date.Day(), min/60, min%60, 0, 0, loc)
			if !at.Before(t) {
				return at
			}
		}
	}
	return time.Time{}
}

// On reports whether t is a run time of the cadence.
func (c Cadence) On(t time.Time) bool {
	return c.Next(t).Equal(t)
}

// Clock writes minutes since midnight as HH:MM.
func Clock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// ParseClock reads a local time of day, HH:MM in 24-hour time, into
// minutes since midnight.
func ParseClock(s string) (int, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(m) != 2 || len(h) == 0 || len(h) > 2 || strings.Trim(h+m, "0123456789") != "" {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, false
	}
	return hh*60 + mm, true
}
