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
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

func repo(t *testing.T, grammar bool, posts map[string]string) (*rule.Context, []*content.File) {
	t.Helper()
	return repoWith(t, fmt.Sprintf("spelling:\n  grammar: %t\n", grammar), posts)
}

func repoWith(t testing.TB, charter string, posts map[string]string) (*rule.Context, []*content.File) {
	t.Helper()
	defaults := map[string]string{
		"crieur.yml": "timezone: Europe/Brussels\ndefaults:\n  channels: [mastodon]\n  lang: fr\nchannels:\n  mastodon:\n    type: outbox\n",
		"charte.yml": charter,
	}
	r := testrepo.Open(t, defaults, posts)
	return &rule.Context{Repo: r, Now: time.Now()}, testrepo.LoadAll(t, r)
}

func needGrammalecte(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("grammalecte-cli"); err != nil {
		t.Skip("grammalecte-cli is not installed (scripts/deps.sh installs it; CI runs this test)")
	}
}

// words maps each finding of rule id to the text it points at.
func words(t *testing.T, c *rule.Context, fs []pipeline.Finding, id string) map[string]pipeline.Finding {
	t.Helper()
	got := map[string]pipeline.Finding{}
	for _, f := range fs {
		if f.Rule != id {
			continue
		}
		src, _ := os.ReadFile(filepath.Join(c.Repo.Root, f.Path))
		lines := strings.Split(string(src), "\n")
		got[string([]rune(lines[f.Line-1])[f.Col-1:f.EndCol-1])] = f
	}
	return got
}

// Grammar is on without a word in the charter, off with grammar: false.
func TestGrammarOnByDefault(t *testing.T) {
	needGrammalecte(t)
	c, files := repoWith(t, "languages: [fr]\n", map[string]string{"posts/a.md": post})
	if got := words(t, c, Grammar{}.CheckAll(c, files), "grammar"); len(got) == 0 {
		t.Errorf("no grammar findings with a charter silent on grammar")
	}
	c, files = repoWith(t, "languages: [fr]\n", map[string]string{"posts/a.md": post})
	fs := Grammar{Command: "no-such-grammalecte"}.CheckAll(c, files)
	if len(fs) != 1 || fs[0].Rule != "grammar.unavailable" || fs[0].Severity != pipeline.Suggestion {
		t.Errorf("default grammar without Grammalecte: want one grammar.unavailable suggestion, got %v", fs)
	}
}

const typoCharter = "languages: [fr]\ntypography:\n  french: true\n  space: narrow\n"

const typoPost = "---\npublish_at: 2027-01-05 10:00\n---\nRendez-vous à 19h sur \"Les quais de Saône\" pour 30% de remise, au 2ème étage.  \nSoldes : -30 % sur tout.\n\n- 5 : les dix ans, voir https://example.org/a  b\n"

// Grammalecte's typography is kept as grammar.typo, with fixes, when the
// charter asks for French typography; Markdown list markers and masked
// links are not prose.
func TestTypographyKept(t *testing.T) {
	needGrammalecte(t)
	c, files := repoWith(t, typoCharter, map[string]string{"posts/a.md": typoPost})
	fs := Grammar{}.CheckAll(c, files)
	got := words(t, c, fs, "grammar.typo")
	want := map[string]string{ // the text pointed at -> the fix
		"19h":  "19\u00a0h",
		"30%":  "30\u00a0%",
		"2ème": "2e",       // plain letters, not « 2ᵉ »
		"-30":  "\u221230", // a number's minus sign, not « – 30 », the dash Grammalecte puts first
	}
	for w, fix := range want {
		f, ok := got[w]
		if !ok {
			t.Errorf("no grammar.typo on « %s »: %v", w, fs)
			continue
		}
		if f.Fix == nil || f.Fix.Text != fix {
			t.Errorf("fix of « %s »: got %+v, want %q", w, f.Fix, fix)
		}
	}
	// Both straight quotes, with the charter's space inside « », not
	// Grammalecte's U+00A0.
	var quotes []string
	for _, f := range fs {
		if f.Rule == "grammar.typo" && f.Fix != nil && strings.Contains(f.Message, "Guillemets") {
			quotes = append(quotes, f.Fix.Text)
		}
	}
	if strings.Join(quotes, "|") != "«\u202f|\u202f»" {
		t.Errorf("fixes of the straight quotes: %q", quotes)
	}
	for w, f := range got {
		if strings.HasPrefix(w, "- ") || strings.Contains(w, "  ") || strings.Contains(w, "example") {
			t.Errorf("finding on Markdown or a link: %v", f)
		}
	}
	// No French typography in the charter: no grammar.typo.
	c, files = repoWith(t, "languages: [fr]\n", map[string]string{"posts/a.md": typoPost})
	if got := words(t, c, Grammar{}.CheckAll(c, files), "grammar.typo"); len(got) != 0 {
		t.Errorf("grammar.typo without typography.french: %v", got)
	}
}

const post = "---\npublish_at: 2027-01-05 10:00\n---\nBonjour à tous, voici https://example.org/a.\n\nLes chat de la Verrière mange des croquettes.\n\n---\n\nIl est partis dés l’aube.\n"

func TestGrammalecte(t *testing.T) {
	needGrammalecte(t)
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
