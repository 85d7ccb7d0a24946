package pipeline

import (
	"strconv"
	"testing"
)

// TestMemo: a text's result is made once, and the memo is emptied past
// its bound, then fills again.
func TestMemo(t *testing.T) {
	m := Memo{Bound: 3}
	made := 0
	upper := func(s string) string { made++; return s + "!" }
	for i := 0; i < 2; i++ {
		if got := m.Of("a", upper); got != "a!" {
			t.Fatalf("Of(a) = %q", got)
		}
	}
	if made != 1 {
		t.Fatalf("made %d times, want once", made)
	}
	for i := 0; i < 3; i++ {
		m.Of(strconv.Itoa(i), upper)
	}
	m.Of("a", upper) // emptied when the fourth text came: made again
	if made != 5 {
		t.Fatalf("made %d times, want 5 (a made again once the memo was emptied)", made)
	}
}
