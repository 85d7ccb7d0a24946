package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/publish"
)

const freezeHelp = `
Stops publishing, for a crisis: writes freeze.yml at the content root and
commits it. Every crieur publish run honours it: nothing goes out while
it holds (due posts wait, and are listed as held), but retractions still
go out (status: retracted). crieur lint shows the freeze on every post it
holds. Push the commit (or let the workflow do it) for the runner to see
it. Without --until the freeze lasts until crieur unfreeze.
`

const unfreezeHelp = `
Lifts the freeze: removes freeze.yml and commits. Posts that were held go
out at the next publish run; crieur lint --now shows which are late
(schedule.past_due) so that you can move or drop them first.
`

func runFreeze(e *env, args []string) int {
	fs := flag.NewFlagSet("freeze", flag.ContinueOnError)
	until := fs.String("until", "", "end of the freeze, e.g. \"2026-12-03 09:00\" (default: until crieur unfreeze)")
	reason := fs.String("reason", "", "why, for the team and the record")
	nowFlag := fs.String("now", "", "start the freeze at this time instead of now")
	noCommit := fs.Bool("no-commit", false, "write freeze.yml but make no git commit")
	rest, err := parse(e, "freeze", fs, args)
	if err != nil {
		return exitFor(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "crieur freeze: unexpected argument %q (give the reason with --reason \"...\")\n", rest[0])
		return exitUsage
	}
	repo, now, err := e.openAt(*nowFlag)
	if err != nil {
		return e.fail(err)
	}
	f := &pipeline.Freeze{Since: now.Truncate(time.Minute), Reason: *reason}
	if *until != "" {
		if f.Until, err = parseTimeFlag(*until, repo.Config.Timezone); err != nil {
			return e.fail(fmt.Errorf("--until: %w", err))
		}
		if !f.Until.After(f.Since) {
			return e.fail(fmt.Errorf("--until %s is not after the start of the freeze (%s)", f.Until.Format("2006-01-02 15:04"), f.Since.Format("2006-01-02 15:04")))
		}
	}
	var g *gitrepo.Repo
	if !*noCommit {
		if g, err = gitrepo.Open(repo.Root); err != nil {
			return e.fail(err)
		}
		f.By = g.Author(e.getenv).Name
	}
	path := repo.Abs(content.FreezeFile)
	if err := content.WriteFile(path, content.FormatFreeze(f, repo.Config.Timezone)); err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.stdout, publish.FreezeLine(f, repo.Config.Timezone))
	if g == nil {
		return exitOK
	}
	return e.commit(g, path, publish.FreezeMessage(f, repo.Config.Timezone))
}

func runUnfreeze(e *env, args []string) int {
	fl := flag.NewFlagSet("unfreeze", flag.ContinueOnError)
	noCommit := fl.Bool("no-commit", false, "remove freeze.yml but make no git commit")
	rest, err := parse(e, "unfreeze", fl, args)
	if err != nil {
		return exitFor(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "crieur unfreeze: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	repo, err := content.Open(e.dir)
	if err != nil {
		return e.fail(err)
	}
	path := repo.Abs(content.FreezeFile)
	if err := os.Remove(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(e.stdout, "publishing is not frozen")
		return exitOK
	} else if err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.stdout, "publishing resumes at the next crieur publish")
	if *noCommit {
		return exitOK
	}
	g, err := gitrepo.Open(repo.Root)
	if err != nil {
		return e.fail(err)
	}
	return e.commit(g, path, publish.UnfreezeMessage)
}

func (e *env) commit(g *gitrepo.Repo, path, msg string) int {
	hash, err := g.Commit([]string{path}, msg, g.Author(e.getenv), time.Now())
	if err != nil {
		return e.fail(err)
	}
	if hash != "" {
		fmt.Fprintf(e.stdout, "committed %s: push it for the publishing workflow to see it\n", hash[:12])
	}
	return exitOK
}
