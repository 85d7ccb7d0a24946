package charte

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

// TestMessages: every message the code asks for is in the catalogs, in
// English, French and Dutch, and every message is asked for (a renamed key would leave a
// stale one behind). That no placeholder is left unfilled is checked on
// every finding the table tests produce (TestNoPlaceholderLeft).
func TestMessages(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	callRE := regexp.MustCompile(`say\("([a-z.]+)"`)
	problemRE := regexp.MustCompile(`problem\("([a-z_]+)"`) // what is wrong in a charter (config.*)
	used, problems := map[string]bool{}, map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range callRE.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
		for _, m := range problemRE.FindAllStringSubmatch(string(src), -1) {
			problems["config."+m[1]] = true
		}
	}
	for k := range problems {
		if !words.Has(k) {
			t.Errorf("the code reports problem %q, which messages/en.yaml lacks", k)
		}
	}
	// The keys built at run time: msgKey arguments of substitute and
	// inclusiveFinding.
	for _, k := range []string{"charte.substitution", "custom.substitution", "charte.inclusive", "charte.inclusive.require", "charte.sponsored", "charte.retouched", "charte.virtual"} {
		used[k] = true
	}
	for k := range used {
		if !words.Has(k + ".hint") {
			t.Errorf("the code asks for message %q, which messages/en.yaml lacks (or its hint)", k)
		}
	}
	for _, id := range words.IDs("") {
		if strings.HasPrefix(id, "about.") || strings.HasPrefix(id, "words.") {
			continue
		}
		if strings.HasPrefix(id, "config.") {
			if !problems[id] {
				t.Errorf("messages/en.yaml has problem %q, which no code reports", id)
			}
			continue
		}
		k := strings.TrimSuffix(strings.TrimSuffix(id, ".message"), ".hint")
		if !used[k] {
			t.Errorf("messages/en.yaml has message %q, which no code asks for", k)
		}
	}
	for _, p := range words.Problems() {
		t.Error(p)
	}
}

func TestDefaults(t *testing.T) {
	if len(data.Mentions.Sponsored) == 0 || len(data.Mentions.Retouched) == 0 || len(data.Mentions.Virtual) == 0 {
		t.Error("defaults.yml lacks a legal mention")
	}
	if data.UTM.Source == "" || data.UTM.Medium == "" {
		t.Error("defaults.yml lacks the UTM defaults")
	}
	if data.Inclusive.Median != "·" || len(data.Inclusive.Suffixes) == 0 {
		t.Errorf("inclusive defaults: median %q, %d suffixes", data.Inclusive.Median, len(data.Inclusive.Suffixes))
	}
	for _, s := range data.Inclusive.HyphenSingle {
		if !suffixes[s] {
			t.Errorf("hyphen_single %q is not among the suffixes", s)
		}
	}
}

// TestCompiledOnce: a charter is compiled once, another charter apart.
func TestCompiledOnce(t *testing.T) {
	a := &pipeline.Charter{Forbidden: []pipeline.TermRule{{Term: "gratos"}}}
	b := &pipeline.Charter{Forbidden: []pipeline.TermRule{{Term: "gratos"}}}
	ca := compiledFor(a)
	if compiledFor(a) != ca {
		t.Error("the same charter compiled twice")
	}
	if compiledFor(b) == ca {
		t.Error("two charters share their compiled form")
	}
	if len(ca.forbidden) != 1 {
		t.Errorf("compiled %d forbidden terms, want 1", len(ca.forbidden))
	}
}
