package pipeline

import (
	"errors"
	"fmt"
	"strings"
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

// Out is what of a post is out on its network when a step after it (the
// rest of its thread, its first comment) fails, in the adapter's words.
type Out struct {
	Network string
	// What is out, and where: "post 1 is on the Page", "3 of 4 statuses
	// are out".
	What string
	// Receipt, when given, names the post's address and the replies that
	// went out after it.
	Receipt Receipt
	// Step is what failed: "first comment", "part 2 of 3".
	Step string
	// Again says what publishing again does where the adapter makes it
	// safe (it skips what is out): "sends the rest", "adds it". Empty
	// where only Find can tell what is out.
	Again string
	// Hint is what to do by hand where publishing again is not safe;
	// default: add the Step by hand.
	Hint string
}

// SentAnyway is the failure of a step that follows a post already out,
// said once for every adapter.
//
// Where publishing again is safe (o.Again), err keeps its classification
// and is wrapped: "3 of 4 statuses are out, publishing again sends the
// rest: …". Otherwise the failure becomes temporary and maybe sent, so
// that the publisher asks Find, which finds the post and records it,
// instead of publishing it a second time: "post 1 is on the Page at …,
// but its first comment failed: …".
func SentAnyway(err error, o Out) error {
	if o.Again != "" {
		what := o.What
		if o.Step != "" {
			what += " but not its " + o.Step
		}
		return fmt.Errorf("%s, publishing again %s: %w", what, o.Again, err)
	}
	f := AsFailure(err)
	if f == nil {
		f = &Failure{Network: o.Network, Message: err.Error(), Err: err}
	}
	g := *f
	out := o.What
	if o.Receipt.URL != "" {
		out += " at " + o.Receipt.URL
	}
	if len(o.Receipt.Parts) > 0 {
		out += ", with replies " + strings.Join(o.Receipt.Parts, ", ")
	}
	g.Message = fmt.Sprintf("%s, but its %s failed: %s", out, o.Step, f.Message)
	g.Temporary = true
	g.MaybeSent = true
	if g.Hint == "" {
		g.Hint = o.Hint
	}
	if g.Hint == "" {
		g.Hint = "add the " + o.Step + " by hand"
	}
	return &g
}

// PartlyOut is the failure of a post sent as several messages (a thread
// of webhook messages, an album and its text) after some of them went
// out: err's failure made temporary and maybe sent, so that the publisher
// asks a Finder, or leaves the post to a human, instead of repeating the
// messages that are out. hint says which went out and what to do; it
// follows the network's own hint. op names the request when err is not a
// Failure.
func PartlyOut(err error, network, op, hint string) error {
	f := AsFailure(err)
	if f == nil {
		f = &Failure{Network: network, Op: op, Message: err.Error(), Err: err}
	} else {
		cp := *f
		f = &cp
	}
	// Temporary too: the publisher looks at MaybeSent only on a temporary
	// failure, and a permanent one would be sent again, whole, by a later
	// run.
	f.Temporary, f.MaybeSent = true, true
	if f.Hint != "" {
		hint = f.Hint + "; " + hint
	}
	f.Hint = hint
	return f
}
