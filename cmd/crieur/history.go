package main

import (
	"flag"
	"strings"

	"github.com/crieur/crieur/pipeline/journal"
)

const historyHelp = `
Prints the audit trail from the journal (journal/YYYY-MM.jsonl): every
publication, failure, recovery and retraction, oldest first, with the
channel, the remote id or URL and the commit it came from. With a PATH,
only that post's records. --format json prints the records as a JSON array.
`

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
	journal.WriteText(e.stdout, recs, w.repo.Config.Timezone)
	return nil
}
