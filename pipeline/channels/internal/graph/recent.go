package graph

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// Fields names, on one network, the fields of a post that Find and the
// permalink read: Facebook says message, created_time, permalink_url;
// Instagram caption, timestamp, permalink; Threads text, timestamp,
// permalink.
type Fields struct {
	Text, Time, Link string
}

// Post is a post as Find and Permalink read it.
type Post struct {
	ID   string
	Text string
	Link string
	At   time.Time // zero when the network gave no time
}

func (f Fields) post(m map[string]string) Post {
	p := Post{ID: m["id"], Text: m[f.Text], Link: m[f.Link]}
	if t, ok := ParseTime(m[f.Time]); ok {
		p.At = t
	}
	return p
}

// Permalink reads a post's address and time (GET /{id}?fields=…), for a
// receipt whose answer did not give them. A post that went out is not
// failed for want of them: ok is false on any error.
func (a *API) Permalink(ctx context.Context, id, op string, f Fields) (Post, bool) {
	var m map[string]string
	q := url.Values{"fields": {f.Link + "," + f.Time}}
	if _, err := a.Form(ctx, http.MethodGet, a.Node(q, id), op, nil, &m); err != nil {
		return Post{}, false
	}
	p := f.post(m)
	p.ID = id
	return p, true
}

// FindRecent reads the last 25 posts of an account's edge (GET
// /{node}/{edge}) and returns the newest one posted in the last within (24
// hours when zero) whose text same accepts: how a network without an
// idempotency key is asked whether a post went out. A post without time
// is looked at too.
func (a *API) FindRecent(ctx context.Context, node, edge, op string, f Fields, within time.Duration, same func(text string) bool) (Post, bool, error) {
	q := url.Values{"fields": {"id," + f.Text + "," + f.Time + "," + f.Link}, "limit": {"25"}}
	var list struct {
		Data []map[string]string `json:"data"`
	}
	if _, err := a.Form(ctx, http.MethodGet, a.Node(q, node, edge), op, nil, &list); err != nil {
		return Post{}, false, err
	}
	if within <= 0 {
		within = 24 * time.Hour
	}
	now := time.Now
	if a.Policy.Now != nil {
		now = a.Policy.Now
	}
	for _, m := range list.Data {
		p := f.post(m)
		if !p.At.IsZero() && now().Sub(p.At) > within {
			continue
		}
		if same(p.Text) {
			return p, true, nil
		}
	}
	return Post{}, false, nil
}
