package pipeline

import "testing"

func TestApplyFixes(t *testing.T) {
	src := []byte("Bonjour : l'été ... ici")
	fixes := []Fix{
		{Start: 7, End: 8, Text: "\u00a0"},    // the space before :
		{Start: 11, End: 12, Text: "’"},       // the apostrophe
		{Start: 17, End: 21, Text: " …"},      // " ..." → " …"
		{Start: 18, End: 20, Text: "overlap"}, // overlaps the previous: skipped
		{Start: 40, End: 41, Text: "x"},       // outside: skipped
	}
	out, applied := ApplyFixes(src, fixes)
	if got, want := string(out), "Bonjour\u00a0: l’été … ici"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(applied) != 3 {
		t.Errorf("applied %d fixes, want 3", len(applied))
	}
	if string(src) != "Bonjour : l'été ... ici" {
		t.Error("the source was modified")
	}
}
