package testrepo_test

import (
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/pipeline"
)

const config = "timezone: Europe/Brussels\nchannels: {mastodon: {type: outbox}}\n"

// TestOpenLoad checks that files override defaults and that the posts
// load as lint loads them.
func TestOpenLoad(t *testing.T) {
	const path = "posts/2026/12/a.md"
	r := testrepo.Open(t,
		map[string]string{"crieur.yml": config, "vocabulaire.txt": "défaut\n"},
		map[string]string{"vocabulaire.txt": "donné\n", path: testrepo.Post("publish_at: 2026-12-20 10:00\nchannels: [mastodon]\n", "Bonjour.\n")})
	if data, err := os.ReadFile(r.Abs("vocabulaire.txt")); err != nil || string(data) != "donné\n" {
		t.Errorf("vocabulaire.txt = %q, %v; want the given file over the default", data, err)
	}
	files := testrepo.LoadAll(t, r)
	if len(files) != 1 || testrepo.LoadOne(t, r, path).Post.Path != path {
		t.Fatalf("loaded %d posts, want %s", len(files), path)
	}
	if got := testrepo.Find(t, files, path).Post.Path; got != path {
		t.Errorf("Find = %s", got)
	}
}

func TestPositions(t *testing.T) {
	src := testrepo.Post("a: b", "été\nun été, deux étés\n")
	if src != "---\na: b\n---\nété\nun été, deux étés\n" {
		t.Errorf("Post = %q", src)
	}
	if got := testrepo.LineOf(t, src, "deux"); got != 5 {
		t.Errorf("LineOf = %d, want 5", got)
	}
	if line, col := testrepo.PosOf(t, src, "été", 3); line != 5 || col != 14 {
		t.Errorf("PosOf(3rd été) = %d:%d, want 5:14", line, col)
	}
}

func TestApply(t *testing.T) {
	fs := []pipeline.Finding{
		{Rule: "a", Fix: &pipeline.Fix{Start: 0, End: 1, Text: "X"}},
		{Rule: "b"},
		{Rule: "a", Fix: &pipeline.Fix{Start: 4, End: 4, Text: "!"}},
	}
	if got := testrepo.Apply("abcd", fs); got != "Xbcd!" {
		t.Errorf("Apply = %q", got)
	}
	if got := testrepo.ApplyStrict(t, "abcd", fs); got != "Xbcd!" {
		t.Errorf("ApplyStrict = %q", got)
	}
	overlap := append(fs, pipeline.Finding{Fix: &pipeline.Fix{Start: 0, End: 2, Text: "Y"}})
	if got := testrepo.Apply("abcd", overlap); got != "Xbcd!" {
		t.Errorf("Apply with an overlap = %q, want the first fix kept", got)
	}
	if got := testrepo.ByRule(fs, "a"); len(got) != 2 || got[0].Rule != "a" || got[1].Rule != "a" {
		t.Errorf("ByRule = %v", got)
	}
}

func TestImages(t *testing.T) {
	if _, err := jpeg.Decode(strings.NewReader(testrepo.JPEG(t))); err != nil {
		t.Errorf("JPEG: %v", err)
	}
	for _, size := range []int{0, 200, 2_000_001} {
		data := testrepo.PNG(t, size)
		if _, err := png.Decode(strings.NewReader(data)); err != nil {
			t.Errorf("PNG(%d): %v", size, err)
		}
		if size > 0 && len(data) != size {
			t.Errorf("PNG(%d) is %d bytes", size, len(data))
		}
	}
}
