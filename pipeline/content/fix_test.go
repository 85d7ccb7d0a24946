package content

import (
	"errors"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

// FixPost applies the fixes, and refuses those that would make the post
// fail to load, or load with more errors.
func TestFixPost(t *testing.T) {
	r := testRepo(t)
	src := []byte("---\npublish_at: 2026-12-01 09:30\nchannels: [mastodon]\n---\nBonjour Bxl...\n")
	at := func(s string) (int, int) {
		i := strings.Index(string(src), s)
		return i, i + len(s)
	}
	s, e := at("Bxl")
	out, applied, err := r.FixPost("posts/a.md", src, []pipeline.Fix{{Start: s, End: e, Text: "Bruxelles"}})
	if err != nil || len(applied) != 1 || !strings.Contains(string(out), "Bonjour Bruxelles...") {
		t.Errorf("fix: %q %v %v", out, applied, err)
	}
	if out, applied, err := r.FixPost("posts/a.md", src, []pipeline.Fix{{Start: s, End: e, Text: "Bxl"}}); err != nil || applied != nil || string(out) != string(src) {
		t.Errorf("a fix that changes nothing: %q %v %v", out, applied, err)
	}
	s, e = at("mastodon")
	if out, _, err := r.FixPost("posts/a.md", src, []pipeline.Fix{{Start: s, End: e, Text: "myspace"}}); !errors.Is(err, ErrFixBreaks) || string(out) != string(src) {
		t.Errorf("a fix that breaks the post: %v", err)
	}
	s, _ = at("---\nBonjour")
	if _, _, err := r.FixPost("posts/a.md", src, []pipeline.Fix{{Start: s, End: s + 3, Text: ""}}); !errors.Is(err, ErrFixBreaks) {
		t.Errorf("a fix that unloads the post: %v", err)
	}
}
