package core

import "testing"

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty; every unit a network counts is named.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
	for _, u := range []string{"characters", "graphemes", "weighted characters", "UTF-16 code units"} {
		if !say.Has("unit." + unitID(u)) {
			t.Errorf("unit %q has no name in the catalog", u)
		}
	}
}
