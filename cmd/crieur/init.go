package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/crieur/crieur/linters/schedule"
	"github.com/crieur/crieur/pipeline/github/workflows"
)

type initOptions struct{ force bool }

func (o *initOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.force, "force", false, "replace workflows that already exist")
}

func (o *initOptions) run(e *env, args []string) error {
	if err := noArgs(args, ""); err != nil {
		return err
	}
	w, err := e.workspace()
	if err != nil {
		return err
	}
	g, err := w.gitRepo()
	if err != nil {
		return err
	}
	dir := strings.TrimSuffix(w.prefix(), "/")
	if dir == "" {
		dir = "."
	}
	data := workflows.DataFor(w.repo.Config, dir)
	data.Action = workflows.ActionFor(currentBuild())
	data.Cadence = schedule.Cadence(w.repo)
	written, err := workflows.Write(g.Root, data, o.force)
	for _, p := range written {
		rel, _ := filepath.Rel(g.Root, p)
		fmt.Fprintf(e.stdout, "wrote %s\n", filepath.ToSlash(rel))
	}
	if errors.Is(err, workflows.ErrExists) {
		fmt.Fprintf(e.stderr, "crieur init: %v\n", err)
		return nil
	}
	if err != nil {
		return err
	}
	if len(written) > 0 {
		fmt.Fprintln(e.stdout, data.Cost())
		fmt.Fprintln(e.stdout, "next: commit them, and create the repository secrets the publish job names (Settings → Secrets and variables → Actions)")
	}
	return nil
}
