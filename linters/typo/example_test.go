package typo_test

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/typo"
	"github.com/crieur/crieur/pipeline/content"
)

// deliberate are the content-example posts that are wrong on purpose.
var deliberate = map[string]bool{
	"posts/2026/11/coulisses-salle.md":        true,
	"posts/2026/11/vacances-noel-familles.md": true,
}

// TestContentExample: the example repository's posts are typographically
// clean under its own charter, except the deliberate ones.
func TestContentExample(t *testing.T) {
	r, err := content.Open("../../content-example")
	if err != nil {
		t.Fatal(err)
	}
	if ch := r.CharterFor(""); ch == nil || !ch.Typography.French {
		t.Fatal("content-example's charter no longer asks for French typography: this test would check nothing")
	}
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := r.LoadPosts(paths)
	french := 0
	for _, f := range files {
		if l := strings.ToLower(f.Post.Lang); l == "fr" || strings.HasPrefix(l, "fr-") {
			french++
		}
		for _, fd := range (typo.French{}).Check(&rule.Context{Repo: r, Now: lintTime}, f) {
			if !deliberate[fd.Path] {
				t.Errorf("%s", visible(fd.String()))
			}
		}
	}
	if len(files) < 30 || french < 20 {
		t.Fatalf("loaded %d posts, %d in French: the example repository is not where the test expects it", len(files), french)
	}
}
