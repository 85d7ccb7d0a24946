package outbox

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

const key = "3f1c0a9b8e7d6c5b4a392817"

func client(t *testing.T) (*Client, string) {
	t.Helper()
	root := t.TempDir()
	now := time.Date(2026, 12, 1, 9, 30, 4, 987654321, time.FixedZone("CET", 3600))
	return &Client{Dir: filepath.Join(root, "outbox", "mastodon"), RelDir: "outbox/mastodon", Channel: "mastodon",
		Now: func() time.Time { return now }}, root
}

func message(root, k string) pipeline.Message {
	return pipeline.Message{Key: k, Post: "posts/2026/12/saison.md", Lang: "fr",
		Parts:        []string{"La saison commence le 1er décembre !", "Deuxième partie 🎉"},
		FirstComment: "Le programme complet.",
		Media:        []pipeline.Attachment{{Path: filepath.Join(root, "media", "affiche.jpg"), Name: "media/affiche.jpg", Alt: "Affiche de la saison"}}}
}

func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestPublishWritesKeyJSON(t *testing.T) {
	c, root := client(t)
	r, err := c.Publish(context.Background(), message(root, key))
	if err != nil {
		t.Fatal(err)
	}
	want := pipeline.Receipt{ID: "outbox-3f1c0a9b8e7d", URL: "outbox/mastodon/" + key + ".json", At: c.Now().Truncate(time.Second)}
	if r.ID != want.ID || r.URL != want.URL || !r.At.Equal(want.At) {
		t.Errorf("receipt = %+v, want %+v", r, want)
	}
	if got := files(t, c.Dir); len(got) != 1 || got[0] != key+".json" {
		t.Fatalf("outbox holds %v, want [%s.json]", got, key)
	}
	data, err := os.ReadFile(filepath.Join(c.Dir, key+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var it Item
	if err := json.Unmarshal(data, &it); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	if it.Key != key || it.ID != want.ID || it.Channel != "mastodon" || it.Post != "posts/2026/12/saison.md" || it.Lang != "fr" ||
		len(it.Parts) != 2 || it.Parts[1] != "Deuxième partie 🎉" || it.FirstComment != "Le programme complet." || !it.PublishedAt.Equal(want.At) {
		t.Errorf("item = %+v", it)
	}
	if len(it.Media) != 1 || it.Media[0].Name != "media/affiche.jpg" || it.Media[0].Alt != "Affiche de la saison" || it.Media[0].Path != "" {
		t.Errorf("media = %+v, want the name and alt only", it.Media)
	}
	// No absolute path of the machine that ran it.
	for _, abs := range []string{root, c.Dir, filepath.Join(root, "media")} {
		if strings.Contains(string(data), abs) {
			t.Errorf("the outbox file holds the absolute path %s:\n%s", abs, data)
		}
	}
	if strings.Contains(r.URL, root) {
		t.Errorf("the receipt URL %q is absolute", r.URL)
	}
}

func TestPublishSameKeyTwice(t *testing.T) {
	c, root := client(t)
	first, err := c.Publish(context.Background(), message(root, key))
	if err != nil {
		t.Fatal(err)
	}
	later := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	c.Now = func() time.Time { return later }
	m := message(root, key)
	m.Parts = []string{"un autre texte"}
	second, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID != first.ID || second.URL != first.URL || !second.At.Equal(first.At) {
		t.Errorf("second receipt %+v, want the first %+v", second, first)
	}
	if got := files(t, c.Dir); len(got) != 1 {
		t.Errorf("outbox holds %v, want one file", got)
	}
	data, _ := os.ReadFile(filepath.Join(c.Dir, key+".json"))
	if strings.Contains(string(data), "un autre texte") {
		t.Errorf("the second publication overwrote the first:\n%s", data)
	}

	other, err := c.Publish(context.Background(), message(root, "0123456789abcdef01234567"))
	if err != nil {
		t.Fatal(err)
	}
	if other.ID == first.ID {
		t.Errorf("another key gave the same id %s", other.ID)
	}
	if got := files(t, c.Dir); len(got) != 2 {
		t.Errorf("outbox holds %v, want two files", got)
	}
}

func TestPublishConcurrentSameKey(t *testing.T) {
	c, root := client(t)
	var wg sync.WaitGroup
	receipts := make([]pipeline.Receipt, 8)
	errs := make([]error, 8)
	for i := range receipts {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			receipts[i], errs[i] = c.Publish(context.Background(), message(root, key))
		}(i)
	}
	wg.Wait()
	for i := range receipts {
		// A reader may see the file before the writer filled it; it must
		// then fail, never claim another publication.
		if errs[i] == nil && receipts[i].ID != "outbox-3f1c0a9b8e7d" {
			t.Errorf("publish %d: receipt %+v", i, receipts[i])
		}
	}
	if got := files(t, c.Dir); len(got) != 1 {
		t.Errorf("outbox holds %v, want one file", got)
	}
}

func TestPublishRefuses(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		key  string
	}{
		{"cancelled context", cancelled, key},
		{"no key", context.Background(), ""},
		{"a key that leaves the folder", context.Background(), "../../escaped"},
		{"a key with a separator", context.Background(), "a/b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, root := client(t)
			if _, err := c.Publish(tt.ctx, message(root, tt.key)); err == nil {
				t.Error("Publish succeeded")
			}
			var written []string
			filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					written = append(written, p)
				}
				return nil
			})
			if len(written) > 0 {
				t.Errorf("files written: %v", written)
			}
		})
	}
}

