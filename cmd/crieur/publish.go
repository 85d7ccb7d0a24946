package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/publish"
)

type publishOptions struct {
	now              string
	dryRun, noCommit bool
	push             bool
	timeout          time.Duration
	tries            int
}

func (o *publishOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.now, "now", "", "publish what is due at this time instead of now, e.g. \"2026-12-01 09:30\"")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print what would go out, send and write nothing")
	fs.BoolVar(&o.noCommit, "no-commit", false, "write the state and the journal but make no git commit")
	fs.BoolVar(&o.push, "push", false, "push the commit to origin (with GITHUB_TOKEN); when the branch moved meanwhile, re-apply the state on top of it")
	fs.DurationVar(&o.timeout, "timeout", 60*time.Second, "how long to wait for a network's answer to one call")
	fs.IntVar(&o.tries, "tries", 3, "how many times a delivery is tried within the run when the network fails (no answer, 5xx, 429)")
}

func (o *publishOptions) run(e *env, args []string) error {
	if err := noArgs(args, "usage.unexpected_publish"); err != nil {
		return err
	}
	w, now, err := e.open(o.now)
	if err != nil {
		return err
	}
	if o.tries < 1 || o.timeout <= 0 {
		return usagef("usage.tries", nil)
	}
	p := &publish.Publisher{Repo: w.repo, Now: now, DryRun: o.dryRun, Progress: e.stdout, Quiet: e.said == io.Discard, Timeout: o.timeout, Tries: o.tries, Language: w.linters().Language}
	w.openChannels(p, clock(o.now, now))
	p.Lint = func(scope, all []*content.File, load []pipeline.Finding) []pipeline.Finding {
		// Publish refuses on errors only: advisory rules (grammar) run
		// only where a charter makes them errors.
		return w.linters().Lint(&linters.Context{Repo: w.repo, Now: now, ErrorsOnly: true}, scope, all, load)
	}
	if !o.dryRun && !o.noCommit {
		if err := w.committer(p); err != nil {
			return err
		}
	}
	if o.push && !o.dryRun {
		if err := w.remoteLedger(p); err != nil {
			return fmt.Errorf("%s: %w", e.say("nothing_sent", nil), err)
		}
	}
	p.InjectFaults(e.getenv("CRIEUR_FAULT"), e.ctx.Done())
	res, err := p.Run(e.ctx)
	if err != nil {
		return err
	}
	res.WriteText(e.said, e.stderr, o.dryRun, w.repo.Config.Timezone)
	w.publishSummary(res)
	if o.push && res.Commit != "" && p.Commit != nil {
		// The ledger holds what went out: main is only its copy.
		if err := w.pushOr("lost.publish"); err != nil {
			fmt.Fprintln(e.stderr, "crieur: "+e.say("main_not_pushed", with{"error": err, "lost": e.say("lost.publish", with{"branch": gitrepo.LedgerBranch})}))
		}
	}
	if n := len(res.Interrupted); n > 0 {
		return errors.New(words.Count(e.lang, "cancelled", n, nil))
	}
	if len(res.Failed) > 0 || len(res.Refused) > 0 {
		return errFindings
	}
	return nil
}

// openChannels opens crieur.yml's channels for the publisher with the
// registry; local channels date what they write with now. A channel that
// cannot be opened is reported and its deliveries fail; the others go on.
func (w *workspace) openChannels(p *publish.Publisher, now func() time.Time) {
	o := channels.Options{Root: p.Repo.Root, Getenv: w.e.getenv, Now: now}
	errs := p.OpenChannels(func(cc pipeline.ChannelConfig) (pipeline.Channel, []string, error) {
		ch, secrets, err := channels.Open(cc, o)
		w.e.mask(secrets)
		return ch, secrets, err
	})
	for _, err := range errs {
		fmt.Fprintf(w.e.stderr, "crieur: %v\n", err)
	}
}

// remoteLedger gives the publisher origin's ledger branch, fetched, to
// claim each delivery on before sending it and record what happened.
func (w *workspace) remoteLedger(p *publish.Publisher) error {
	if w.ledger == nil {
		if g, err := w.gitRepo(); err != nil || !g.HasRemote("origin") {
			return cmp.Or(err, errors.New(w.e.say("no_origin", nil)))
		}
		if err := w.readLedger(true, true); err != nil {
			return err
		}
	}
	p.Ledger = w.ledger
	return nil
}

// committer gives the publisher its commit: the git repository of the
// content, the commit the run starts from and where each post came from.
func (w *workspace) committer(p *publish.Publisher) error {
	g, err := w.gitRepo()
	if err != nil {
		return err
	}
	if g.Repaired != "" {
		fmt.Fprintf(w.e.stderr, "crieur: %s\n", g.Repaired)
	}
	// Nothing is sent that could not be committed afterwards.
	if err := g.CanCommit(); err != nil {
		return fmt.Errorf("%s: %w", w.e.say("no_commit_possible", nil), err)
	}
	if p.SourceCommit, err = g.Head(); err != nil {
		return err
	}
	p.Provenance = w.provenance()
	p.Commit = w.commit
	return nil
}

// publishSummary sets the step's outputs and job summary after a publish
// run, and annotates the refused posts' lines as lint does.
func (w *workspace) publishSummary(res *publish.Result) {
	if r := w.e.runner(); r.InActions() {
		var refused []pipeline.Finding
		for _, rf := range res.Refused {
			refused = append(refused, rf.Findings...)
		}
		for _, err := range r.ReportRun(res.Outputs(), res.Summary(w.repo.Config.Timezone), refused, w.prefix()) {
			fmt.Fprintf(w.e.stderr, "crieur: %v\n", err)
		}
	}
}
