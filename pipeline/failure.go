package pipeline

import (
	"errors"
	"fmt"
	"time"
)

// Failure is an error from a network, classified so that the publisher
// knows what to do with it: retry now, retry on a later run, ask the
// network whether the post went out, or give up and tell a human.
type Failure struct {
	Network string
	Op      string // what was asked, without secrets: "POST /api/v1/statuses"
	Status  int    // the HTTP status; 0 when no answer came
	Message string // the network's own words (its error body), or the transport error
	Hint    string // what the user can do about it
	// Temporary failures (no connection, timeout, 5xx, 429) are worth
	// trying again; the others (401, 403, 422…) will fail the same way.
	Temporary bool
	// RetryAfter is how long the network asked to wait (Retry-After or a
	// rate-limit reset header); 0 when it did not say.
	RetryAfter time.Duration
	// MaybeSent is true when the request reached the network and the answer
	// was lost or was a server error: the post may be out. It must not be
	// sent again without asking the network first (Finder).
	MaybeSent bool
	Err       error // the underlying error, if any
}

func (f *Failure) Error() string {
	s := f.Network
	if f.Op != "" {
		s += " " + f.Op
	}
	if f.Status != 0 {
		s += fmt.Sprintf(": HTTP %d", f.Status)
	}
	if f.Message != "" {
		s += ": " + f.Message
	}
	if f.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", f.RetryAfter.Round(time.Second))
	}
	if f.Hint != "" {
		s += " (" + f.Hint + ")"
	}
	return s
}

func (f *Failure) Unwrap() error { return f.Err }

// AsFailure returns the Failure in err's chain, or nil.
func AsFailure(err error) *Failure {
	var f *Failure
	if errors.As(err, &f) {
		return f
	}
	return nil
}
