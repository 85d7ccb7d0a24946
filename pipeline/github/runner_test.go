package github

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

func TestAnnotate(t *testing.T) {
	findings := []pipeline.Finding{
		{Path: "posts/2024-05-02-launch.md", Line: 12, Col: 5, EndLine: 12, EndCol: 9, Rule: "typo.nbsp",
			Severity: pipeline.Error, Message: "Espace insécable manquant avant « ! »"},
		{Path: "posts/2024-05-02-launch.md", Line: 3, Col: 1, EndLine: 5, EndCol: 2, Rule: "charte.length",
			Severity: pipeline.Warning, Message: "too long for x: 312 characters of 280", Hint: "Cut the second sentence."},
		{Path: "crieur.yml", Rule: "schema", Severity: pipeline.Suggestion, Message: "100% of posts have a date"},
		{Path: "posts/a,b.md", Line: 7, Col: 3, Rule: "spelling:fr", Severity: pipeline.Error, Message: "unknown word"},
		{Path: "posts/off.md", Line: 1, Rule: "tone", Severity: 0, Message: "a rule turned off"},
	}
	var log bytes.Buffer
	if err := NewRunner(runnerEnv(nil), &log).Annotate(findings); err != nil {
		t.Fatal(err)
	}
	// go-githubactions writes the properties in alphabetical order and
	// escapes them (%, CR, LF, ':' and ','), and the message (%, CR, LF).
	want := strings.Join([]string{
		"::error col=5,endColumn=9,file=posts/2024-05-02-launch.md,line=12,title=typo.nbsp::Espace insécable manquant avant « ! »",
		"::warning endLine=5,file=posts/2024-05-02-launch.md,line=3,title=charte.length::too long for x: 312 characters of 280%0ACut the second sentence.",
		"::notice file=crieur.yml,title=schema::100%25 of posts have a date",
		"::error col=3,file=posts/a%2Cb.md,line=7,title=spelling%3Afr::unknown word",
	}, "\n") + "\n"
	if got := log.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("stdout closed") }

func TestAnnotateBrokenLogIsAnError(t *testing.T) {
	err := NewRunner(runnerEnv(nil), brokenWriter{}).Annotate([]pipeline.Finding{{Path: "a.md", Line: 1, Severity: pipeline.Error, Message: "m"}})
	if err == nil || !strings.Contains(err.Error(), "stdout closed") {
		t.Errorf("err = %v, want the write error", err)
	}
}

func TestSummaryAndOutput(t *testing.T) {
	dir := t.TempDir()
	summary := filepath.Join(dir, "step_summary_1")
	output := filepath.Join(dir, "set_output_1")
	if err := os.WriteFile(summary, []byte("# Earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	r := NewRunner(runnerEnv(map[string]string{"GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": output}), &log)

	for _, md := range []string{"## crieur lint\n\n2 errors", "| file | line |\n| --- | --- |"} {
		if err := r.Summary(md); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.SetOutput("exit-code", "1"); err != nil {
		t.Fatal(err)
	}
	if err := r.SetOutput("report", "line one\nline two"); err != nil {
		t.Fatal(err)
	}

	got, _ := os.ReadFile(summary)
	if want := "# Earlier step\n## crieur lint\n\n2 errors\n| file | line |\n| --- | --- |\n"; string(got) != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	got, _ = os.ReadFile(output)
	const d = "_GitHubActionsFileCommandDelimeter_"
	if want := "exit-code<<" + d + "\n1\n" + d + "\nreport<<" + d + "\nline one\nline two\n" + d + "\n"; string(got) != want {
		t.Errorf("output %q, want %q", got, want)
	}
	if log.Len() != 0 {
		t.Errorf("file commands wrote to the log: %q", log.String())
	}
}

// Outside Actions the files are not set: go-githubactions would panic
// (it opens ""), the Runner does nothing.
func TestSummaryAndOutputUnset(t *testing.T) {
	t.Chdir(t.TempDir())
	var log bytes.Buffer
	r := NewRunner(runnerEnv(map[string]string{"GITHUB_STEP_SUMMARY": "", "GITHUB_OUTPUT": ""}), &log)
	if err := r.Summary("## crieur"); err != nil {
		t.Errorf("Summary: %v", err)
	}
	if err := r.SetOutput("exit-code", "0"); err != nil {
		t.Errorf("SetOutput: %v", err)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 || log.Len() != 0 {
		t.Errorf("something was written: %v %q", entries, log.String())
	}
}

func TestSummaryUnwritableIsAnError(t *testing.T) {
	dir := t.TempDir() // a directory cannot be appended to
	r := NewRunner(runnerEnv(map[string]string{"GITHUB_STEP_SUMMARY": dir, "GITHUB_OUTPUT": dir}), &bytes.Buffer{})
	if err := r.Summary("x"); err == nil {
		t.Errorf("Summary into a directory: no error")
	}
	if err := r.SetOutput("k", "v"); err == nil {
		t.Errorf("SetOutput into a directory: no error")
	}
}

func TestMask(t *testing.T) {
	var log bytes.Buffer
	r := NewRunner(runnerEnv(nil), &log)
	if err := r.Mask("-----BEGIN KEY-----\r\nabc%def\n\n-----END KEY-----\n"); err != nil {
		t.Fatal(err)
	}
	want := "::add-mask::-----BEGIN KEY-----\n::add-mask::abc%25def\n::add-mask::-----END KEY-----\n"
	if log.String() != want {
		t.Errorf("got %q, want %q", log.String(), want)
	}
}

func TestInActions(t *testing.T) {
	if !NewRunner(runnerEnv(nil), &bytes.Buffer{}).InActions() {
		t.Errorf("GITHUB_ACTIONS=true: not in Actions")
	}
	if NewRunner(func(string) string { return "" }, &bytes.Buffer{}).InActions() {
		t.Errorf("empty environment: in Actions")
	}
}
