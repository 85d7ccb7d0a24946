package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/github"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/journal"
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
	clock := time.Now
	if *nowFlag != "" {
		clock = func() time.Time { return now } // a rehearsal: local channels date what they write with --now
	}
	if *tries < 1 || *timeout <= 0 {
		fmt.Fprintln(e.stderr, "crieur publish: --tries must be 1 or more and --timeout positive")
		return exitUsage
	}
	p := &publish.Publisher{Repo: repo, Now: now, DryRun: *dry, Progress: e.stdout, Channels: map[string]pipeline.Channel{}, Unavailable: map[string]error{},
		Timeout: *timeout, Tries: *tries}
	for _, name := range repo.Config.ChannelOrder {
		ch, secrets, err := channels.Open(repo.Config.Channels[name], channels.Options{Root: repo.Root, Getenv: e.getenv, Now: clock})
		e.mask(secrets)
		p.Secrets = append(p.Secrets, secrets...)
		if err != nil {
			// The channel's deliveries fail and are recorded with
			// this reason; the other channels go on.
			fmt.Fprintf(e.stderr, "crieur: %v\n", err)
			p.Unavailable[name] = err
			continue
		}
		p.Channels[name] = ch
	}
	p.Lint = func(scope, all []*content.File, load []pipeline.Finding) []pipeline.Finding {
		return linters.New().Lint(&linters.Context{Repo: repo, Now: now}, scope, all, load)
	}
	if !*dry && !*noCommit {
		g, err := gitrepo.Open(repo.Root)
		if err != nil {
			return e.fail(err)
		}
		if p.SourceCommit, err = g.Head(); err != nil {
			return e.fail(err)
		}
		who := g.Author(e.getenv)
		p.Provenance = e.provenance(g, gitPrefix(repo))
		p.Commit = func(paths []string, msg string) (string, error) {
			return g.Commit(paths, msg, who, time.Now())
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
	code := printResult(e, res, *dry)
	e.actionPublish(res)
	if *push && res.Commit != "" && p.Commit != nil {
		g, err := gitrepo.Open(repo.Root)
		if err == nil {
			err = e.pushRun(g, repo)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "crieur: push: %v\n", err)
			return exitUsage
		}
	}
	return code
}

func printResult(e *env, res *publish.Result, dry bool) int {
	w := e.stdout
	if dry {
		for _, d := range res.Planned {
			fmt.Fprintf(w, "would publish %s → %s (%s)\n", d.Post.Path, d.Channel, d.Occurrence.Format("2006-01-02 15:04"))
		}
		fmt.Fprintf(w, "dry run: %d %s due, %d refused\n", len(res.Planned), plural(len(res.Planned), "publication", "publications"), len(res.Refused))
	}
	for _, r := range res.Refused {
		for _, f := range r.Findings {
			fmt.Fprintf(e.stderr, "%s\n", f)
		}
	}
	if res.Frozen != nil {
		fmt.Fprintf(w, "%s: %d %s held\n", publish.FreezeLine(res.Frozen, e.loc), len(res.Held), plural(len(res.Held), "delivery", "deliveries"))
	}
	if !dry {
		switch {
		case len(res.Published)+len(res.Failed)+len(res.Recovered)+len(res.Retracted) == 0 && len(res.Refused) == 0:
			if res.Frozen == nil {
				fmt.Fprintln(w, "nothing is due")
			}
		default:
			retracted := ""
			if len(res.Retracted) > 0 {
				retracted = fmt.Sprintf(", %d retracted", len(res.Retracted))
			}
			fmt.Fprintf(w, "%d published, %d failed, %d recovered, %d %s refused%s\n", len(res.Published), len(res.Failed), len(res.Recovered), len(res.Refused), plural(len(res.Refused), "post", "posts"), retracted)
		}
		if res.Commit != "" {
			fmt.Fprintf(w, "committed %s\n", res.Commit[:12])
		}
	}
	if len(res.Failed) > 0 || len(res.Refused) > 0 {
		return exitFindings
	}
	return exitOK
}

// actionPublish sets the step's outputs and job summary after a publish
// run: counts, and the journal entries of what went out.
func (e *env) actionPublish(res *publish.Result) {
	r := github.NewRunner(e.getenv, io.Discard)
	if !r.InActions() {
		return
	}
	r.SetOutput("published", strconv.Itoa(len(res.Published)))
	r.SetOutput("failed", strconv.Itoa(len(res.Failed)))
	var lines []string
	var md strings.Builder
	md.WriteString("## crieur publish\n\n")
	fmt.Fprintf(&md, "%d published, %d failed, %d recovered, %d retracted.\n\n", len(res.Published), len(res.Failed), len(res.Recovered), len(res.Retracted))
	if res.Frozen != nil {
		fmt.Fprintf(&md, "> [!WARNING]\n> %s: %d held.\n\n", publish.FreezeLine(res.Frozen, e.loc), len(res.Held))
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(&md, "> [!WARNING]\n> %s\n\n", w)
	}
	if len(res.Published)+len(res.Failed)+len(res.Retracted) > 0 {
		md.WriteString("| post | channel | what | where |\n| --- | --- | --- | --- |\n")
	}
	for _, group := range [][]journal.Record{res.Published, res.Recovered, res.Retracted, res.Failed} {
		for _, rec := range group {
			b, _ := json.Marshal(rec)
			lines = append(lines, string(b))
			where := rec.URL
			if rec.Error != "" {
				where = rec.Error
			}
			fmt.Fprintf(&md, "| `%s` | %s | %s | %s |\n", rec.Post, rec.Channel, rec.Action, strings.ReplaceAll(where, "|", "\\|"))
		}
	}
	r.SetOutput("journal", strings.Join(lines, "\n"))
	r.Summary(md.String())
}
