package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"crieur": func() {
			os.Exit(runWithSignals(os.Args[1:]))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each one a
// txtar archive of files and crieur commands with what they must print.
func TestScripts(t *testing.T) {
	example, err := filepath.Abs("../../content-example")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLE", example)
			env.Setenv("GIT_AUTHOR_NAME", "Camille CM")
			env.Setenv("GIT_AUTHOR_EMAIL", "camille@example.org")
			env.Setenv("GIT_COMMITTER_NAME", "Camille CM")
			env.Setenv("GIT_COMMITTER_EMAIL", "camille@example.org")
			env.Setenv("HOME", env.WorkDir)
			return setupServices(env)
		},
		Condition:     servicesCondition,
		Cmds:          mergeCmds(serviceCmds, githubCmds, runnerCmds),
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
	})
}

// Every command but version has its help text, and every help text is a
// command's.
func TestHelpTexts(t *testing.T) {
	names := map[string]bool{}
	for _, c := range commands() {
		names[c.name] = true
		if _, err := helpTexts.ReadFile("help/" + c.name + ".txt"); err != nil && c.name != "version" {
			t.Errorf("crieur %s has no help/%s.txt", c.name, c.name)
		}
	}
	files, _ := helpTexts.ReadDir("help")
	for _, f := range files {
		if name := strings.TrimSuffix(f.Name(), ".txt"); !names[name] && name != "crieur" {
			t.Errorf("help/%s is the help of no command", f.Name())
		}
	}
}
