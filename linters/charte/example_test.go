package charte_test

import (
	"testing"

	"github.com/crieur/crieur/linters/charte"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline/content"
)

// TestContentExample lints the example repository: its charter and
// posts follow the charter, except the two posts that are wrong on
// purpose (coulisses-salle.md lacks alt text, which is not this rule's
// business; vacances-noel-familles.md has four hashtags for three).
func TestContentExample(t *testing.T) {
	r, err := content.Open("../../content-example")
	if err != nil {
		t.Fatal(err)
	}
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 25 {
		t.Fatalf("only %d posts in content-example", len(paths))
	}
	files, _ := r.LoadPosts(paths)
	if len(files) != len(paths) {
		t.Fatalf("loaded %d posts of %d", len(files), len(paths))
	}
	ctx := &rule.Context{Repo: r, Now: now}
	deliberate := 0
	for _, f := range files {
		for _, fd := range (charte.Brand{}).Check(ctx, f) {
			if f.Post.Path == "posts/2026/11/vacances-noel-familles.md" && fd.Rule == "charte.hashtags.max" {
				deliberate++
				continue
			}
			t.Errorf("%v", fd)
		}
	}
	if deliberate != 1 {
		t.Errorf("vacances-noel-familles.md: %d charte.hashtags.max findings, want 1 (four hashtags on mastodon, bluesky)", deliberate)
	}
}
