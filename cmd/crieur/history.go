package main

import (
	"flag"
	"strings"

	"github.com/crieur/crieur/pipeline/journal"
)

type historyOptions struct{ format string }

func (o *historyOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "output format: text or json")
}

func (o *historyOptions) run(e *env, paths []string) error {
	w, err := e.workspace()
	if err != nil {
		return err
	}
	recs, err := w.repo.Journal().Read()
	if err != nil {
		return err
	}
	var posts []string
	for _, p := range paths {
		posts = append(posts, strings.TrimPrefix(w.repo.Rel(p), "./"), strings.TrimPrefix(p, "./"))
	}
	recs = journal.About(recs, posts...)
	if o.format == "json" {
		return journal.WriteJSON(e.stdout, recs)
	}
	journal.WriteTextIn(e.stdout, recs, w.repo.Config.Timezone, w.linters().Language)
	return nil
}
