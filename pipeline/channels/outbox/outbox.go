// Package outbox is the local channel: each publication is a JSON file in
// a folder, named after its idempotency key. It stands in for a network
// (named like one in crieur.yml) so that the whole pipeline runs offline,
// in the README's tour and in tests.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// Client writes publications into Dir.
type Client struct {
	Dir     string // absolute folder
	RelDir  string // the same, relative to the content root, for URLs
	Channel string
	Now     func() time.Time
}

var (
	_ pipeline.Channel   = (*Client)(nil)
	_ pipeline.Finder    = (*Client)(nil)
	_ pipeline.Retracter = (*Client)(nil)
)

// Item is the content of one outbox file.
type Item struct {
	ID           string                `json:"id"`
	Key          string                `json:"key"`
	Channel      string                `json:"channel"`
	Post         string                `json:"post"`
	Lang         string                `json:"lang,omitempty"`
	Parts        []string              `json:"parts"`
	FirstComment string                `json:"first_comment,omitempty"`
	Media        []pipeline.Attachment `json:"media,omitempty"`
	PublishedAt  time.Time             `json:"published_at"`
}

func (c *Client) path(key string) string { return filepath.Join(c.Dir, key+".json") }

func (c *Client) receipt(it Item) pipeline.Receipt {
	return pipeline.Receipt{ID: it.ID, URL: filepath.ToSlash(filepath.Join(c.RelDir, it.Key+".json")), At: it.PublishedAt}
}

// Publish writes the message. The file is created exclusively: the same
// key twice returns the first publication instead of a second one, as a
// network honouring an idempotency key does.
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return pipeline.Receipt{}, err
	}
	if m.Key == "" {
		return pipeline.Receipt{}, errors.New("outbox: a message needs its idempotency key")
	}
	if !validKey(m.Key) {
		return pipeline.Receipt{}, fmt.Errorf("outbox %s: key %q is not a file name (letters, digits, - and _ only)", c.Channel, m.Key)
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return pipeline.Receipt{}, fmt.Errorf("outbox %s: %w", c.Channel, err)
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	media := make([]pipeline.Attachment, len(m.Media))
	for i, a := range m.Media {
		media[i] = pipeline.Attachment{Name: a.Name, Alt: a.Alt} // no absolute paths in the record
	}
	id := m.Key
	if len(id) > 12 {
		id = id[:12]
	}
	it := Item{ID: "outbox-" + id, Key: m.Key, Channel: c.Channel, Post: m.Post, Lang: m.Lang,
		Parts: m.Parts, FirstComment: m.FirstComment, Media: media, PublishedAt: now().Truncate(time.Second)}
	data, err := json.MarshalIndent(it, "", "  ")
	if err != nil {
		return pipeline.Receipt{}, err
	}
	// Write a temporary file, then link it under the key's name: the link
	// is exclusive (the same key twice keeps the first publication) and
	// atomic (a run killed mid-write never leaves a torn publication).
	tmp, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return pipeline.Receipt{}, fmt.Errorf("outbox %s: %w", c.Channel, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return pipeline.Receipt{}, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return pipeline.Receipt{}, err
	}
	if err := tmp.Close(); err != nil {
		return pipeline.Receipt{}, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return pipeline.Receipt{}, err
	}
	err = os.Link(tmp.Name(), c.path(m.Key))
	if errors.Is(err, fs.ErrExist) {
		r, found, ferr := c.Find(ctx, m)
		if ferr == nil && found {
			return r, nil
		}
		return pipeline.Receipt{}, fmt.Errorf("outbox %s: %s exists but cannot be read: %v", c.Channel, c.path(m.Key), ferr)
	}
	if err != nil {
		return pipeline.Receipt{}, fmt.Errorf("outbox %s: %w", c.Channel, err)
	}
	return c.receipt(it), nil
}

// validKey reports whether a key can name a file in Dir: no separator,
// no "..", nothing a shell or a file system treats specially.
func validKey(key string) bool {
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return key != ""
}

// Find reports the publication made under the message's key, if any.
func (c *Client) Find(_ context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	key := m.Key
	if !validKey(key) {
		return pipeline.Receipt{}, false, fmt.Errorf("outbox %s: key %q is not a file name", c.Channel, key)
	}
	data, err := os.ReadFile(c.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return pipeline.Receipt{}, false, nil
	}
	if err != nil {
		return pipeline.Receipt{}, false, err
	}
	var it Item
	if err := json.Unmarshal(data, &it); err != nil {
		return pipeline.Receipt{}, false, fmt.Errorf("outbox %s: %s: %w", c.Channel, c.path(key), err)
	}
	return c.receipt(it), true, nil
}

// Retract deletes the publication's file.
func (c *Client) Retract(_ context.Context, r pipeline.Receipt) error {
	name := filepath.Base(filepath.FromSlash(r.URL))
	err := os.Remove(filepath.Join(c.Dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil // already gone: retracting is idempotent
	}
	return err
}
