package main

import (
	"flag"
	"strings"

	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/journal"
)

const historyHelp = `
Prints the audit trail from the journal (journal/YYYY-MM.jsonl): every
publication, failure, recovery and retraction, oldest first, with the
channel, the remote id or URL and the commit it came from. With a PATH,
only that post's records. --format json prints the records as a JSON array.
`

func runHistory(e *env, args []string) int {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text or json")
	paths, err := parse(e, "history", fs, args)
	if err != nil {
		return exitFor(err)
	}
	repo, err := content.Open(e.dir)
	if err != nil {
		return e.fail(err)
	}
	recs, err := journal.Journal{Dir: repo.JournalDir()}.Read()
	if err != nil {
		return e.fail(err)
	}
	var posts []string
	for _, p := range paths {
		posts = append(posts, strings.TrimPrefix(repo.Rel(p), "./"), strings.TrimPrefix(p, "./"))
	}
	recs = journal.About(recs, posts...)
	if *format == "json" {
		if err := journal.WriteJSON(e.stdout, recs); err != nil {
			return e.fail(err)
		}
		return exitOK
	}
	journal.WriteText(e.stdout, recs, repo.Config.Timezone)
	return exitOK
}
