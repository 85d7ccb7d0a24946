package typo_test

import (
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers below write a real content repository into a temporary
// folder and load it as `crieur lint` does (content.Open, PostPaths,
// LoadPosts), so that positions and fixes are computed from real files.
// internal/testrepo holds their bodies.

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
	return testrepo.Open(t, map[string]string{"crieur.yml": baseConfig, "charte.yml": frenchCharter}, files)
}

// loadAll loads every post; a load finding of severity error fails the
// test, so that the rule always judges a post the loader accepted.
func loadAll(t testing.TB, r *content.Repo) []*content.File {
	t.Helper()
	files, findings := testrepo.Load(t, r)
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
	return testrepo.Find(t, loadAll(t, r), path)
}

// post makes a post file: front matter lines, then the body.
var post = testrepo.Post

// check runs one rule on the post at path.
func check(t testing.TB, ru rule.Rule, r *content.Repo, path string) (*content.File, []pipeline.Finding) {
	t.Helper()
	f := loadOne(t, r, path)
	return f, ru.Check(&rule.Context{Repo: r, Now: lintTime}, f)
}

// applyAll applies the fixes of findings to src.
func applyAll(src []byte, fs []pipeline.Finding) string {
	return testrepo.Apply(string(src), fs)
}

// visible shows the spaces that matter in a failure message.
func visible(s string) string {
	return strings.NewReplacer("\u202f", "⍽", "\u00a0", "°").Replace(s)
}
