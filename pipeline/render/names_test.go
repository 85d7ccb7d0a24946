package render

import (
	"testing"
	"time"
)

func TestNames(t *testing.T) {
	tuesday := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	for _, tt := range []struct{ lang, month, day, short string }{
		{"fr", "décembre", "mardi", "mar."},
		{"", "décembre", "mardi", "mar."},
		{"fr-BE", "décembre", "mardi", "mar."},
		{"en", "December", "Tuesday", "Tue"},
		{"EN-gb", "December", "Tuesday", "Tue"},
		{"nl", "december", "dinsdag", "di"},
		{"nl_BE.UTF-8", "december", "dinsdag", "di"},
	} {
		n := NamesFor(tt.lang)
		if got := n.Months[tuesday.Month()-1]; got != tt.month {
			t.Errorf("%q: month %q, want %q", tt.lang, got, tt.month)
		}
		if got := n.Weekdays[WeekdayIndex(tuesday.Weekday())]; got != tt.day {
			t.Errorf("%q: weekday %q, want %q", tt.lang, got, tt.day)
		}
		if got := n.WeekdaysShort[WeekdayIndex(tuesday.Weekday())]; got != tt.short {
			t.Errorf("%q: short weekday %q, want %q", tt.lang, got, tt.short)
		}
	}
	if WeekdayIndex(time.Monday) != 0 || WeekdayIndex(time.Sunday) != 6 {
		t.Error("the week does not start on Monday")
	}
	n := NamesFor("fr")
	n.Months[0] = "changed"
	if NamesFor("fr").Months[0] != "janvier" {
		t.Error("NamesFor hands out a shared value")
	}
}
