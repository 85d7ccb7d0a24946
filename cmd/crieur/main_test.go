package main

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"crieur": func() {
			// As main does: SIGINT and SIGTERM cancel the run.
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
			stop()
			os.Exit(code)
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
		Cmds:          mergeCmds(serviceCmds, githubCmds),
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
	})
}
