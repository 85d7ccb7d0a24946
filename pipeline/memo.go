package pipeline

import (
	"sync"
	"sync/atomic"
)

// Memo remembers what a pure function of a text made of it, for the length
// of a run: lint renders and masks each part of a post several times
// (once per rule, once per channel). It is safe for concurrent use and
// is emptied whenever it would hold more than Bound texts (1<<16 when 0).
type Memo struct {
	Bound int64
	m     sync.Map // text -> result
	n     atomic.Int64
}

// Of is f(text), from the memo when it was made already.
func (m *Memo) Of(text string, f func(string) string) string {
	if r, ok := m.m.Load(text); ok {
		return r.(string)
	}
	r := f(text)
	bound := m.Bound
	if bound == 0 {
		bound = 1 << 16
	}
	if m.n.Add(1) > bound {
		m.m.Clear()
		m.n.Store(0)
	}
	m.m.Store(text, r)
	return r
}
