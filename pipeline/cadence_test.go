package pipeline

import (
	"reflect"
	"testing"
	"time"
)

func TestCadenceCrons(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	weekdays := [7]bool{false, true, true, true, true, true, false}
	tests := []struct {
		name  string
		c     Cadence
		crons []Cron
		runs  int // in December 2026: 31 days, 23 weekdays
	}{
		{"three slots every day", NewCadence([]int{18 * 60, 9 * 60, 12*60 + 30}, [7]bool{}, brussels, true),
			[]Cron{{"0 9,18 * * *", "Europe/Brussels"}, {"30 12 * * *", "Europe/Brussels"}}, 93},
		{"weekdays only", NewCadence([]int{10 * 60}, weekdays, brussels, true),
			[]Cron{{"0 10 * * 1,2,3,4,5", "Europe/Brussels"}}, 23},
		{"every day written as seven days is every day", NewCadence([]int{10 * 60}, [7]bool{true, true, true, true, true, true, true}, nil, true),
			[]Cron{{"0 10 * * *", ""}}, 31},
		{"every half hour from 08:00 to 21:00", NewCadence(Every(8*60, 21*60, DefaultRunEvery), [7]bool{}, brussels, false),
			[]Cron{{"0 8,9,10,11,12,13,14,15,16,17,18,19,20,21 * * *", "Europe/Brussels"}, {"30 8,9,10,11,12,13,14,15,16,17,18,19,20 * * *", "Europe/Brussels"}}, 27 * 31},
		{"all day", NewCadence(Every(0, 24*60-1, DefaultRunEvery), [7]bool{}, brussels, false),
			[]Cron{{"0 * * * *", "Europe/Brussels"}, {"30 * * * *", "Europe/Brussels"}}, 48 * 31},
		{"duplicates count once", NewCadence([]int{600, 600, 600}, [7]bool{}, brussels, true),
			[]Cron{{"0 10 * * *", "Europe/Brussels"}}, 31},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.Crons(); !reflect.DeepEqual(got, tc.crons) {
				t.Errorf("Crons = %v, want %v", got, tc.crons)
			}
			if got := tc.c.RunsIn(2026, time.December); got != tc.runs {
				t.Errorf("RunsIn = %d, want %d", got, tc.runs)
			}
			if got := tc.c.MostRunsInAMonth(); got < tc.runs || got > len(tc.c.Times)*31 {
				t.Errorf("MostRunsInAMonth = %d, want between %d and %d", got, tc.runs, len(tc.c.Times)*31)
			}
		})
	}
}

func TestEvery(t *testing.T) {
	tests := []struct {
		start, end int
		want       []int
	}{
		{8 * 60, 10 * 60, []int{480, 510, 540, 570, 600}},
		{8*60 + 10, 9*60 + 29, []int{510, 540}}, // the first whole half hour at or after the start
		{23 * 60, 60, []int{1380, 1410, 0, 30, 60}},
	}
	for _, tc := range tests {
		if got := Every(tc.start, tc.end, DefaultRunEvery); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Every(%d, %d) = %v, want %v", tc.start, tc.end, got, tc.want)
		}
	}
}

func TestCadenceNext(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, brussels)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	c := NewCadence([]int{9 * 60, 18 * 60}, [7]bool{false, true, true, true, true, true, false}, brussels, true)
	tests := []struct{ t, want string }{
		{"2026-12-03 09:00", "2026-12-03 09:00"},
		{"2026-12-03 09:01", "2026-12-03 18:00"},
		{"2026-12-04 18:30", "2026-12-07 09:00"}, // Friday evening: Monday morning
		{"2026-12-05 12:00", "2026-12-07 09:00"}, // Saturday
		// The clocks go forward on 2027-03-28: 09:00 is still 09:00 local.
		{"2027-03-26 19:00", "2027-03-29 09:00"},
	}
	for _, tc := range tests {
		if got := c.Next(at(tc.t)); !got.Equal(at(tc.want)) {
			t.Errorf("Next(%s) = %s, want %s", tc.t, got.In(brussels).Format("2006-01-02 15:04"), tc.want)
		}
	}
	if !c.On(at("2026-12-03 18:00")) || c.On(at("2026-12-03 18:05")) {
		t.Error("On is wrong")
	}
	if !(Cadence{}).Next(time.Now()).IsZero() {
		t.Error("a cadence without times runs never")
	}
}

func TestParseClock(t *testing.T) {
	for s, want := range map[string]int{"09:30": 570, "9:30": 570, "00:00": 0, "23:59": 1439} {
		if got, ok := ParseClock(s); !ok || got != want {
			t.Errorf("ParseClock(%q) = %d, %v", s, got, ok)
		}
	}
	for _, s := range []string{"24:00", "9h30", "09:5", "", "-1:00", "+9:30", "09:60", "123:00"} {
		if _, ok := ParseClock(s); ok {
			t.Errorf("ParseClock(%q) accepted", s)
		}
	}
}
