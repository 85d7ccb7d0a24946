package spelling_test

import (
	"slices"
	"testing"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/spelling"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// deliberate are the content-example posts that are wrong on purpose,
// for other rules: neither has a spelling mistake, so they must come out
// clean too.
var deliberate = []string{"posts/2026/11/coulisses-salle.md", "posts/2026/11/vacances-noel-familles.md"}

// missingVocabulary is what content-example/vocabulaire.txt lacks for
// its posts to be clean (nothing today). The test adds it in memory and
// checks that nothing else is flagged; it also checks that, without it,
// exactly these words are flagged, so that this list stays true.
var missingVocabulary = map[string][]string{}

// lintExample runs the rule on every post of content-example and returns
// the findings and the sources of the posts linted.
func lintExample(t *testing.T, r *content.Repo) ([]pipeline.Finding, map[string]string) {
	t.Helper()
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := r.LoadPosts(paths)
	if len(files) < 25 {
		t.Fatalf("only %d posts loaded from content-example", len(files))
	}
	c := &rule.Context{Repo: r, Now: now}
	var out []pipeline.Finding
	sources := map[string]string{}
	for _, f := range files {
		sources[f.Post.Path] = string(f.Source)
		fs := spelling.Spelling{}.Check(c, f)
		for _, fd := range fs {
			if fd.Rule == spelling.IDDictionary {
				t.Skipf("%s (scripts/deps.sh installs the dictionaries)", fd)
			}
		}
		out = append(out, fs...)
	}
	for _, p := range deliberate {
		if _, ok := sources[p]; !ok {
			t.Errorf("%s was not linted", p)
		}
	}
	return out, sources
}

func TestContentExample(t *testing.T) {
	r, err := content.Open("../../content-example")
	if err != nil {
		t.Fatal(err)
	}
	// As the repository is: only the missing vocabulary is flagged.
	got := map[string][]string{}
	fs, sources := lintExample(t, r)
	for _, f := range fs {
		got[f.Path] = append(got[f.Path], words(t, sources[f.Path], []pipeline.Finding{f})...)
	}
	for path, ws := range got {
		if !slices.Equal(ws, missingVocabulary[path]) {
			t.Errorf("%s: flagged %q, want %q", path, ws, missingVocabulary[path])
		}
	}
	for path, ws := range missingVocabulary {
		if len(got[path]) == 0 {
			t.Errorf("%s: %q is no longer flagged: remove it from missingVocabulary", path, ws)
		}
	}

	// With the vocabulary completed, no post gives a spelling finding,
	// the deliberate ones included.
	for _, ws := range missingVocabulary {
		r.Vocabulary[""] = append(r.Vocabulary[""], ws...)
	}
	fs, _ = lintExample(t, r)
	for _, f := range fs {
		t.Errorf("with the vocabulary completed: %v", f)
	}
}
