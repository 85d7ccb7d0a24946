package tone

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crieur/crieur/pipeline/i18n"
)

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty; every finding and rule id the code says is
// there.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
	if err := saysAll(say); err != nil {
		t.Error(err)
	}
}

// TestSaysAll: a catalog that lacks a finding's hint is caught.
func TestSaysAll(t *testing.T) {
	en, err := catalog.ReadFile("messages/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(en), "  hint: \"one «{mark}» is enough\"\n", "", 1)
	if broken == string(en) {
		t.Fatal("the punctuation hint is not where the test looks")
	}
	fsys := fstest.MapFS{}
	for _, l := range i18n.Langs {
		fsys["m/"+string(l)+".yaml"] = &fstest.MapFile{Data: []byte(broken)}
	}
	c, err := i18n.Load(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	if err := saysAll(c); err == nil || !strings.Contains(err.Error(), "punctuation") {
		t.Errorf("error %v, want one naming punctuation", err)
	}
}
