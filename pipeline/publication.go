package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Publication is what happened to a post on one channel, as written back
// into the post's front matter under publications.<channel>.
type Publication struct {
	ID         string    // the network's id of the post; empty until it went out
	URL        string    // where to see it
	At         time.Time // when it went out, or when the last attempt failed
	Occurrence time.Time // the occurrence it was for (recurring posts)
	Attempts   int
	Error      string    // the last failure, empty once it went out
	Retracted  time.Time // when it was taken down
	Parts      []string  // ids of the rest of a thread and of the first comment
}

// Done reports whether the publication went out.
func (p Publication) Done() bool { return p.ID != "" }

// MaxAttempts is how many times a failing channel is tried, over several
// runs, before the post stays failed for a human to look at.
const MaxAttempts = 5

// Backoff is how long to wait after the n-th failed attempt before trying
// again on a later run: 15 minutes, doubling, capped at 6 hours.
func Backoff(n int) time.Duration {
	d := 15 * time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	if d > 6*time.Hour {
		d = 6 * time.Hour
	}
	return d
}

// Delivery is one post to send to one channel for one occurrence.
type Delivery struct {
	Post       *Post
	Channel    string
	Occurrence time.Time
}

// Key is the idempotency key of a delivery: the same post, channel and
// occurrence always give the same key, whatever the text says now, so a
// retried or recovered delivery can be recognised by the network or the
// journal.
func (d Delivery) Key() string {
	h := sha256.New()
	h.Write([]byte(d.Post.Identity()))
	h.Write([]byte{0})
	h.Write([]byte(d.Channel))
	h.Write([]byte{0})
	h.Write([]byte(d.Occurrence.UTC().Format(time.RFC3339)))
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// Due lists what the post should send at now: for every channel, the
// latest occurrence at or before now that has not gone out yet. A failed
// channel is retried after its backoff and up to MaxAttempts. Drafts,
// retracted and published posts and posts without date send nothing. Missed occurrences
// of a recurring post are not sent in a burst: only the latest one is.
func (p *Post) Due(now time.Time) []Delivery {
	if p.PublishAt.IsZero() || p.PublishAt.After(now) {
		return nil
	}
	switch p.Status {
	case StatusDraft, StatusRetracted, StatusPublished:
		// published is written once every channel went out for the last
		// occurrence; a CM who posted by hand may write it too.
		return nil
	}
	occ := p.latestOccurrence(now)
	if occ.IsZero() {
		return nil
	}
	var out []Delivery
	for _, ch := range p.Channels {
		pub, ok := p.Publications[ch]
		at := pub.Occurrence
		if at.IsZero() && p.Repeat == nil {
			at = occ // written without occurrence (by hand, an older publisher): a plain post has only one
		}
		if ok && !at.Before(occ) && pub.Done() {
			continue // this occurrence went out
		}
		if ok && at.Equal(occ) && !pub.Done() && pub.Attempts > 0 {
			if pub.Attempts >= MaxAttempts || now.Before(pub.At.Add(Backoff(pub.Attempts))) {
				continue
			}
		}
		out = append(out, Delivery{Post: p, Channel: ch, Occurrence: occ})
	}
	return out
}

// latestOccurrence is the last occurrence at or before now, zero if none.
func (p *Post) latestOccurrence(now time.Time) time.Time {
	if p.Repeat == nil {
		return p.PublishAt
	}
	occ := p.Occurrences(p.PublishAt, now)
	if len(occ) == 0 {
		return time.Time{}
	}
	return occ[len(occ)-1]
}

// PastDue reports whether a post that has not gone out anywhere should
// already have: merging it would publish it at once.
func (p *Post) PastDue(now time.Time) bool {
	if p.Status != StatusScheduled && p.Status != "" {
		return false
	}
	if p.PublishAt.IsZero() || p.PublishAt.After(now) || p.Repeat != nil {
		return false
	}
	for _, pub := range p.Publications {
		if pub.Done() {
			return false
		}
	}
	return true
}
