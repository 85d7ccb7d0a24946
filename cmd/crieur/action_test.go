package main

import (
	"os"
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
	for _, out := range []string{"exit-code", "findings", "errors", "published", "failed", "journal"} {
		if !strings.Contains(action.Outputs[out].Value, "steps.run.outputs."+out) {
			t.Errorf("output %s = %q", out, action.Outputs[out].Value)
		}
	}
}
