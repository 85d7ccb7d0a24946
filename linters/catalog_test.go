package linters

import "testing"

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty; every schema id described.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
	for _, in := range SchemaInfos {
		if !say.Has("about."+in.ID) || in.Description == "" {
			t.Errorf("%s has no description in messages/", in.ID)
		}
	}
}
