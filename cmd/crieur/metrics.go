package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
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
	span, err := parseWindow(*window)
	if err != nil {
		fmt.Fprintf(e.stderr, "crieur metrics: --window: %v\n", err)
		return exitUsage
	}
	repo, now, err := e.openAt(*nowFlag)
	if err != nil {
		return e.fail(err)
	}
	recs, err := journal.Journal{Dir: repo.JournalDir()}.Read()
	if err != nil {
		return e.fail(err)
	}
	targets := metrics.Targets(recs, now.Add(-span))

	meters := map[string]pipeline.Meter{}
	asked := map[string]int{}
	for _, t := range targets {
		asked[t.Channel]++
	}
	code := exitOK
	for _, name := range repo.Config.ChannelOrder {
		if asked[name] == 0 {
			continue
		}
		cc := repo.Config.Channels[name]
		if why := channels.WhyNoMetrics(cc.Type); why != "" {
			fmt.Fprintf(e.stdout, "%s: no metrics (%s)\n", name, why)
			continue
		}
		ch, secrets, err := channels.Open(cc, channels.Options{Root: repo.Root, Getenv: e.getenv, Now: func() time.Time { return now }})
		e.mask(secrets)
		if err != nil {
			fmt.Fprintf(e.stderr, "crieur: %v\n", err)
			code = exitFindings
			continue
		}
		m, ok := ch.(pipeline.Meter)
		if !ok {
			fmt.Fprintf(e.stdout, "%s: no metrics (this build cannot read %s's numbers)\n", name, cc.Network)
			continue
		}
		meters[name] = m
	}
	gone := make([]string, 0, len(asked))
	for name := range asked {
		gone = append(gone, name)
	}
	sort.Strings(gone)
	for _, name := range gone {
		if _, ok := repo.Config.Channels[name]; !ok {
			fmt.Fprintf(e.stdout, "%s: no metrics (the channel is no longer in crieur.yml: %d %s not read)\n", name, asked[name], plural(asked[name], "publication", "publications"))
		}
	}

	clock := time.Now
	if *nowFlag != "" {
		clock = func() time.Time { return now } // a rehearsal: readings are dated --now
	}
	readings, outcomes := metrics.Collector{Meters: meters, Now: clock}.Collect(e.ctx, targets)
	for _, o := range outcomes {
		line := fmt.Sprintf("%s: %d of %d %s read", o.Channel, o.Read, o.Asked, plural(o.Asked, "publication", "publications"))
		if o.Err != nil {
			fmt.Fprintf(e.stderr, "crieur: %s: %v\n", o.Channel, o.Err)
			line += " (see the error above)"
			code = exitFindings
		}
		fmt.Fprintln(e.stdout, line)
	}
	if len(targets) == 0 {
		fmt.Fprintf(e.stdout, "no publication in the last %s\n", *window)
	}
	if len(readings) == 0 {
		return code
	}
	files, err := metrics.Store{Dir: repo.MetricsDir()}.Append(readings...)
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "recorded %d %s in %s\n", len(readings), plural(len(readings), "reading", "readings"), relList(repo.Root, files))
	if *noCommit {
		return code
	}
	g, err := gitrepo.Open(repo.Root)
	if err != nil {
		return e.fail(err)
	}
	hash, err := g.Commit(files, metricsCommitMessage(readings), g.Author(e.getenv), time.Now())
	if err != nil {
		return e.fail(err)
	}
	if hash != "" && *push {
		if err := e.pushRun(g, repo); err != nil {
			fmt.Fprintf(e.stderr, "crieur: push: %v\n", err)
			return exitUsage
		}
	}
	return code
}

// metricsCommitMessage says how many readings per channel.
func metricsCommitMessage(rs []pipeline.Reading) string {
	per := map[string]int{}
	for _, r := range rs {
		per[r.Channel]++
	}
	names := make([]string, 0, len(per))
	for n := range per {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "crieur: record %d metric %s\n\n", len(rs), plural(len(rs), "reading", "readings"))
	for _, n := range names {
		fmt.Fprintf(&b, "- %s: %d\n", n, per[n])
	}
	return b.String()
}

// parseWindow reads a duration in days ("30d") or as Go writes it ("72h").
func parseWindow(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		if _, err := fmt.Sscanf(d, "%d", &n); err != nil || n <= 0 || fmt.Sprint(n) != d {
			return 0, fmt.Errorf("%q is not a number of days (e.g. 30d)", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a duration (e.g. 30d or 72h)", s)
	}
	return d, nil
}

// relList writes paths relative to root, comma-separated.
func relList(root string, paths []string) string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if r, err := filepath.Rel(root, p); err == nil {
			p = filepath.ToSlash(r)
		}
		out[i] = p
	}
	return strings.Join(out, ", ")
}
