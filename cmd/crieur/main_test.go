package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// Every command but version has its help text, in English and in every
// translation (help/fr, help/nl), naming the same --flags; and every help
// text is a command's.
func TestHelpTexts(t *testing.T) {
	names := map[string]bool{"crieur": true}
	for _, c := range commands() {
		names[c.name] = c.name != "version"
	}
	for name, has := range names {
		english, err := texts.ReadFile("help/" + name + ".txt")
		if !has {
			continue
		} else if err != nil {
			t.Errorf("crieur %s has no help/%s.txt", name, name)
		}
		for _, lang := range []string{"fr", "nl"} {
			text, err := texts.ReadFile("help/" + lang + "/" + name + ".txt")
			if err != nil {
				t.Errorf("crieur %s has no help/%s/%s.txt", name, lang, name)
			} else if got, want := helpFlags(text), helpFlags(english); got != want {
				t.Errorf("help/%s/%s.txt names %s; help/%s.txt names %s", lang, name, got, name, want)
			} else if name == "crieur" && !strings.Contains(string(text), "\n{commands}\n") {
				t.Errorf("help/%s/crieur.txt has lost its {commands} line", lang)
			}
		}
	}
	for _, dir := range []string{"help", "help/fr", "help/nl"} {
		files, _ := texts.ReadDir(dir)
		for _, f := range files {
			if name := strings.TrimSuffix(f.Name(), ".txt"); !f.IsDir() && !names[name] {
				t.Errorf("%s/%s is the help of no command", dir, f.Name())
			}
		}
	}
}

// helpFlags is the --flags a help text names, sorted, once each.
func helpFlags(text []byte) string {
	flags := regexp.MustCompile(`--[a-z][a-z-]*`).FindAllString(string(text), -1)
	slices.Sort(flags)
	return strings.Join(slices.Compact(flags), " ")
}
