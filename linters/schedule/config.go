package schedule

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// plan is a charter's schedule section, read once: what the checks
// compare against, and what could not be read (that setting is skipped).
type plan struct {
	hours      bool // a window of posting hours is set
	start, end int  // seconds since midnight; end is included; start > end wraps past midnight
	hoursText  string

	days     bool // posting days are set
	allowed  [7]bool
	daysText string // the days as the charter writes them

	slots     []int // minutes since midnight: the charter's publishing slots
	slotsText string
	run       pipeline.Cadence // when the publish workflow runs

	maxPerDay int
	gap       time.Duration
	gapText   string

	blackouts []blackout
	problems  []problem
}

// blackout is a period [from, to) when nothing goes out.
type blackout struct {
	from, to         time.Time
	fromText, toText string // as written in the charter
	oneDay           bool   // a date alone: that whole day
	reason           string
}

// problem is a setting that cannot be read.
type problem struct {
	key, msg, hint string
}

var (
	hoursRE = regexp.MustCompile(`^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$`)
	// looseHoursRE reads what an SMM may write instead ("8-21", "8h-21h",
	// "8 h 30 à 21 h") to suggest the right spelling.
	looseHoursRE = regexp.MustCompile(`^(\d{1,2})(?:\s*[:hH.]\s*(\d{2}))?\s*[hH]?\s*(?:-|–|à|a|to|tot)\s*(\d{1,2})(?:\s*[:hH.]\s*(\d{2}))?\s*[hH]?$`)
	gapHMRE      = regexp.MustCompile(`^\d+h\d+$`)
	looseClockRE = regexp.MustCompile(`^(\d{1,2})\s*(?:[:hH.]\s*(\d{2})?)?$`)
)

// compile reads a charter's schedule section in the repository's time zone.
func compile(s pipeline.ScheduleRules, loc *time.Location, d *data) *plan {
	p := &plan{maxPerDay: s.MaxPerDay}
	bad := func(key, which, value, guess string) {
		t := d.Config[which]
		pr := problem{key: key, msg: fill(t.Problem, map[string]string{"value": value}), hint: t.Hint}
		if guess != "" && t.HintGuess != "" {
			pr.hint = fill(t.HintGuess, map[string]string{"guess": guess})
		}
		p.problems = append(p.problems, pr)
	}

	if h := strings.TrimSpace(s.Hours); h != "" {
		start, end, ok := parseHours(h)
		switch {
		case !ok:
			bad("hours", "hours", strconv.Quote(s.Hours), guessHours(h))
		case start == end:
			bad("hours", "hours_empty", strconv.Quote(s.Hours), "")
		default:
			p.hours, p.start, p.end, p.hoursText = true, start, end, h
		}
	}

	if len(s.Days) > 0 {
		p.days = true
		for i, name := range s.Days {
			wd, ok := d.dayNames[strings.ToLower(strings.TrimSpace(name))]
			if !ok {
				bad(fmt.Sprintf("days[%d]", i), "days", strconv.Quote(name), pipeline.Suggest(strings.ToLower(name), d.allNames))
				p.days = false // one unknown day: the list cannot be trusted
				continue
			}
			p.allowed[wd] = true
		}
		p.daysText = strings.Join(s.Days, ", ")
	}

	p.compileSlots(s.Slots, bad)

	if s.MaxPerDay < 0 {
		bad("max_per_day", "max_per_day", strconv.Itoa(s.MaxPerDay), "")
		p.maxPerDay = 0
	}

	if g := strings.TrimSpace(s.MinGap); g != "" {
		gap, err := parseGap(g)
		switch {
		case err != nil:
			bad("min_gap", "min_gap", strconv.Quote(s.MinGap), "")
		case gap < 0:
			bad("min_gap", "min_gap_negative", strconv.Quote(s.MinGap), "")
		default:
			p.gap, p.gapText = gap, formatDuration(gap)
		}
	}

	for i, b := range s.Blackouts {
		key := fmt.Sprintf("blackouts[%d]", i)
		from, to := strings.TrimSpace(b.From), strings.TrimSpace(b.To)
		if from == "" {
			bad(key, "blackout_missing", "from", "")
			continue
		}
		if to == "" && !isDate(from) {
			bad(key, "blackout_missing", "to", "")
			continue
		}
		oneDay := to == "" || (to == from && isDate(from))
		if to == "" {
			to = from // a single date: that whole day
		}
		start, err := blackoutStart(from, loc)
		if err != nil {
			p.problems = append(p.problems, timeProblem(key+".from", err, d))
			continue
		}
		end, err := blackoutEnd(to, loc)
		if err != nil {
			p.problems = append(p.problems, timeProblem(key+".to", err, d))
			continue
		}
		if !end.After(start) {
			bad(key, "blackout_order", strconv.Quote(b.To), "")
			continue
		}
		p.blackouts = append(p.blackouts, blackout{from: start, to: end, fromText: from, toText: to, oneDay: oneDay, reason: strings.TrimSpace(b.Reason)})
	}
	times, days, slots := p.cadence()
	p.run = pipeline.NewCadence(times, days, loc, slots)
	return p
}

