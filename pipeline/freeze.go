package pipeline

import (
	"fmt"
	"time"
)

// Freeze is a stop on publishing, written by crieur freeze. Retractions
// still go out during a freeze: taking a post down is what a crisis needs.
type Freeze struct {
	Since  time.Time
	Until  time.Time // zero: until crieur unfreeze
	Reason string
	By     string // who froze, for the record
}

// Active reports whether the freeze holds at now.
func (f *Freeze) Active(now time.Time) bool {
	if f == nil {
		return false
	}
	return !now.Before(f.Since) && (f.Until.IsZero() || now.Before(f.Until))
}

// Holds reports whether the freeze holds at t, a post's planned time: a
// time before it started is held too while it lasts, since the post would
// go out now.
func (f *Freeze) Holds(t, now time.Time) bool {
	if f == nil {
		return false
	}
	if f.Active(now) {
		return f.Until.IsZero() || t.Before(f.Until)
	}
	return !t.Before(f.Since) && (f.Until.IsZero() || t.Before(f.Until))
}

// NewFreeze is a freeze from since (to the minute) until an end read
// from the command line ("" for none: until crieur unfreeze), which must
// come after it.
func NewFreeze(since time.Time, until, reason string, loc *time.Location) (*Freeze, error) {
	f := &Freeze{Since: since.Truncate(time.Minute), Reason: reason}
	if until == "" {
		return f, nil
	}
	var err error
	if f.Until, err = ParseFlagTime(until, loc, since, false); err != nil {
		return nil, fmt.Errorf("--until: %w", err)
	}
	if !f.Until.After(f.Since) {
		return nil, fmt.Errorf("--until %s is not after the start of the freeze (%s)", f.Until.Format("2006-01-02 15:04"), f.Since.Format("2006-01-02 15:04"))
	}
	return f, nil
}
