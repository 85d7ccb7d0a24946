package pipeline

import (
	"context"
	"time"
)

// Sleep waits d, or less when ctx ends first (then it returns ctx's
// error): the pause between two tries, two polls, two messages.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
