package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/publish"
)

type freezeOptions struct {
	until, reason, now string
	noCommit           bool
}

func (o *freezeOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.until, "until", "", "end of the freeze, e.g. \"2026-12-03 09:00\" (default: until crieur unfreeze)")
	fs.StringVar(&o.reason, "reason", "", "why, for the team and the record")
	fs.StringVar(&o.now, "now", "", "start the freeze at this time instead of now")
	fs.BoolVar(&o.noCommit, "no-commit", false, "write freeze.yml but make no git commit")
}

func (o *freezeOptions) run(e *env, args []string) error {
	if err := noArgs(args, "usage.unexpected_freeze"); err != nil {
		return err
	}
	w, now, err := e.open(o.now)
	if err != nil {
		return err
	}
	loc := w.repo.Config.Timezone
	f, err := pipeline.NewFreeze(now, o.until, o.reason, loc)
	if err != nil {
		return err
	}
	if !o.noCommit {
		g, err := w.gitRepo()
		if err != nil {
			return err
		}
		f.By = g.Author(e.getenv).Name
	}
	path := w.repo.Abs(content.FreezeFile)
	if err := content.WriteFile(path, content.FormatFreeze(f, loc)); err != nil {
		return err
	}
	fmt.Fprintln(e.said, publish.FreezeLineIn(f, loc, w.linters().Language))
	if o.noCommit {
		return nil
	}
	return w.commitFreeze(path, publish.FreezeMessage(f, loc))
}

type unfreezeOptions struct{ noCommit bool }

func (o *unfreezeOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.noCommit, "no-commit", false, "remove freeze.yml but make no git commit")
}

func (o *unfreezeOptions) run(e *env, args []string) error {
	if err := noArgs(args, ""); err != nil {
		return err
	}
	w, err := e.workspace()
	if err != nil {
		return err
	}
	path := w.repo.Abs(content.FreezeFile)
	if err := os.Remove(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(e.said, e.say("not_frozen", nil))
		return nil
	} else if err != nil {
		return err
	}
	fmt.Fprintln(e.said, e.say("resumes", nil))
	if o.noCommit {
		return nil
	}
	return w.commitFreeze(path, publish.UnfreezeMessage)
}

// commitFreeze commits freeze.yml's change and says to push it.
func (w *workspace) commitFreeze(path, msg string) error {
	hash, err := w.commit([]string{path}, msg)
	if err != nil {
		return err
	}
	if hash != "" {
		fmt.Fprintln(w.e.said, w.e.say("committed_freeze", with{"commit": hash[:12]}))
	}
	return nil
}
