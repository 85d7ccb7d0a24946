package pipeline

import (
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