// compileSlots reads the publishing slots: times of day, inside the
// posting hours.
func (p *plan) compileSlots(slots []string, bad func(key, which, value, guess string)) {
	var texts []string
	for i, s := range slots {
		key := fmt.Sprintf("slots[%d]", i)
		m, ok := pipeline.ParseClock(s)
		if !ok {
			bad(key, "slot", strconv.Quote(s), guessClock(s))
			continue
		}
		if p.hours && !p.inHours(time.Date(2000, 1, 1, m/60, m%60, 0, 0, time.UTC)) {
			bad(key, "slot_hours", strconv.Quote(s), p.hoursText)
			continue
		}
		p.slots = append(p.slots, m)
		texts = append(texts, pipeline.Clock(m))
	}
	if len(slots) > 0 && len(p.slots) == 0 {
		p.slots = nil // no slot could be read: runs every half hour
	}
	slices.Sort(texts)
	p.slotsText = strings.Join(slices.Compact(texts), ", ")
}

// guessClock writes a loosely written time of day ("9h30", "9.30",
// "9h") as HH:MM, or "".
func guessClock(s string) string {
	m := looseClockRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	h, _ := strconv.Atoi(m[1])
	min, _ := strconv.Atoi(m[2])
	g := fmt.Sprintf("%02d:%02d", h, min)
	if _, ok := pipeline.ParseClock(g); !ok {
		return ""
	}
	return g
}

// cadence is when the publish workflow runs for this charter.
func (p *plan) cadence() (times []int, days [7]bool, slots bool) {
	if p.days {
		days = p.allowed
	}
	if len(p.slots) > 0 {
		return p.slots, days, true
	}
	start, end := 0, 24*60-1
	if p.hours {
		start, end = p.start/60, min(p.end/60, 24*60-1)
	}
	return pipeline.Every(start, end, pipeline.DefaultRunEvery), days, false
}

// onRun reports whether a local time is a time of day the publish
// workflow runs at (its day is schedule.days' business).
func (p *plan) onRun(t time.Time) bool {
	return t.Second() == 0 && t.Nanosecond() == 0 && slices.Contains(p.run.Times, t.Hour()*60+t.Minute())
}

// parseHours reads "08:00-21:00" into seconds since midnight; the end may
// be 24:00.
func parseHours(s string) (start, end int, ok bool) {
	m := hoursRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	n := make([]int, 4)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	if n[0] > 23 || n[1] > 59 || n[2] > 24 || n[3] > 59 || (n[2] == 24 && n[3] != 0) {
		return 0, 0, false
	}
	return n[0]*3600 + n[1]*60, n[2]*3600 + n[3]*60, true
}

// guessHours writes loosely written hours the right way, or "".
func guessHours(s string) string {
	m := looseHoursRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	n := make([]int, 4)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1]) // an absent minute reads as 0
	}
	g := fmt.Sprintf("%02d:%02d-%02d:%02d", n[0], n[1], n[2], n[3])
	if _, _, ok := parseHours(g); !ok {
		return ""
	}
	return g
}

// parseGap reads a duration as an SMM writes it: 2h, 90m, 90min, 1h30,
// 1h30m, 1.5h, with spaces or not.
func parseGap(s string) (time.Duration, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), ""))
	t = strings.ReplaceAll(t, "min", "m")
	if gapHMRE.MatchString(t) {
		t += "m"
	}
	if t == "" || t[0] == '+' {
		return 0, errors.New("not a duration")
	}
	return time.ParseDuration(t)
}

// formatDuration writes 2h, 45m, 1h30.
func formatDuration(d time.Duration) string {
	if d%time.Minute != 0 {
		return d.String()
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02d", h, m)
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil && len(s) == len(time.DateOnly)
}

// blackoutStart reads from: a date alone is the start of that day.
func blackoutStart(s string, loc *time.Location) (time.Time, error) {
	if isDate(s) {
		t, err := pipeline.ParseDay(s, loc)
		if err != nil {
			return t, err
		}
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc), nil
	}
	return pipeline.ParseTime(s, loc)
}

// blackoutEnd reads to, exclusive: a date alone ends at the next
// midnight, a time ends the period at that minute.
func blackoutEnd(s string, loc *time.Location) (time.Time, error) {
	if isDate(s) {
		t, err := pipeline.ParseDay(s, loc)
		return t.Add(time.Second), err
	}
	return pipeline.ParseTime(s, loc)
}

// timeProblem turns a date error into a problem, keeping its hint.
func timeProblem(key string, err error, d *data) problem {
	t := d.Config["blackout_time"]
	pr := problem{key: key, msg: fill(t.Problem, map[string]string{"value": err.Error()}), hint: t.Hint}
	var te *pipeline.TimeError
	if errors.As(err, &te) {
		pr.msg = fill(t.Problem, map[string]string{"value": te.Msg})
		if te.Hint != "" {
			pr.hint = te.Hint + "; " + t.Hint
		}
	}
	return pr
}

// inHours reports whether a local time is inside the posting hours.
func (p *plan) inHours(t time.Time) bool {
	s := t.Hour()*3600 + t.Minute()*60 + t.Second()
	if p.start <= p.end {
		return s >= p.start && s <= p.end
	}
	return s >= p.start || s <= p.end
}

func hhmm(sec int) string { return fmt.Sprintf("%02d:%02d", sec/3600, sec%3600/60) }
