package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels"
	"github.com/crieur/crieur/pipeline/metrics"
)

type metricsOptions struct {
	window, now    string
	noCommit, push bool
}

func (o *metricsOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.window, "window", "30d", "read publications younger than this (e.g. 7d, 30d, 90d, 72h)")
	fs.StringVar(&o.now, "now", "", "the current time (default: now)")
	fs.BoolVar(&o.noCommit, "no-commit", false, "write the readings but make no git commit")
	fs.BoolVar(&o.push, "push", false, "push the commit to origin (with GITHUB_TOKEN); when the branch moved meanwhile, re-apply it on top")
}

func (o *metricsOptions) run(e *env, args []string) error {
	if err := noArgs(args, ""); err != nil {
		return err
	}
	span, err := metrics.ParseWindow(o.window, e.lang)
	if err != nil {
		return usagef("usage.window", with{"error": err})
	}
	w, now, err := e.open(o.now)
	if err != nil {
		return err
	}
	repo := w.repo
	r := &metrics.Recorder{Config: repo.Config, Journal: repo.Journal(),
		Store: metrics.Store{Dir: repo.MetricsDir()}, Root: repo.Root, Window: span, Now: now,
		Open: w.meterOpener(now), Clock: clock(o.now, now), Stdout: e.said, Stderr: e.stderr, Language: repo.Language}
	if !o.noCommit {
		r.Commit = w.commit
	}
	res, err := r.Run(e.ctx)
	if err != nil {
		return err
	}
	if res.Commit != "" && o.push {
		if err := w.pushOr("lost.metrics"); err != nil {
			return fmt.Errorf("push: %w", err)
		}
	}
	if res.Incomplete {
		return errFindings
	}
	return nil
}

// meterOpener opens a channel's meter from the registry, or says why its
// network gives no numbers.
func (w *workspace) meterOpener(now time.Time) func(pipeline.ChannelConfig) (pipeline.Meter, string, error) {
	return func(cc pipeline.ChannelConfig) (pipeline.Meter, string, error) {
		if why := channels.WhyNoMetrics(cc.Type); why != "" {
			return nil, why, nil
		}
		ch, secrets, err := channels.Open(cc, channels.Options{Root: w.repo.Root, Getenv: w.e.getenv, Now: func() time.Time { return now }})
		w.e.mask(secrets)
		if err != nil {
			return nil, "", err
		}
		m, _ := ch.(pipeline.Meter)
		return m, "", nil
	}
}
