package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/metrics"
	"github.com/crieur/crieur/pipeline/publish"
)

// pushGrace is how long a cancelled run may still take to push what
// went out. GitHub Actions sends a cancelled job SIGINT, SIGTERM 7.5 s
// later and SIGKILL 2.5 s after that: a call under way gets
// publish.Publisher.Grace (2 s), the commit is local, the push 4 s, all
// within graceAfterSignal (7 s), before the SIGTERM.
const pushGrace = 4 * time.Second

// push pushes the run's commit to origin with GITHUB_TOKEN. When the
// branch moved meanwhile (a merged pull request, another run), crieur's
// commit is re-applied on the new head as content decides (StateMerge):
// journal lines appended again, each post's state written again into the
// post as it now is on the remote. Nothing is sent to a network again; a
// conflict stops with the commit kept. The cancellation of the run does
// not stop the push, only gives it pushGrace to finish.
func (w *workspace) push() error {
	g, err := w.gitRepo()
	if err != nil {
		return err
	}
	// A cancelled run still pushes what went out, within a few seconds.
	ctx, stop := publish.AfterCancel(w.e.ctx, pushGrace)
	defer stop()
	token := w.e.getenv("GITHUB_TOKEN")
	w.e.mask([]string{token})
	res, err := g.Push(ctx, gitrepo.PushOptions{
		Remote: "origin",
		Auth:   gitrepo.Credentials{Username: "x-access-token", Token: token},
		Replay: g.Reapply(w.repo.StateMerge(w.prefix(), metrics.MergeCSV)),
	})
	if err != nil {
		return err
	}
	switch {
	case res.UpToDate:
	case res.Replays > 0:
		fmt.Fprintln(w.e.said, words.Count(w.e.lang, "pushed_replayed", res.Replays, with{"commit": res.Commit[:12]}))
	default:
		fmt.Fprintln(w.e.said, w.e.say("pushed", with{"commit": res.Commit[:12]}))
	}
	return nil
}

// pushOr pushes the run's commit; a main that refuses crieur's push (a
// protected branch) is said, with what it costs, and is not a failure:
// on such a repository it is how things are (lost: the catalog's words
// for what it costs). Other errors are.
func (w *workspace) pushOr(lost string) error {
	err := w.push()
	if err == nil || !errors.Is(err, gitrepo.ErrRefused) {
		return err
	}
	var np *gitrepo.NotPushedError
	if errors.As(err, &np) {
		err = np.Err
	}
	fmt.Fprintln(w.e.stderr, "crieur: "+w.e.say("main_not_updated", with{"error": err, "lost": w.e.say(lost, with{"branch": gitrepo.LedgerBranch})}))
	return nil
}
