package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

// TestLoaderRefusesWhatTheSchemasRefuse: values the loader let through
// although the JSON schemas refused them, found by the schemas'
// differential test (schemas/agree_test.go).
func TestLoaderRefusesWhatTheSchemasRefuse(t *testing.T) {
	r := testRepo(t)
	for _, tt := range []struct{ front, want string }{
		{"publications: {mastodon: {id: \"1\", attempts: 2.5}}", "attempts must be a whole number"},
		{"publications: {mastodon: {id: \"1\", attempts: -1}}", "attempts must be 0 or more"},
	} {
		_, fs := r.ParsePost("posts/2026/12/x.md", []byte("---\npublish_at: 2026-12-01 09:30\nstatus: published\n"+tt.front+"\n---\nTexte.\n"))
		if !strings.Contains(findingsText(fs), tt.want) {
			t.Errorf("%s: findings %v, want %q", tt.front, fs, tt.want)
		}
	}
	if _, err := ParseConfig("crieur.yml", []byte("timezone: UTC\nchannels: {m: {type: outbox}}\ndefaults: {lang: français}\n")); err == nil || !strings.Contains(err.Error(), "not a language code") {
		t.Errorf("defaults.lang français: %v", err)
	}
	for _, tt := range []struct{ charter, want string }{
		{"emojis: {max: 2.5}\n", "must be a whole number"},
		{"hashtags: {max: -1}\n", "hashtags.max: -1 is negative"},
		{"media: {alt_min: -3}\n", "media.alt_min: -3 is negative"},
		{"rules: [{id: A B, kind: existence, tokens: [x]}]\n", `id "A B" has capitals`},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "charte.yml"), []byte(tt.charter), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadCharter(dir, "charte.yml"); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.charter, err, tt.want)
		}
	}
}

func findingsText(fs []pipeline.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}
