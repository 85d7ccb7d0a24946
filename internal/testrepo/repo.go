package testrepo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// Open writes defaults, then files over them (path -> content, slash
// separated), into a temporary folder and opens it as a repository.
func Open(t testing.TB, defaults, files map[string]string) *content.Repo {
	t.Helper()
	dir := t.TempDir()
	all := make(map[string]string, len(defaults)+len(files))
	for k, v := range defaults {
		all[k] = v
	}
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

// Load loads every post, as lint does without arguments, and returns the
// load findings for the test to judge.
func Load(t testing.TB, r *content.Repo) ([]*content.File, []pipeline.Finding) {
	t.Helper()
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	return r.LoadPosts(paths)
}

// LoadAll loads every post. Any load finding fails the test: the rules
// must judge posts the loader accepted, or a test could pass for the
// wrong reason.
func LoadAll(t testing.TB, r *content.Repo) []*content.File {
	t.Helper()
	files, findings := Load(t, r)
	if len(findings) > 0 {
		t.Fatalf("loading: %v", findings)
	}
	return files
}

// LoadOne loads every post and returns the one at path. A load finding on
// that post fails the test; findings on other posts do not.
func LoadOne(t testing.TB, r *content.Repo, path string) *content.File {
	t.Helper()
	files, findings := Load(t, r)
	for _, f := range findings {
		if f.Path == path {
			t.Fatalf("loading %s: %v", path, f)
		}
	}
	return Find(t, files, path)
}

// Find returns the loaded post at path; its absence fails the test.
func Find(t testing.TB, files []*content.File, path string) *content.File {
	t.Helper()
	for _, f := range files {
		if f.Post.Path == path {
			return f
		}
	}
	t.Fatalf("%s not loaded (have %d posts)", path, len(files))
	return nil
}

// Post makes a post file: front matter lines, then the body.
func Post(front, body string) string {
	return "---\n" + strings.TrimSpace(front) + "\n---\n" + body
}

// ByRule keeps the findings of one rule id.
func ByRule(fs []pipeline.Finding, id string) []pipeline.Finding {
	var out []pipeline.Finding
	for _, f := range fs {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

// LineOf is the 1-based line of the first occurrence of sub in src.
func LineOf(t testing.TB, src, sub string) int {
	t.Helper()
	line, _ := PosOf(t, src, sub, 1)
	return line
}

// PosOf is the 1-based line and column (in characters) of the n-th
// (1-based) occurrence of sub in src, computed without the code under
// test.
func PosOf(t testing.TB, src, sub string, n int) (line, col int) {
	t.Helper()
	off := -1
	for k := 0; k < n; k++ {
		i := strings.Index(src[off+1:], sub)
		if i < 0 {
			if n == 1 {
				t.Fatalf("%q not in the test file", sub)
			}
			t.Fatalf("%q not %d times in the test file", sub, n)
		}
		off += 1 + i
	}
	line = strings.Count(src[:off], "\n") + 1
	col = len([]rune(src[strings.LastIndexByte(src[:off], '\n')+1:off])) + 1
	return line, col
}

// Apply applies the fixes of findings to src with pipeline.ApplyFixes: a
// fix that overlaps an earlier one is skipped.
func Apply(src string, fs []pipeline.Finding) string {
	out, _ := pipeline.ApplyFixes([]byte(src), fixesOf(fs))
	return string(out)
}

// ApplyStrict applies the fixes of findings to src, as Apply does, but
// fails the test when one of them cannot apply (it overlaps another).
func ApplyStrict(t testing.TB, src string, fs []pipeline.Finding) string {
	t.Helper()
	fixes := fixesOf(fs)
	out, kept := pipeline.ApplyFixes([]byte(src), fixes)
	if len(kept) != len(fixes) {
		t.Fatalf("overlapping fixes: %d of %v apply", len(kept), fixes)
	}
	return string(out)
}

// fixesOf lists the fixes of findings, in their order.
func fixesOf(fs []pipeline.Finding) []pipeline.Fix {
	var fixes []pipeline.Fix
	for _, f := range fs {
		if f.Fix != nil {
			fixes = append(fixes, *f.Fix)
		}
	}
	return fixes
}
