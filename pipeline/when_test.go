package pipeline

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseFlagTime(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	now := time.Date(2026, 12, 6, 15, 4, 0, 0, time.UTC)
	if got, err := ParseFlagTime("now", brussels, now, false); err != nil || !got.Equal(now) {
		t.Errorf("now: %v %v", got, err)
	}
	if got, err := ParseFlagTime("2026-12-24", brussels, now, true); err != nil || got.Format("2006-01-02 15:04 MST") != "2026-12-24 00:00 CET" {
		t.Errorf("a date: %v %v", got, err)
	}
	if _, err := ParseFlagTime("2026-12-24", brussels, now, false); err == nil || !strings.Contains(err.Error(), "has no time of day") {
		t.Errorf("a date where a time is wanted: %v", err)
	}
	if got, err := ParseFlagTime("2026-12-24 09:30", brussels, now, false); err != nil || got.Hour() != 9 {
		t.Errorf("a time: %v %v", got, err)
	}
	if _, err := ParseFlagTime("tomorrow", brussels, now, true); err == nil {
		t.Error("tomorrow accepted")
	}
}

func TestParseDayFirst(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in, want string // want: local time, or "!" and a part of the error
	}{
		{"20/03/2027 09:30", "2027-03-20 09:30"},
		{"20.03.27 9h30", "2027-03-20 09:30"},
		{"20-03-2027 09:30:15", "2027-03-20 09:30:15"},
		{"05/05/2027 18:00", "2027-05-05 18:00"}, // the same both ways
		{"31/12/2026 23:59", "2026-12-31 23:59"},
		{"2027-04-03 09:30", "2027-04-03 09:30"}, // what ParseTime reads
		{"03/04/2027 09:30", `!"03/04/2027 09:30" is ambiguous: 2027-04-03 09:30 or 2027-03-04 09:30?`},
		{"12/20/2027 09:30", "!write 2027-12-20 09:30"}, // month first only: refused, with the right way
		{"20/03/2027", `!add the hour: 20/03/2027 09:30`},
		{"30/02/2027 09:30", "!ambiguous"},
		{"20/03/2027 24:30", "!not a valid time of day"},
		{"28/03/2027 02:30", "!does not exist"}, // the clocks go forward
	}
	for _, tt := range tests {
		got, err := ParseDayFirst(tt.in, loc, false)
		if want, bad := strings.CutPrefix(tt.want, "!"); bad {
			var te *TimeError
			if !errors.As(err, &te) || !strings.Contains(err.Error(), want) {
				t.Errorf("ParseDayFirst(%q) = %v, %v; want an error with %q", tt.in, got, err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDayFirst(%q): %v", tt.in, err)
			continue
		}
		if s := got.In(loc).Format("2006-01-02 15:04:05"); strings.TrimSuffix(s, ":00") != tt.want && s != tt.want {
			t.Errorf("ParseDayFirst(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
	// In a column whose dates are day first, 03/04/2027 is 3 April.
	if got, err := ParseDayFirst("03/04/2027 09:30", loc, true); err != nil || got.Format("2006-01-02") != "2027-04-03" {
		t.Errorf("day first by the column: %v, %v", got, err)
	}
	if _, err := ParseDayFirst("12/20/2027 09:30", loc, true); err == nil {
		t.Error("a date month first read day first")
	}
	for in, want := range map[string][3]bool{"20/03/2027 09:30": {true, false, true}, "12/20/2027": {false, true, true}, "03/04/27 9h30": {true, true, true}, "2027-03-20 09:30": {}} {
		if d, m, sl := DateOrder(in); [3]bool{d, m, sl} != want {
			t.Errorf("DateOrder(%q) = %v %v %v, want %v", in, d, m, sl, want)
		}
	}
	// ParseTime, which reads front matter, still refuses every day-first date.
	if _, err := ParseTime("20/03/2027 09:30", loc); err == nil {
		t.Error("ParseTime accepts a day-first date")
	}
}

func TestNewFreeze(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	since := time.Date(2026, 12, 6, 15, 4, 31, 0, brussels)
	f, err := NewFreeze(since, "", "deuil national", brussels)
	if err != nil || !f.Until.IsZero() || f.Since.Second() != 0 || f.Reason != "deuil national" {
		t.Errorf("no end: %+v, %v", f, err)
	}
	if f, err = NewFreeze(since, "2026-12-08 09:00", "", brussels); err != nil || f.Until.Day() != 8 {
		t.Errorf("an end: %+v, %v", f, err)
	}
	if _, err = NewFreeze(since, "2026-12-01 09:00", "", brussels); err == nil || !strings.Contains(err.Error(), "is not after the start") {
		t.Errorf("an end before the start: %v", err)
	}
	if _, err = NewFreeze(since, "demain", "", brussels); err == nil || !strings.HasPrefix(err.Error(), "--until: ") {
		t.Errorf("no time: %v", err)
	}
}
