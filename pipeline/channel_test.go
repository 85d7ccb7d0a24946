package pipeline

import (
	"slices"
	"testing"
)

// A retraction deletes the replies last first, then the first post, and
// skips what has no id.
func TestTakedownOrder(t *testing.T) {
	for _, tt := range []struct {
		r    Receipt
		want []string
	}{
		{Receipt{ID: "1"}, []string{"1"}},
		{Receipt{ID: "1", Parts: []string{"2", "3", "c"}}, []string{"c", "3", "2", "1"}},
		{Receipt{ID: "1", Parts: []string{"2", "", "4"}}, []string{"4", "2", "1"}},
		{Receipt{Parts: []string{"2"}}, []string{"2"}},
		{Receipt{}, []string{}},
	} {
		if got := tt.r.TakedownOrder(); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: %q, want %q", tt.r, got, tt.want)
		}
	}
}
