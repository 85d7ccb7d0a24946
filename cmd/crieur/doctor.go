package main

import (
	"os"
	"path/filepath"
	"time"

	"github.com/crieur/crieur/linters/grammar"
	"github.com/crieur/crieur/linters/spelling"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/doctor"
	"github.com/crieur/crieur/pipeline/github/workflows"
)

type doctorOptions struct{ noFlags }

func (doctorOptions) run(e *env, args []string) error {
	if err := noArgs(args, ""); err != nil {
		return err
	}
	w, err := e.workspace()
	if err != nil {
		return err
	}
	in := doctor.Input{Repo: w.repo, Getenv: e.getenv, Now: time.Now(), Grammar: func() error { return grammar.Available("") },
		Dictionary: func(lang string) (string, string) { return spelling.Available(lang, e.getenv, w.linters().Language) }}
	if data, g, err := w.workflowData(); err == nil {
		files, _ := g.LedgerFiles("origin")
		in.InGit, in.HasRemote, in.HasLedger = true, g.HasRemote("origin"), len(files) > 0
		in.Workflow, _ = os.ReadFile(filepath.Join(g.Root, filepath.FromSlash(content.PublishWorkflow)))
		rendered, err := workflows.Render(data)
		if err != nil {
			return err
		}
		in.Expected = rendered["crieur.yml"]
	}
	if doctor.Write(e.stdout, doctor.Run(in)) > 0 {
		return errFindings
	}
	return nil
}
