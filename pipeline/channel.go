package pipeline

import (
	"context"
	"time"
)

// Message is what a channel adapter sends: the text already rendered for
// its network, the images and the idempotency key of the delivery.
type Message struct {
	Key          string // Delivery.Key: the same for a retry of the same delivery
	Post         string // the post's path, for the record
	Parts        []string
	FirstComment string
	Media        []Attachment
	Lang         string
}

// Attachment is an image to upload with its alt text.
type Attachment struct {
	Path string // absolute path on disk
	Name string // path relative to the content root, for the record
	Alt  string
}

// Receipt is what the network answered: the id and address of the post.
type Receipt struct {
	ID  string
	URL string
	At  time.Time
	// Parts are the ids of the rest of a thread and of the first comment,
	// in the order they were sent, so that a retraction takes them down too.
	Parts []string
}

// TakedownOrder is the ids of everything the receipt names in the order a
// retraction deletes them: the replies and the first comment last first,
// then the first post (a reply is never left pointing at nothing). Empty
// ids are left out.
func (r Receipt) TakedownOrder() []string {
	ids := make([]string, 0, len(r.Parts)+1)
	for i := len(r.Parts) - 1; i >= 0; i-- {
		if r.Parts[i] != "" {
			ids = append(ids, r.Parts[i])
		}
	}
	if r.ID != "" {
		ids = append(ids, r.ID)
	}
	return ids
}

// Channel is an account on a network that crieur publishes to. One adapter
// per network implements it, in pipeline/channels/<network>.
type Channel interface {
	// Publish sends the message. Publishing the same Key twice must not
	// create two posts where the network allows preventing it.
	Publish(ctx context.Context, m Message) (Receipt, error)
}

// Finder is a channel that can tell whether a delivery already went out,
// by its key: a run that was killed after the network accepted a post and
// before the result was recorded asks it instead of sending again.
//
// A network with a deterministic id (the outbox's file name, Bluesky's
// record key) looks the key up; one without (Mastodon behind a server that
// ignores Idempotency-Key) looks through the account's recent posts for
// the message's text.
type Finder interface {
	Find(ctx context.Context, m Message) (Receipt, bool, error)
}

// Retracter is a channel that can take a post down: the post, the rest of
// its thread and its first comment (r.Parts). A post already gone is not
// an error.
type Retracter interface {
	Retract(ctx context.Context, r Receipt) error
}

// Expirer is a channel whose credentials expire (a LinkedIn token lasts 60
// days): it says when, so that a run warns before publishing stops.
type Expirer interface {
	Expiry(ctx context.Context) (time.Time, error)
}

// Askable reports whether a channel can be asked whether a delivery went
// out: it is a Finder, and one that can really answer (a webhook without
// find_url cannot: it says so with CanFind).
func Askable(ch Channel) bool {
	if _, ok := ch.(Finder); !ok {
		return false
	}
	if c, ok := ch.(interface{ CanFind() bool }); ok {
		return c.CanFind()
	}
	return true
}
