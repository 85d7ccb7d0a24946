package content

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

// The front matter ends where YAML says, not at the first line that looks
// like ---: a --- inside a block scalar is text.
func TestFrontMatterEndsByYAML(t *testing.T) {
	r := testRepo(t)
	src := "---\npublish_at: 2026-12-01 09:30\nchannels: [mastodon, bluesky]\nfirst_comment: |\n  Un.\n  ---\n  Deux.\nvariants:\n  bluesky: |\n    Avant.\n    ---\n    Après.\n---\nCorps.\n"
	f, fs := r.ParsePost("posts/2026/12/x.md", []byte(src))
	if f == nil || pipeline.HasErrors(fs) {
		t.Fatalf("findings: %v", fs)
	}
	p := f.Post
	if got := strings.TrimSpace(p.Body.Parts[0].Source); got != "Corps." || len(p.Body.Parts) != 1 {
		t.Errorf("body = %q (%d parts)", got, len(p.Body.Parts))
	}
	if got := p.Body.FirstComment.Source; got != "Un.\n---\nDeux.\n" {
		t.Errorf("first comment = %q", got)
	}
	v := p.Variants["bluesky"].Parts
	if len(v) != 2 || strings.TrimSpace(v[0].Source) != "Avant." || strings.TrimSpace(v[1].Source) != "Après." {
		t.Errorf("bluesky variant = %+v, want a thread of two parts", v)
	}
	if v[1].Line != 12 || v[1].Col != 5 {
		t.Errorf("second part of the variant at %d:%d, want 12:5", v[1].Line, v[1].Col)
	}
	out, err := f.WithState(pipeline.StatusPublished, nil, r.Config.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	if want := "    Après.\nstatus: published\n---\nCorps.\n"; !strings.HasSuffix(string(out), want) {
		t.Errorf("state not written before the closing line:\n%s", out)
	}
}

// A front matter closed by YAML's document end (...) takes its state.
func TestFrontMatterClosedByDocumentEnd(t *testing.T) {
	r := testRepo(t)
	f, fs := r.ParsePost("posts/2026/12/x.md", []byte("---\npublish_at: 2026-12-01 09:30\nchannels: [mastodon]\n...\nCorps.\n"))
	if f == nil || pipeline.HasErrors(fs) {
		t.Fatalf("findings: %v", fs)
	}
	out, err := f.WithState(pipeline.StatusPublished, nil, r.Config.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	if want := "channels: [mastodon]\nstatus: published\n...\nCorps.\n"; !strings.HasSuffix(string(out), want) {
		t.Errorf("got:\n%s", out)
	}
}

// What crieur cannot write its state into is refused when the post is
// read, at the line to fix, never after it went out.
func TestFrontMatterRefused(t *testing.T) {
	r := testRepo(t)
	for _, c := range []struct{ name, src, where string }{
		{"flow mapping", "---\n{publish_at: 2026-12-01 09:30, channels: [mastodon]}\n---\nCorps.\n", "2:1"},
		{"flow mapping indented", "---\n  {publish_at: 2026-12-01 09:30,\n   channels: [mastodon]}\n---\nCorps.\n", "2:3"},
		{"line yaml ignores", "---\n publish_at: 2026-12-01 09:30\nchannels: [mastodon]\n---\nCorps.\n", "3:1"},
		{"closing line with text", "---\npublish_at: 2026-12-01 09:30\n--- Corps.\n", "3:1"},
		{"not closed", "---\npublish_at: 2026-12-01 09:30\n  ---\nCorps.\n", "1:1"},
	} {
		f, fs := r.ParsePost("posts/2026/12/x.md", []byte(c.src))
		if f != nil || len(fs) != 1 || fs[0].Rule != "schema.front_matter" || fs[0].Hint == "" {
			t.Errorf("%s: got %v", c.name, fs)
			continue
		}
		if got := (pipeline.Pos{Line: fs[0].Line, Col: fs[0].Col}).String(); got != c.where {
			t.Errorf("%s: at %s, want %s: %v", c.name, got, c.where, fs[0])
		}
	}
}
