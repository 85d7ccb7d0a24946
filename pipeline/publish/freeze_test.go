package publish

import (
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

func TestFreezeMessage(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	f := &pipeline.Freeze{Since: time.Date(2026, 12, 1, 9, 30, 0, 0, loc), By: "Camille", Reason: "Incendie"}
	want := "crieur: freeze publishing: Incendie\n\npublishing frozen since 2026-12-01 09:30 until crieur unfreeze by Camille: Incendie\n"
	if got := FreezeMessage(f, loc); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	f.Reason = ""
	if got := FreezeMessage(f, loc); !strings.HasPrefix(got, "crieur: freeze publishing\n\n") {
		t.Errorf("no reason: %q", got)
	}
}
