package pipeline

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Parallel calls do(i) for every i below n on workers goroutines (0: one
// per core the process may use, GOMAXPROCS), each taking the next index,
// and returns when all are done. Each call writes only its own slot: the
// caller keeps the order.
func Parallel(n, workers int, do func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := min(workers, n); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		}()
	}
	wg.Wait()
}
