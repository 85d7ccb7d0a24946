package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// In GitHub Actions, a post's file name (or text, or a network's message)
// cannot emit a workflow command: the only commands on the standard
// output are crieur's own, and the text around them is escaped.
func TestNoWorkflowCommandFromUserText(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Skipf("this file system refuses the name: %v", err)
		}
	}
	write("crieur.yml", "timezone: Europe/Brussels\nchannels:\n  local:\n    type: outbox\n")
	write("posts/a\n::error file=evil.md,line=1::pwned\n##[set-output name=x;]y.md", "---\npublish_at: 2026-12-01 09:30\nchannels: [nowhere]\n---\nBonjour.\n")
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": filepath.Join(dir, "out"), "GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary")}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-C", dir, "lint", "--now", "2026-11-20 10:00"}, nil, &stdout, &stderr, func(k string) string { return env[k] })
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFindings, stderr.String())
	}
	if !strings.Contains(stdout.String(), "pwned") {
		t.Fatalf("the finding on the file is not printed:\n%s", stdout.String())
	}
	for _, out := range []string{stdout.String(), stderr.String()} {
		for _, line := range strings.Split(out, "\n") {
			trimmed := strings.TrimLeft(line, " \t")
			switch {
			case strings.HasPrefix(trimmed, "::error file=evil.md"):
				t.Errorf("a command made of the file name got through: %q", line)
			case strings.HasPrefix(trimmed, "::"):
				// crieur's own annotation: the runner reads it as one
				// command, its file property escaped (%0A, %3A, %2C).
			case strings.Contains(line, "##["):
				t.Errorf("an old-style command got through: %q", line)
			}
		}
	}
}
