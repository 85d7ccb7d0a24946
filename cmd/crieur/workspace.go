package main

import (
	"fmt"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/github"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/i18n"
)

// workspace is what the commands work on, opened once per run: the
// content repository, its git repository, the content root's path from
// the git root, the GitHub runner and its event in Actions, and the rule
// engine. Each part is opened the first time a command asks for it.
type workspace struct {
	e    *env
	repo *content.Repo

	git    *gitrepo.Repo
	gitErr error
	gitSet bool

	runner    *github.Runner
	event     *github.Event
	actionSet bool

	engine *linters.Engine

	ledger *gitrepo.Ledger // the remote's ledger, once fetched
}

// workspace opens the content repository (crieur.yml and what it names)
// in the folder chosen with -C.
func (e *env) workspace() (*workspace, error) {
	if e.ws != nil {
		return e.ws, nil
	}
	repo, err := content.OpenIn(e.dir, i18n.FromEnv(e.getenv))
	if err != nil {
		return nil, err
	}
	e.lang = repo.Language
	e.ws = &workspace{e: e, repo: repo}
	if err := e.ws.readLedger(e.runner().InActions(), false); err != nil {
		return nil, err
	}
	return e.ws, nil
}

// readLedger reads the ledger branch into the content repository, so
// that every command sees the publications as the runs recorded them
// (pipeline.Ledger). fetch brings it from origin first with the job's
// token (in Actions: a fresh clone has only main; publish --push
// always), else it is read as this clone knows it (git fetch or pull
// brings it). Outside git there is none. A fetch that fails is said and
// the clone's view is used, unless strict (publish --push: nothing is
// claimed on a stale ledger).
func (w *workspace) readLedger(fetch, strict bool) error {
	g, err := w.gitRepo()
	if err != nil {
		return nil
	}
	creds := gitrepo.Credentials{Username: "x-access-token", Token: w.e.getenv("GITHUB_TOKEN")}
	l, files, fetchErr, err := g.ReadLedger(w.e.ctx, fetch, creds, g.Author(w.e.getenv), content.LedgerStart())
	if fetchErr != nil && strict {
		return fetchErr
	} else if fetchErr != nil {
		fmt.Fprintln(w.e.stderr, "crieur: "+w.e.say("stale_ledger", with{"error": fetchErr}))
	}
	if err != nil {
		return err
	}
	w.ledger = l
	if w.repo.Ledger, err = content.ReadLedger(files); err != nil {
		return fmt.Errorf("%s: %w", w.e.say("ledger_branch", with{"branch": gitrepo.LedgerBranch}), err)
	}
	return nil
}

// gitRepo is the git repository that holds the content, or why there is
// none.
func (w *workspace) gitRepo() (*gitrepo.Repo, error) {
	if !w.gitSet {
		w.git, w.gitErr = gitrepo.Open(w.repo.Root)
		w.gitSet = true
	}
	return w.git, w.gitErr
}

// prefix is the content root's path from the git root, with a final
// slash ("" when they are the same folder, or outside git).
func (w *workspace) prefix() string {
	g, err := w.gitRepo()
	if err != nil {
		return ""
	}
	return g.Prefix(w.repo.Root)
}

// actions is the GitHub Actions runner and its event: nil, nil outside
// Actions; an event that cannot be read is said once and left nil. The
// event's token is masked at once.
func (w *workspace) actions() (*github.Runner, *github.Event) {
	if w.actionSet {
		return w.runner, w.event
	}
	w.actionSet = true
	r := w.e.runner()
	if !r.InActions() {
		return nil, nil
	}
	w.runner = r
	ev, err := r.Event()
	if err != nil {
		fmt.Fprintf(w.e.stderr, "crieur: %v\n", err)
		return r, nil
	}
	if ev.Token != "" {
		w.e.mask([]string{ev.Token}) // every form of it: git sends it as Basic x-access-token:TOKEN
	}
	w.event = ev
	return r, ev
}

// linters is the rule engine, built once.
func (w *workspace) linters() *linters.Engine {
	if w.engine == nil {
		w.engine = linters.New()
		w.engine.Language = w.repo.Language
	}
	return w.engine
}

// at reads a --now flag in the repository's zone: empty means the clock.
func (w *workspace) at(nowFlag string) (time.Time, error) {
	loc := w.repo.Config.Timezone
	if nowFlag == "" {
		return time.Now().In(loc), nil
	}
	t, err := pipeline.ParseFlagTime(nowFlag, loc, time.Now(), false)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now: %w", err)
	}
	return t, nil
}

// clock is the time local channels and readings are dated with: the
// clock, or --now in a rehearsal.
func clock(nowFlag string, now time.Time) func() time.Time {
	if nowFlag == "" {
		return time.Now
	}
	return func() time.Time { return now }
}

// open opens the workspace and reads --now.
func (e *env) open(nowFlag string) (*workspace, time.Time, error) {
	w, err := e.workspace()
	if err != nil {
		return nil, time.Time{}, err
	}
	now, err := w.at(nowFlag)
	return w, now, err
}

// commit commits paths with the run's author, now.
func (w *workspace) commit(paths []string, msg string) (string, error) {
	g, err := w.gitRepo()
	if err != nil {
		return "", err
	}
	return g.Commit(paths, msg, g.Author(w.e.getenv), time.Now())
}
