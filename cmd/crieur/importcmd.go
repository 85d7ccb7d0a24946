package main

import (
	"errors"
	"flag"
	"os"
	"path/filepath"

	"github.com/crieur/crieur/pipeline/calendar"
	"github.com/crieur/crieur/pipeline/fix"
)

type importOptions struct {
	dryRun bool
	now    string
}

func (o *importOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.dryRun, "dry-run", false, "print what would change, as a unified diff per post file; write nothing")
	fs.StringVar(&o.now, "now", "", "the current time, against which a past time is warned of (default: now)")
}

func (o *importOptions) run(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("usage.csv_file", nil)
	}
	w, now, err := e.open(o.now)
	if err != nil {
		return err
	}
	name := args[0]
	fh, err := os.Open(name)
	if err != nil && !filepath.IsAbs(name) {
		fh, err = os.Open(filepath.Join(e.dir, name))
	}
	if err != nil {
		return err
	}
	defer fh.Close()
	im := &calendar.Importer{Repo: w.repo, Now: now, Diff: fix.Diff, DryRun: o.dryRun, Stdout: e.stdout, Stderr: e.stderr}
	if err := im.Run(name, fh); errors.Is(err, calendar.ErrRefused) {
		return errFindings
	} else if err != nil {
		return err
	}
	return nil
}
