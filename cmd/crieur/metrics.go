package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/journal"
	"github.com/crieur/crieur/pipeline/metrics"
)

const metricsHelp = `
Reads the engagement of every publication younger than --window on every
channel that can tell (likes, reposts, replies, quotes, impressions,
clicks, saves: what each network reports) and appends the readings to
metrics/YYYY-MM.csv, one line per publication and reading, then commits
them: the history of a post's numbers is in git, and crieur report draws
the month from it.

The publications are the journal's (every occurrence of a recurring
post, not those taken down). Channels are read at the same time; a
rate limit is waited for up to a minute, a longer one leaves the rest for
the next run; a channel that fails does not stop the others. Channels
whose network gives no numbers (the outbox, Telegram, Discord, Slack,
webhooks) are listed with the reason.

Exit code 1 when a channel could not be read entirely (the readings that
were made are kept).
`

func runMetrics(e *env, args []string) int {
	fs := flag.NewFlagSet("metrics", flag.ContinueOnError)
	window := fs.String("window", "30d", "read publications younger than this (e.g. 7d, 30d, 90d, 72h)")
	nowFlag := fs.String("now", "", "the current time (default: now)")
	noCommit := fs.Bool("no-commit", false, "write the readings but make no git commit")
	push := fs.Bool("push", false, "push the commit to origin (with GITHUB_TOKEN); when the branch moved meanwhile, re-apply it on top")
	rest, err := parse(e, "metrics", fs, args)
	if err != nil {
		return exitFor(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "crieur metrics: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	span, err := metrics.ParseWindow(*window)
	if err != nil {
		fmt.Fprintf(e.stderr, "crieur metrics: --window: %v\n", err)
		return exitUsage
	}
	repo, now, err := e.openAt(*nowFlag)
	if err != nil {
		return e.fail(err)
	}
	r := &metrics.Recorder{Config: repo.Config, Journal: journal.Journal{Dir: repo.JournalDir()},
		Store: metrics.Store{Dir: repo.MetricsDir()}, Root: repo.Root, Window: span, Now: now,
		Open: e.meterOpener(repo.Root, now), Stdout: e.stdout, Stderr: e.stderr}
	if *nowFlag != "" {
		r.Clock = func() time.Time { return now } // a rehearsal: readings are dated --now
	}
	git := &gitCommit{e: e, root: repo.Root}
	if !*noCommit {
		r.Commit = git.commit
	}
	res, err := r.Run(e.ctx)
	if err != nil {
		return e.fail(err)
	}
	if res.Commit != "" && *push {
		if err := e.pushRun(git.repo, repo); err != nil {
			fmt.Fprintf(e.stderr, "crieur: push: %v\n", err)
			return exitUsage
		}
	}
	if res.Incomplete {
		return exitFindings
	}
	return exitOK
}

// meterOpener opens a channel's meter from the registry, or says why its
// network gives no numbers.
func (e *env) meterOpener(root string, now time.Time) func(pipeline.ChannelConfig) (pipeline.Meter, string, error) {
	return func(cc pipeline.ChannelConfig) (pipeline.Meter, string, error) {
		if why := channels.WhyNoMetrics(cc.Type); why != "" {
			return nil, why, nil
		}
		ch, secrets, err := channels.Open(cc, channels.Options{Root: root, Getenv: e.getenv, Now: func() time.Time { return now }})
		e.mask(secrets)
		if err != nil {
			return nil, "", err
		}
		m, _ := ch.(pipeline.Meter)
		return m, "", nil
	}
}

// gitCommit commits a use case's files in the content repository, which
// it opens when the use case commits (after writing its files); repo is
// then the repository, for a push.
type gitCommit struct {
	e    *env
	root string
	repo *gitrepo.Repo
}

func (c *gitCommit) commit(paths []string, message string) (string, error) {
	g, err := gitrepo.Open(c.root)
	if err != nil {
		return "", err
	}
	c.repo = g
	return g.Commit(paths, message, g.Author(c.e.getenv), time.Now())
}
