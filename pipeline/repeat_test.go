package pipeline

import (
	"testing"
	"time"
)

// A rule's occurrences are its Times, in the window, except the skipped
// days; the short form skips them too.
func TestOccurrencesOfARule(t *testing.T) {
	loc := brussels(t)
	at := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 9, 30, 0, 0, loc) }
	day := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 0, 0, 0, 0, loc) }
	first := []time.Time{at(1, 5), at(2, 2), at(3, 2), at(4, 6)} // first Tuesdays
	tests := []struct {
		name     string
		repeat   Repeat
		from, to time.Time
		want     []time.Time
	}{
		{"all", Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=4", Times: first}, at(1, 1), at(12, 31), first},
		{"window", Repeat{Rule: "x", Times: first}, at(2, 2), at(3, 2), first[1:3]},
		{"except", Repeat{Rule: "x", Times: first, Except: []time.Time{day(2, 2)}}, at(1, 1), at(12, 31), []time.Time{first[0], first[2], first[3]}},
		{"except, in UTC", Repeat{Rule: "x", Times: first, Except: []time.Time{time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC)}}, at(1, 1), at(12, 31), []time.Time{first[0], first[1], first[3]}},
		{"short form with except", Repeat{Every: Interval{1, "week"}, Count: 3, Except: []time.Time{day(1, 12)}}, at(1, 1), at(12, 31), []time.Time{at(1, 5), at(1, 19)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Post{PublishAt: at(1, 5), Repeat: &tt.repeat}
			got := p.Occurrences(tt.from, tt.to)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if !got[i].Equal(tt.want[i]) {
					t.Errorf("occurrence %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestRepeatBound(t *testing.T) {
	loc := brussels(t)
	start := time.Date(2027, 1, 5, 9, 30, 0, 0, loc)
	times := []time.Time{start, start.AddDate(0, 0, 28), start.AddDate(0, 0, 56)}
	tests := []struct {
		name   string
		repeat Repeat
		n      int
		want   time.Time
	}{
		{"rule, n within", Repeat{Rule: "x", Times: times}, 2, times[1]},
		{"rule, n beyond", Repeat{Rule: "x", Times: times}, 10, times[2]},
		{"short, count first", Repeat{Every: Interval{1, "week"}, Count: 2}, 10, start.AddDate(0, 0, 7)},
		{"short, n first", Repeat{Every: Interval{1, "week"}, Count: 20}, 3, start.AddDate(0, 0, 14)},
		{"short, until first", Repeat{Every: Interval{1, "week"}, Until: start.AddDate(0, 0, 10)}, 10, start.AddDate(0, 0, 10)},
	}
	for _, tt := range tests {
		if got := tt.repeat.Bound(start, tt.n); !got.Equal(tt.want) {
			t.Errorf("%s: Bound = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRepeatThen(t *testing.T) {
	tests := []struct {
		repeat Repeat
		want   string
	}{
		{Repeat{Every: Interval{2, "week"}}, "every 2 weeks"},
		{Repeat{Every: Interval{1, "month"}, On: []string{"premier mardi"}, Rule: "FREQ=MONTHLY;BYDAY=+1TU"}, "every month on premier mardi"},
		{Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=6", Except: make([]time.Time, 2)}, "by the rule FREQ=MONTHLY;BYDAY=1TU;COUNT=6, except 2 days"},
		{Repeat{Every: Interval{1, "day"}, Except: make([]time.Time, 1)}, "every day, except 1 day"},
	}
	for _, tt := range tests {
		if got := tt.repeat.Then(); got != tt.want {
			t.Errorf("Then() = %q, want %q", got, tt.want)
		}
	}
}
