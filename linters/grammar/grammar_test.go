package grammar

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline/content"
)

func repo(t *testing.T, grammar bool, posts map[string]string) (*rule.Context, []*content.File) {
	t.Helper()
	defaults := map[string]string{
		"crieur.yml": "timezone: Europe/Brussels\ndefaults:\n  channels: [mastodon]\n  lang: fr\nchannels:\n  mastodon:\n    type: outbox\n",
		"charte.yml": fmt.Sprintf("spelling:\n  grammar: %t\n", grammar),
	}
	r := testrepo.Open(t, defaults, posts)
	return &rule.Context{Repo: r, Now: time.Now()}, testrepo.LoadAll(t, r)
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
