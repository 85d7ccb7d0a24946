package tone_test

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/tone"
	"github.com/crieur/crieur/pipeline/content"
)

// deliberate are the content-example posts that are wrong on purpose
// (for other rules): the tone rule may speak about them, not about others.
var deliberate = map[string]bool{
	"posts/2026/11/coulisses-salle.md":        true,
	"posts/2026/11/vacances-noel-familles.md": true,
}

// TestContentExample lints the example repository: its posts follow its
// charter (address: vous, every tone switch on), so the rule has nothing
// to say about them. It also checks that the example still exercises the
// rule: French, English and Dutch posts, the address set to vous.
func TestContentExample(t *testing.T) {
	r, err := content.Open("../../content-example")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.CharterFor("").Tone.Address; got != "vous" {
		t.Fatalf("content-example's charter says address %q; this test expects vous", got)
	}
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := r.LoadPosts(paths)
	if len(files) < 25 {
		t.Fatalf("only %d posts loaded from content-example", len(files))
	}
	langs := map[string]int{}
	c := &rule.Context{Repo: r, Now: now}
	for _, f := range files {
		langs[f.Post.Lang]++
		for _, fd := range (tone.Tone{}).Check(c, f) {
			if !strings.HasPrefix(fd.Rule, "tone.") {
				t.Errorf("a finding outside the tone family: %v", fd)
			}
			if !deliberate[fd.Path] {
				t.Errorf("%v", fd)
			}
		}
	}
	for _, l := range []string{"fr", "en", "nl"} {
		if langs[l] == 0 {
			t.Errorf("no %s post in content-example (languages: %v)", l, langs)
		}
	}
}
