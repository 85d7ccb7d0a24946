package main

import (
	"encoding/json"
	"flag"
	"fmt"
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
	want := map[string]bool{}
	for _, p := range paths {
		want[strings.TrimPrefix(repo.Rel(p), "./")] = true
		want[strings.TrimPrefix(p, "./")] = true
	}
	var out []journal.Record
	for _, r := range recs {
		if len(want) == 0 || want[r.Post] {
			out = append(out, r)
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if out == nil {
			out = []journal.Record{}
		}
		if err := enc.Encode(out); err != nil {
			return e.fail(err)
		}
		return exitOK
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "no publication recorded")
		return exitOK
	}
	loc := repo.Config.Timezone
	for _, r := range out {
		where := r.URL
		if where == "" {
			where = r.RemoteID
		}
		line := fmt.Sprintf("%s  %-9s %-10s %s", r.Time.In(loc).Format("2006-01-02 15:04"), r.Action, r.Channel, r.Post)
		if where != "" {
			line += "  " + where
		}
		if r.Error != "" {
			line += "  (" + r.Error + ")"
		}
		if r.PullRequest != 0 {
			line += fmt.Sprintf("  #%d", r.PullRequest)
		}
		if r.Author != "" {
			line += "  by " + r.Author
		}
		if len(r.Approvers) > 0 {
			line += ", approved by " + strings.Join(r.Approvers, ", ")
		}
		if r.SourceCommit != "" {
			line += "  @" + r.SourceCommit[:min(7, len(r.SourceCommit))]
		}
		fmt.Fprintln(e.stdout, line)
	}
	return exitOK
}
