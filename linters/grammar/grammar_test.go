package grammar

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline/content"
)

func repo(t *testing.T, grammar bool, posts map[string]string) (*rule.Context, []*content.File) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"crieur.yml": "timezone: Europe/Brussels\ndefaults:\n  channels: [mastodon]\n  lang: fr\nchannels:\n  mastodon:\n    type: outbox\n",
		"charte.yml": "spelling:\n  grammar: " + map[bool]string{true: "true", false: "false"}[grammar] + "\n",
	}
	for k, v := range posts {
		files[k] = v
	}
	for rel, data := range files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := content.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	loaded, fs := r.LoadPosts(paths)
	if len(fs) > 0 {
		t.Fatalf("posts do not load: %v", fs)
	}
	return &rule.Context{Repo: r, Now: time.Now()}, loaded
}

const post = "---\npublish_at: 2027-01-05 10:00\n---\nBonjour à tous, voici https://example.org/a.\n\nLes chat de la Verrière mange des croquettes.\n\n---\n\nIl est partis dés l’aube.\n"

func TestGrammalecte(t *testing.T) {
	if _, err := exec.LookPath("grammalecte-cli"); err != nil {
		t.Skip("grammalecte-cli is not installed (scripts/deps.sh installs it; CI runs this test)")
	}
	c, files := repo(t, true, map[string]string{"posts/a.md": post, "posts/en.md": "---\npublish_at: 2027-01-05 12:00\nlang: en\n---\nThe cats eats.\n"})
	fs := Grammar{}.CheckAll(c, files)
	got := map[string]bool{}
	for _, f := range fs {
		if f.Path != "posts/a.md" || f.Rule != "grammar" {
			t.Errorf("unexpected finding %v", f)
		}
		src, _ := os.ReadFile(filepath.Join(c.Repo.Root, "posts/a.md"))
		lines := strings.Split(string(src), "\n")
		word := string([]rune(lines[f.Line-1])[f.Col-1 : f.EndCol-1])
		got[word] = true
		if f.Fix == nil {
			t.Errorf("no fix on %v", f)
		}
	}
	for _, w := range []string{"chat", "partis", "dés"} {
		if !got[w] {
			t.Errorf("no finding on « %s »: %v", w, fs)
		}
	}
}

func TestGrammarOffOrUnavailable(t *testing.T) {
	c, files := repo(t, false, map[string]string{"posts/a.md": post})
	if fs := (Grammar{}).CheckAll(c, files); len(fs) != 0 {
		t.Errorf("grammar off in the charter, findings: %v", fs)
	}
	c, files = repo(t, true, map[string]string{"posts/a.md": post})
	fs := Grammar{Command: "no-such-grammalecte"}.CheckAll(c, files)
	if len(fs) != 1 || fs[0].Rule != "grammar.unavailable" || !strings.Contains(fs[0].Hint, "apt-get install grammalecte-cli") {
		t.Errorf("want one grammar.unavailable finding, got %v", fs)
	}
}
