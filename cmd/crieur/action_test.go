package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// action.yml runs the binary with the command its input names: every
// command the Action accepts must be one crieur has, and the ones that
// commit must commit as the Actions bot.
func TestActionCommands(t *testing.T) {
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs  map[string]struct{ Default string }
		Outputs map[string]struct{ Value string }
		Runs    struct {
			Using string
			Steps []struct {
				ID  string
				Run string
			}
		}
	}
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q", action.Runs.Using)
	}
	var script string
	for _, s := range action.Runs.Steps {
		if s.ID == "run" {
			script = s.Run
		}
	}
	if script == "" {
		t.Fatal("action.yml has no step with id run")
	}
	known := map[string]bool{}
	for _, c := range commands() {
		known[c.name] = true
	}
	var accepted []string
	for _, m := range regexp.MustCompile(`(?m)^\s*([a-z|]+)\)`).FindAllStringSubmatch(script, -1) {
		accepted = append(accepted, strings.Split(m[1], "|")...)
	}
	for _, want := range []string{"lint", "publish", "metrics", "report", "plan"} {
		found := false
		for _, a := range accepted {
			found = found || a == want
		}
		if !found {
			t.Errorf("the Action does not accept command %s (accepts %v)", want, accepted)
		}
	}
	for _, a := range accepted {
		if !known[a] {
			t.Errorf("the Action accepts %q, which crieur does not have", a)
		}
	}
	// Whoever can dispatch a workflow may write its args: they are split
	// into words, never globbed, evaluated or expanded unquoted.
	args := exec.Command("bash", "-c", script)
	bin := filepath.Join(t.TempDir(), "crieur")
	args.Env = []string{"CRIEUR_COMMAND=plan", "CRIEUR_ARGS=--month * $(touch pwned) last", "CRIEUR_BIN=" + bin, "GITHUB_OUTPUT=/dev/null"}
	args.Dir = t.TempDir()
	os.WriteFile(filepath.Join(args.Dir, "a-file"), nil, 0o644)
	echo := "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n"
	if err := os.WriteFile(bin, []byte(echo), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := args.CombinedOutput()
	if err != nil {
		t.Fatalf("the run step: %v\n%s", err, got)
	}
	if want := "[plan]\n[--month]\n[*]\n[$(touch]\n[pwned)]\n[last]\n"; string(got) != want {
		t.Errorf("args reach crieur as %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(args.Dir, "pwned")); err == nil {
		t.Error("args were evaluated")
	}
	for _, out := range []string{"exit-code", "findings", "errors", "published", "failed", "journal"} {
		if !strings.Contains(action.Outputs[out].Value, "steps.run.outputs."+out) {
			t.Errorf("output %s = %q", out, action.Outputs[out].Value)
		}
	}
}
