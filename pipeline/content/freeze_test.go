package content

import (
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

func TestFreezeRoundTrip(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Brussels")
	since := time.Date(2026, 11, 22, 14, 5, 0, 0, loc)
	until := time.Date(2026, 11, 24, 9, 0, 0, 0, loc)
	src := FormatFreeze(&pipeline.Freeze{Since: since, Until: until, Reason: "Incendie rue: on se tait", By: "Camille"}, loc)
	got, err := ParseFreeze(src, loc)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	if !got.Since.Equal(since) || !got.Until.Equal(until) || got.Reason != "Incendie rue: on se tait" || got.By != "Camille" {
		t.Errorf("read back %+v from\n%s", got, src)
	}
	if !strings.HasPrefix(string(src), "# Publishing is frozen") {
		t.Errorf("the file does not say what it is:\n%s", src)
	}
	for _, at := range []time.Time{since, since.Add(time.Hour), until.Add(-time.Second)} {
		if !got.Active(at) {
			t.Errorf("not active at %v", at)
		}
	}
	for _, at := range []time.Time{since.Add(-time.Second), until} {
		if got.Active(at) {
			t.Errorf("active at %v", at)
		}
	}
	// A post planned before the freeze started is held while it lasts.
	if !got.Holds(since.Add(-48*time.Hour), since.Add(time.Hour)) {
		t.Error("a late post is not held during the freeze")
	}
	if got.Holds(until.Add(time.Hour), since.Add(time.Hour)) {
		t.Error("a post planned after the freeze is held")
	}
}

func TestFreezeErrors(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Brussels")
	for _, tt := range []struct{ src, want string }{
		{"since: 2026-11-22 14:05\nuntill: 2026-11-23 09:00\n", "freeze.yml:2:1: unknown key \"untill\" (did you mean until?)"},
		{"since: 22/11/2026 14:05\n", "freeze.yml:1:8: since:"},
		{"since: 2026-11-22 14:05\nuntil: 2026-11-21 09:00\n", "is not after since"},
		{"- a\n", "freeze.yml:1:1: a freeze is a mapping"},
		{"since: [1]\n", "freeze.yml:1:8: since: want a single value"},
		{"since: \"x\n", "freeze.yml:"},
	} {
		_, err := ParseFreeze([]byte(tt.src), loc)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseFreeze(%q) = %v, want an error with %q", tt.src, err, tt.want)
		}
	}
	if f, err := ParseFreeze(nil, loc); err != nil || !f.Active(time.Now()) {
		t.Errorf("an empty freeze.yml = %+v, %v; want a freeze in force", f, err)
	}
}
