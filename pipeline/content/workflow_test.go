package content

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestWorkflowFindings: a network channel's secret that the publish
// workflow does not pass is a warning at its line of crieur.yml, in the
// repository's language; none for an outbox, outside git or without a
// workflow, and none once the workflow passes it.
func TestWorkflowFindings(t *testing.T) {
	dir := t.TempDir()
	config := "timezone: Europe/Brussels\nchannels:\n  box:\n    type: outbox\n    secrets: {token: BOX_TOKEN}\n  social:\n    type: mastodon\n    options: {server: https://m.example}\n    secrets:\n      token: MASTODON_TOKEN\n"
	write(t, dir, "crieur.yml", config)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fs := r.WorkflowFindings(); len(fs) != 0 {
		t.Fatalf("outside git: %v", fs)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if fs := r.WorkflowFindings(); len(fs) != 0 {
		t.Fatalf("without a workflow: %v", fs)
	}
	write(t, dir, PublishWorkflow, "env:\n  OTHER: ${{ secrets.OTHER }}\n  BOX_TOKEN: ${{ secrets.BOX_TOKEN }}\n")
	fs := r.WorkflowFindings()
	if len(fs) != 1 {
		t.Fatalf("want one finding, got %v", fs)
	}
	f := fs[0]
	if f.Path != "crieur.yml" || f.Line != 10 || f.Col != 14 || f.EndCol != 28 || f.Rule != "schema.workflow" || f.Severity != pipeline.Warning {
		t.Errorf("finding at %s:%d:%d-%d %s %v", f.Path, f.Line, f.Col, f.EndCol, f.Rule, f.Severity)
	}
	wants(t, "English", []string{f.Message + " / " + f.Hint},
		"channel social reads MASTODON_TOKEN, which the publish workflow (.github/workflows/crieur.yml) does not pass",
		"create the repository secret MASTODON_TOKEN")
	r.Language = i18n.French
	wants(t, "French", []string{r.WorkflowFindings()[0].Message}, "le canal social lit MASTODON_TOKEN")
	write(t, dir, PublishWorkflow, "env:\n  MASTODON_TOKEN: ${{ secrets.MASTODON_TOKEN }}\n")
	if fs := r.WorkflowFindings(); len(fs) != 0 {
		t.Fatalf("the workflow passes it: %v", fs)
	}
}

// TestLocate: a word is found where it stands alone, columns in
// characters.
func TestLocate(t *testing.T) {
	text := []byte("é: MY_TOKEN_2\ntoken: MY_TOKEN\n")
	if l, c, e := locate(text, "MY_TOKEN"); l != 2 || c != 8 || e != 16 {
		t.Errorf("locate = %d:%d-%d, want 2:8-16", l, c, e)
	}
	if l, c, e := locate([]byte("é: MY_TOKEN\n"), "MY_TOKEN"); l != 1 || c != 4 || e != 12 {
		t.Errorf("locate after é = %d:%d-%d, want 1:4-12", l, c, e)
	}
	if l, c, _ := locate(text, "NONE"); l != 1 || c != 1 {
		t.Errorf("locate of an absent word = %d:%d", l, c)
	}
}

// TestPassesSecret: the variable set from a secret, as init writes it or
// as a team writes its own workflow; not another variable, not a value.
func TestPassesSecret(t *testing.T) {
	for wf, want := range map[string]bool{
		"env:\n  MASTODON_TOKEN: ${{ secrets.MASTODON_TOKEN }}\n": true,
		"env:\n  MASTODON_TOKEN: ${{secrets.MASTODON_TOKEN}}\n":   true,
		"env:\n  MASTODON_TOKEN: \"${{ secrets.MSTDN }}\"\n":      true,
		"env:\n  OTHER_MASTODON_TOKEN: ${{ secrets.X }}\n":        false,
		"env:\n  MASTODON_TOKEN_2: ${{ secrets.X }}\n":            false,
		"env:\n  MASTODON_TOKEN: plain-value\n":                   false,
		"# MASTODON_TOKEN: ${{ secrets.MASTODON_TOKEN }}\n":       false,
	} {
		if got := PassesSecret([]byte(wf), "MASTODON_TOKEN"); got != want {
			t.Errorf("PassesSecret(%q) = %v, want %v", wf, got, want)
		}
	}
}
