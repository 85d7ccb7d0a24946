package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"syscall"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/github"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/publish"
)

const publishHelp = `
Publishes every post whose publish_at has come and that has not gone out
on all its channels, then writes the result back into each post's front
matter (status and publications), appends it to the journal
(journal/YYYY-MM.jsonl) and makes one git commit listing what went out.

A post with an error-level finding is refused and reported; the others
still go. A network that does not answer, answers 5xx or 429 is tried again within
the run (--tries, waiting 2 s then 4 s, or what its Retry-After asks, up
to 2 minutes); when the post may have gone out despite the error (the
answer was lost), the network is asked first, and a network that cannot
be asked is not sent to again: the post is marked for a human to check.
A channel that still fails is recorded as failed with the reason and
retried on later runs (after 15 min, then 30 min, doubling up to 6 h, at
most 5 attempts); the others still go. Nothing goes out twice: each
delivery has a key, an intent is recorded before each network call, and a
run that was killed is recovered by the next one. Two runs on the same
checkout wait for each other.

Secrets are read from the environment variables named in crieur.yml and
never printed.
`

func runPublish(e *env, args []string) int {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	nowFlag := fs.String("now", "", "publish what is due at this time instead of now, e.g. \"2026-12-01 09:30\"")
	dry := fs.Bool("dry-run", false, "print what would go out, send and write nothing")
	noCommit := fs.Bool("no-commit", false, "write the state and the journal but make no git commit")
	push := fs.Bool("push", false, "push the commit to origin (with GITHUB_TOKEN); when the branch moved meanwhile, re-apply the state on top of it")
	timeout := fs.Duration("timeout", 60*time.Second, "how long to wait for a network's answer to one call")
	tries := fs.Int("tries", 3, "how many times a delivery is tried within the run when the network fails (no answer, 5xx, 429)")
	rest, err := parse(e, "publish", fs, args)
	if err != nil {
		return exitFor(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "crieur publish: unexpected argument %q (publish takes no paths: it publishes what is due)\n", rest[0])
		return exitUsage
	}
	repo, now, err := e.openAt(*nowFlag)
	if err != nil {
		return e.fail(err)
	}
	if *tries < 1 || *timeout <= 0 {
		fmt.Fprintln(e.stderr, "crieur publish: --tries must be 1 or more and --timeout positive")
		return exitUsage
	}
	p := &publish.Publisher{Repo: repo, Now: now, DryRun: *dry, Progress: e.stdout, Timeout: *timeout, Tries: *tries}
	e.openChannels(p, *nowFlag != "")
	p.Lint = func(scope, all []*content.File, load []pipeline.Finding) []pipeline.Finding {
		return linters.New().Lint(&linters.Context{Repo: repo, Now: now}, scope, all, load)
	}
	if !*dry && !*noCommit {
		if err := e.committer(p); err != nil {
			return e.fail(err)
		}
	}
	if e.getenv("CRIEUR_FAULT") == "kill-after-send" {
		// Fault injection for the exactly-once tests: die like a killed
		// runner right after the network accepted the first post.
		p.AfterSend = func(pipeline.Delivery) { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
	}
	res, err := p.Run(e.ctx)
	if err != nil {
		return e.fail(err)
	}
	e.loc = repo.Config.Timezone
	res.WriteText(e.stdout, e.stderr, *dry, e.loc)
	e.actionPublish(res)
	if *push && res.Commit != "" && p.Commit != nil {
		if err := e.pushContent(repo); err != nil {
			fmt.Fprintf(e.stderr, "crieur: push: %v\n", err)
			return exitUsage
		}
	}
	if len(res.Failed) > 0 || len(res.Refused) > 0 {
		return exitFindings
	}
	return exitOK
}

// openChannels opens crieur.yml's channels for the publisher with the
// registry. In a rehearsal (--now), local channels date what they write
// with the publisher's time. A channel that cannot be opened is reported
// and its deliveries fail; the others go on.
func (e *env) openChannels(p *publish.Publisher, rehearsal bool) {
	o := channels.Options{Root: p.Repo.Root, Getenv: e.getenv, Now: time.Now}
	if rehearsal {
		now := p.Now
		o.Now = func() time.Time { return now }
	}
	errs := p.OpenChannels(func(cc pipeline.ChannelConfig) (pipeline.Channel, []string, error) {
		ch, secrets, err := channels.Open(cc, o)
		e.mask(secrets)
		return ch, secrets, err
	})
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "crieur: %v\n", err)
	}
}

// committer gives the publisher its commit: the git repository of the
// content, the commit the run starts from and where each post came from.
func (e *env) committer(p *publish.Publisher) error {
	g, err := gitrepo.Open(p.Repo.Root)
	if err != nil {
		return err
	}
	if p.SourceCommit, err = g.Head(); err != nil {
		return err
	}
	who := g.Author(e.getenv)
	p.Provenance = e.provenance(g, gitPrefix(p.Repo))
	p.Commit = func(paths []string, msg string) (string, error) {
		return g.Commit(paths, msg, who, time.Now())
	}
	return nil
}

// pushContent pushes the content repository's commit (pushRun).
func (e *env) pushContent(repo *content.Repo) error {
	g, err := gitrepo.Open(repo.Root)
	if err != nil {
		return err
	}
	return e.pushRun(g, repo)
}

// actionPublish sets the step's outputs and job summary after a publish
// run: counts, and the journal entries of what went out.
func (e *env) actionPublish(res *publish.Result) {
	r := github.NewRunner(e.getenv, io.Discard)
	if !r.InActions() {
		return
	}
	outputs := res.Outputs()
	for _, name := range slices.Sorted(maps.Keys(outputs)) {
		r.SetOutput(name, outputs[name])
	}
	r.Summary(res.Summary(e.loc))
}
