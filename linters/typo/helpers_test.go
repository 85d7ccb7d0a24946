package typo_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers below write a real content repository into a temporary
// folder and load it as `crieur lint` does (content.Open, PostPaths,
// LoadPosts), so that positions and fixes are computed from real files.

// baseConfig: French by default, two outbox channels.
const baseConfig = `timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon:
    type: outbox
  bluesky:
    type: outbox
`

// frenchCharter asks for French typography with the default space.
const frenchCharter = "typography:\n  french: true\n"

// lintTime is when every test lints.
var lintTime = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

// newRepo writes files (path -> content; crieur.yml and charte.yml get the
// defaults above unless given) and opens the repository.
func newRepo(t testing.TB, files map[string]string) *content.Repo {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{"crieur.yml": baseConfig, "charte.yml": frenchCharter}
	for k, v := range files {
		all[k] = v
	}
	for rel, data := range all {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := content.Open(dir)
	if err != nil {
		t.Fatalf("open the test repository: %v", err)
	}
	return r
}

// loadAll loads every post; a load finding fails the test, so that the
// rule always judges a post the loader accepted.
func loadAll(t testing.TB, r *content.Repo) []*content.File {
	t.Helper()
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, findings := r.LoadPosts(paths)
	for _, f := range findings {
		if f.Severity == pipeline.Error {
			t.Fatalf("loading: %v", f)
		}
	}
	return files
}

// loadOne loads the post at path.
func loadOne(t testing.TB, r *content.Repo, path string) *content.File {
	t.Helper()
	for _, f := range loadAll(t, r) {
		if f.Post.Path == path {
			return f
		}
	}
	t.Fatalf("%s not loaded", path)
	return nil
}

// check runs one rule on the post at path.
func check(t testing.TB, ru rule.Rule, r *content.Repo, path string) (*content.File, []pipeline.Finding) {
	t.Helper()
	f := loadOne(t, r, path)
	return f, ru.Check(&rule.Context{Repo: r, Now: lintTime}, f)
}

// post makes a post file: front matter lines, then the body.
func post(front, body string) string {
	return "---\n" + strings.TrimSpace(front) + "\n---\n" + body
}

// applyAll applies the fixes of findings to src.
func applyAll(src []byte, fs []pipeline.Finding) string {
	var fixes []pipeline.Fix
	for _, f := range fs {
		if f.Fix != nil {
			fixes = append(fixes, *f.Fix)
		}
	}
	out, _ := pipeline.ApplyFixes(src, fixes)
	return string(out)
}

// visible shows the spaces that matter in a failure message.
func visible(s string) string {
	return strings.NewReplacer("\u202f", "⍽", "\u00a0", "°").Replace(s)
}
