package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/crieur/crieur/linters/schedule"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/github/workflows"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/schemas"
)

type initOptions struct {
	force                       bool
	lang, zone, networks, brand string // a new repository's answers
}

func (o *initOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.force, "force", false, "replace workflows that already exist")
	fs.StringVar(&o.lang, "lang", "", "a new repository: the team's language (fr, en, nl; default: the environment's)")
	fs.StringVar(&o.zone, "timezone", "", "a new repository: its time zone (default: the system's)")
	fs.StringVar(&o.networks, "networks", "", "a new repository: its networks, comma-separated (default: mastodon,bluesky)")
	fs.StringVar(&o.brand, "brand", "", "a new repository: the brand's name (default: the folder's)")
}

// start writes a new content repository where there is no crieur.yml,
// asking on a terminal, and makes the folder a git repository if needed.
func (o *initOptions) start(e *env) error {
	s := content.DefaultStarter(e.dir, e.getenv)
	s.Override(o.lang, o.zone, o.brand, o.networks)
	if isTerminal(e.stdin) {
		if err := s.Ask(e.stdin, e.stdout); err != nil {
			return err
		}
	}
	s.Schemas = schemas.FS
	written, err := content.WriteStarter(e.dir, s, time.Now())
	if err != nil {
		return usagef("usage.as_is", with{"error": err})
	}
	e.lang = i18n.Lang(s.Lang) // the new crieur.yml's language:
	for _, p := range written {
		fmt.Fprintln(e.said, e.say("wrote", with{"path": p}))
	}
	if _, created, err := gitrepo.OpenOrInit(e.dir); err != nil || created {
		fmt.Fprintln(e.said, e.say("git_init", nil))
		return err
	}
	return nil
}

func (o *initOptions) run(e *env, args []string) error {
	if err := noArgs(args, ""); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(content.FindRoot(e.dir), content.ConfigFile)); errors.Is(err, fs.ErrNotExist) {
		if err := o.start(e); err != nil {
			return err
		}
	}
	w, err := e.workspace()
	if err != nil {
		return err
	}
	data, g, err := w.workflowData()
	if err != nil {
		return err
	}
	written, err := workflows.Write(g.Root, data, o.force)
	for _, p := range written {
		rel, _ := filepath.Rel(g.Root, p)
		fmt.Fprintln(e.said, e.say("wrote", with{"path": filepath.ToSlash(rel)}))
	}
	if kept := (*workflows.Kept)(nil); errors.As(err, &kept) {
		fmt.Fprintf(e.stderr, "crieur init: %s\n", kept.In(e.lang))
		return nil
	}
	if err != nil {
		return err
	}
	if len(written) > 0 {
		fmt.Fprintln(e.said, data.CostIn(e.lang))
		fmt.Fprintln(e.said, e.say("next_secrets", nil))
	}
	return nil
}

// workflowData is what crieur init writes the workflows from, and the git
// repository they go in.
func (w *workspace) workflowData() (workflows.Data, *gitrepo.Repo, error) {
	g, err := w.gitRepo()
	if err != nil {
		return workflows.Data{}, nil, err
	}
	data := workflows.DataFor(w.repo.Config, cmp.Or(strings.TrimSuffix(w.prefix(), "/"), "."))
	data.Action = workflows.ActionFor(currentBuild())
	data.Cadence = schedule.Cadence(w.repo)
	return data, g, nil
}

// isTerminal says whether a stream is a terminal, where a person reads
// and answers.
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
