package pipeline

import (
	"sync/atomic"
	"testing"
)

// TestParallel: every index once, whatever the number of workers, none
// left when it returns.
func TestParallel(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 50} {
		seen := make([]atomic.Int32, 20)
		Parallel(len(seen), workers, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if n := seen[i].Load(); n != 1 {
				t.Errorf("%d workers: index %d done %d times", workers, i, n)
			}
		}
	}
	Parallel(0, 0, func(int) { t.Error("called for n = 0") })
}