// A key shorter than an id is unusual but must not crash the run.
func TestPublishShortKey(t *testing.T) {
	c, root := client(t)
	r, err := c.Publish(context.Background(), message(root, "abc"))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "outbox-abc" {
		t.Errorf("id = %q, want outbox-abc", r.ID)
	}
}

func TestFind(t *testing.T) {
	c, root := client(t)
	ctx := context.Background()
	if _, found, err := c.Find(ctx, pipeline.Message{Key: key}); found || err != nil {
		t.Fatalf("Find before publishing = %v, %v; want false, nil", found, err)
	}
	sent, err := c.Publish(ctx, message(root, key))
	if err != nil {
		t.Fatal(err)
	}
	got, found, err := c.Find(ctx, pipeline.Message{Key: key})
	if err != nil || !found {
		t.Fatalf("Find after publishing = %v, %v; want true", found, err)
	}
	if got.ID != sent.ID || got.URL != sent.URL || !got.At.Equal(sent.At) {
		t.Errorf("Find = %+v, want %+v", got, sent)
	}
	if _, found, err := c.Find(ctx, pipeline.Message{Key: "0123456789abcdef01234567"}); found || err != nil {
		t.Errorf("Find of another key = %v, %v; want false, nil", found, err)
	}
	// A file that is not an item (killed mid-write, edited by hand).
	if err := os.WriteFile(filepath.Join(c.Dir, "ffffffffffffffffffffffff.json"), []byte("{\"id\":"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, found, err := c.Find(ctx, pipeline.Message{Key: "ffffffffffffffffffffffff"}); err == nil || found {
		t.Errorf("Find of a torn file = %v, %v; want an error", found, err)
	}
}

func TestRetract(t *testing.T) {
	c, root := client(t)
	ctx := context.Background()
	r, err := c.Publish(ctx, message(root, key))
	if err != nil {
		t.Fatal(err)
	}
	keep, err := c.Publish(ctx, message(root, "0123456789abcdef01234567"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Retract(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := c.Find(ctx, pipeline.Message{Key: key}); found {
		t.Error("the retracted publication is still there")
	}
	if _, found, _ := c.Find(ctx, pipeline.Message{Key: "0123456789abcdef01234567"}); !found {
		t.Error("retracting one publication deleted another")
	}
	if err := c.Retract(ctx, r); err != nil {
		t.Errorf("retracting twice: %v, want nil (idempotent)", err)
	}
	if got := files(t, c.Dir); len(got) != 1 || got[0] != "0123456789abcdef01234567.json" {
		t.Errorf("outbox holds %v", got)
	}
	_ = keep
}

func TestPublishDefaultClock(t *testing.T) {
	c, root := client(t)
	c.Now = nil
	before := time.Now().Truncate(time.Second)
	r, err := c.Publish(context.Background(), message(root, key))
	if err != nil {
		t.Fatal(err)
	}
	if r.At.Before(before) || r.At.After(time.Now()) {
		t.Errorf("At = %v, want about now", r.At)
	}
}
