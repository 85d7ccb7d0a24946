package schedule

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// TestData: schedule.yml loads, and every placeholder of every template
// is one the code fills in.
func TestData(t *testing.T) {
	d, err := parseData(dataYAML)
	if err != nil {
		t.Fatal(err)
	}
	common := []string{"what", "time", "day", "weekday", "zone", "channels", "count", "list", "days"}
	own := map[string][]string{
		idHours:     {"hours", "start", "end"},
		idDays:      {},
		idMaxPerDay: {"max", "total", "others"},
		idMinGap:    {"gap", "distance", "suggest", "direction"},
		idBlackout:  {"from", "to", "reason", "period", "start", "end", "until"},
		idConfig:    {"charter", "key", "problem"},
		idSlot:      {"runs", "next", "slots", "every", "start", "end"},
	}
	placeholder := regexp.MustCompile(`\{([a-z_]+)\}`)
	for id, tx := range d.Rules {
		known := append(append([]string{}, common...), own[id]...)
		for _, tmpl := range []string{tx.One, tx.Many, tx.Item, tx.Hint, tx.HintRecurring, tx.HintRecurringStart, tx.Period, tx.PeriodDay, tx.RunsSlots, tx.RunsEvery} {
			for _, m := range placeholder.FindAllStringSubmatch(tmpl, -1) {
				if !contains(known, m[1]) {
					t.Errorf("%s: {%s} in %q is never filled in", id, m[1], tmpl)
				}
			}
		}
		if id != idConfig && (tx.Many == "" || tx.Item == "" || tx.Hint == "") {
			t.Errorf("%s: a recurring post needs many, item and hint", id)
		}
	}
	for key, c := range d.Config {
		for _, m := range placeholder.FindAllStringSubmatch(c.Problem+c.Hint+c.HintGuess, -1) {
			if m[1] != "value" && m[1] != "guess" {
				t.Errorf("config.%s: {%s} is never filled in", key, m[1])
			}
		}
		if c.Problem == "" || c.Hint == "" {
			t.Errorf("config.%s: want a problem and a hint", key)
		}
	}
	for _, name := range []string{"mon", "lun", "lundi", "ma", "dim", "sam", "jeu", "zondag"} {
		if _, ok := d.dayNames[name]; !ok {
			t.Errorf("day name %q is not accepted", name)
		}
	}
	if d.dayNames["mar"] != time.Tuesday || d.dayNames["dim"] != time.Sunday || d.dayNames["ma"] != time.Monday {
		t.Error("French or Dutch day names map to the wrong days")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestDataRejected: a broken schedule.yml is refused with a reason.
func TestDataRejected(t *testing.T) {
	good := string(dataYAML)
	tests := []struct{ name, from, to, want string }{
		{"a day name on two days", "sunday:    [sun,", "sunday:    [mon,", `"mon" names both`},
		{"a missing day", "  sunday:    [sun, sunday, dim, dimanche, zo, zondag]\n", "", "no names for Sunday"},
		{"an unknown severity", "severity: error", "severity: grave", "severity"},
		{"a severity off", "severity: error", "severity: off", "severity"},
		{"an unknown key", "list_max: 4", "list_max: 4\nlist_min: 1", "list_min"},
		{"no cap", "max_occurrences: 800", "max_occurrences: 0", "positive"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(good, tc.from) {
				t.Fatalf("%q not in schedule.yml", tc.from)
			}
			_, err := parseData([]byte(strings.Replace(good, tc.from, tc.to, 1)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

func TestParseHours(t *testing.T) {
	tests := []struct {
		in         string
		start, end string // "" when refused
		guess      string
	}{
		{"08:00-21:00", "08:00", "21:00", ""},
		{"8:00 - 21:30", "08:00", "21:30", ""},
		{"08:00–21:00", "08:00", "21:00", ""}, // an en dash, pasted from a document
		{"00:00-24:00", "00:00", "24:00", ""},
		{"22:00-02:00", "22:00", "02:00", ""},
		{"8-21", "", "", "08:00-21:00"},
		{"8h-21h", "", "", "08:00-21:00"},
		{"8h30 à 21h", "", "", "08:30-21:00"},
		{"08.00-21.00", "", "", "08:00-21:00"},
		{"24:00-08:00", "", "", ""},
		{"08:00-24:30", "", "", ""},
		{"08:60-21:00", "", "", ""},
		{"25:00-26:00", "", "", ""},
		{"de 8 à 21", "", "", ""},
		{"08:00", "", "", ""},
	}
	for _, tc := range tests {
		start, end, ok := parseHours(tc.in)
		if ok != (tc.start != "") || (ok && (hhmm(start) != tc.start || hhmm(end) != tc.end)) {
			t.Errorf("parseHours(%q) = %s, %s, %v; want %q, %q", tc.in, hhmm(start), hhmm(end), ok, tc.start, tc.end)
		}
		if !ok {
			if g := guessHours(tc.in); g != tc.guess {
				t.Errorf("guessHours(%q) = %q, want %q", tc.in, g, tc.guess)
			}
		}
	}
}

func TestParseGap(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration // -1: refused
	}{
		{"2h", 2 * time.Hour},
		{"90m", 90 * time.Minute},
		{"90min", 90 * time.Minute},
		{"90 min", 90 * time.Minute},
		{"1h30", 90 * time.Minute},
		{"1h30m", 90 * time.Minute},
		{"1 h 30", 90 * time.Minute},
		{"1.5h", 90 * time.Minute},
		{"2H", 2 * time.Hour},
		{"0", 0},
		{"deux heures", -1},
		{"2 heures", -1},
		{"2", -1},
		{"h", -1},
		{"+2h", -1},
	}
	for _, tc := range tests {
		got, err := parseGap(tc.in)
		if (err != nil) != (tc.want == -1) || (err == nil && got != tc.want) {
			t.Errorf("parseGap(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for d, want := range map[time.Duration]string{2 * time.Hour: "2h", 45 * time.Minute: "45m", 90 * time.Minute: "1h30", 25*time.Hour + 5*time.Minute: "25h05", 90 * time.Second: "1m30s"} {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// FuzzCompile: whatever a charter's schedule says, reading it does not
// panic, and a setting is either in force or reported.
func FuzzCompile(f *testing.F) {
	f.Add("08:00-21:00", "2h", "lun", 3, "2026-12-24 20:00", "2026-12-26 08:00")
	f.Add("8-21", "deux heures", "funday", -1, "25/12/2026", "")
	f.Add("22:00-02:00", "1h30", "MON", 0, "2026-03-29 02:30", "2026-10-25 02:30")
	f.Add("24:00-24:00", "-1h", "", 1, "", "2026-12-26")
	f.Add("99:99-99:99", "9999999999999h", "dim", 2, "2026-02-30", "2026-13-01")
	d := theData()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, hours, gap, day string, max int, from, to string) {
		s := pipeline.ScheduleRules{Hours: hours, MinGap: gap, Days: []string{day}, MaxPerDay: max,
			Blackouts: []pipeline.Blackout{{From: from, To: to}}}
		p := compile(s, loc, d)
		reported := func(prefix string) bool {
			for _, pr := range p.problems {
				if strings.HasPrefix(pr.key, prefix) {
					if pr.msg == "" || pr.hint == "" {
						t.Errorf("%s: problem without message or hint: %+v", prefix, pr)
					}
					return true
				}
			}
			return false
		}
		if strings.TrimSpace(hours) != "" && p.hours == reported("hours") {
			t.Errorf("hours %q: in force %v, reported %v", hours, p.hours, reported("hours"))
		}
		if p.days == reported("days") {
			t.Errorf("day %q: in force %v, reported %v", day, p.days, reported("days"))
		}
		if strings.TrimSpace(gap) != "" && (p.gap > 0 || gapIsZero(gap)) == reported("min_gap") {
			t.Errorf("min_gap %q: gap %v, reported %v", gap, p.gap, reported("min_gap"))
		}
		if (len(p.blackouts) == 1) == reported("blackouts") {
			t.Errorf("blackout %q-%q: in force %d, reported %v", from, to, len(p.blackouts), reported("blackouts"))
		}
		for _, b := range p.blackouts {
			if !b.to.After(b.from) {
				t.Errorf("blackout %q-%q: empty period %v-%v", from, to, b.from, b.to)
			}
		}
		if p.maxPerDay < 0 {
			t.Errorf("max_per_day %d in force", p.maxPerDay)
		}
	})
}

func gapIsZero(s string) bool {
	g, err := parseGap(s)
	return err == nil && g == 0
}
