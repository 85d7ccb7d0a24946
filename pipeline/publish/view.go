package publish

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// The views of a Result: the text crieur publish prints, and the job
// summary and step outputs of a run in GitHub Actions. Times are shown
// in the repository's zone loc.

// WriteText writes what a run did for a terminal: in a dry run, what
// would go out; the freeze in force; the counts and the commit. The
// findings that refused a post go to errw, one per line.
func (res *Result) WriteText(w, errw io.Writer, dryRun bool, loc *time.Location) {
	if dryRun {
		for _, d := range res.Planned {
			fmt.Fprintf(w, "would publish %s → %s (%s)\n", d.Post.Path, d.Channel, d.Occurrence.Format("2006-01-02 15:04"))
		}
		fmt.Fprintf(w, "dry run: %d %s due, %d refused\n", len(res.Planned), plural(len(res.Planned), "publication", "publications"), len(res.Refused))
	}
	for _, r := range res.Refused {
		for _, f := range r.Findings {
			fmt.Fprintf(errw, "%s\n", f)
		}
	}
	if res.Frozen != nil {
		fmt.Fprintf(w, "%s: %d %s held\n", FreezeLine(res.Frozen, loc), len(res.Held), plural(len(res.Held), "delivery", "deliveries"))
	}
	if !dryRun {
		res.writeCounts(w)
	}
}

// writeCounts writes the counts of a run that sent, and its commit.
func (res *Result) writeCounts(w io.Writer) {
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

// Summary is the job summary of a run, in GitHub's Markdown: the counts,
// the freeze and the warnings, and a table of what went out, was
// recovered, retracted or failed.
func (res *Result) Summary(loc *time.Location) string {
	var md strings.Builder
	md.WriteString("## crieur publish\n\n")
	fmt.Fprintf(&md, "%d published, %d failed, %d recovered, %d retracted.\n\n", len(res.Published), len(res.Failed), len(res.Recovered), len(res.Retracted))
	if res.Frozen != nil {
		fmt.Fprintf(&md, "> [!WARNING]\n> %s: %d held.\n\n", FreezeLine(res.Frozen, loc), len(res.Held))
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(&md, "> [!WARNING]\n> %s\n\n", w)
	}
	if len(res.Refused) > 0 {
		fmt.Fprintf(&md, "> [!CAUTION]\n> %d %s refused: not sent until fixed (crieur lint shows the same errors).\n", len(res.Refused), plural(len(res.Refused), "post", "posts"))
		for _, r := range res.Refused {
			for _, f := range r.Findings {
				fmt.Fprintf(&md, "> - `%s:%d:%d` %s: %s\n", f.Path, f.Line, f.Col, f.Rule, f.Message)
			}
		}
		md.WriteString("\n")
	}
	if len(res.Published)+len(res.Failed)+len(res.Retracted) > 0 {
		md.WriteString("| post | channel | what | where |\n| --- | --- | --- | --- |\n")
	}
	for _, rec := range res.records() {
		where := rec.URL
		if rec.Error != "" {
			where = rec.Error
		}
		fmt.Fprintf(&md, "| `%s` | %s | %s | %s |\n", rec.Post, rec.Channel, rec.Action, strings.ReplaceAll(where, "|", "\\|"))
	}
	return md.String()
}

// Outputs are the step outputs of a run: how many publications went out
// ("published") and failed ("failed"), and the journal records it wrote,
// one JSON object a line ("journal").
func (res *Result) Outputs() map[string]string {
	var lines []string
	for _, rec := range res.records() {
		b, _ := json.Marshal(rec)
		lines = append(lines, string(b))
	}
	return map[string]string{
		"published": strconv.Itoa(len(res.Published)),
		"failed":    strconv.Itoa(len(res.Failed)),
		"journal":   strings.Join(lines, "\n"),
	}
}

// records are the journal records of a run, in the order the views list
// them: published, recovered, retracted, failed.
func (res *Result) records() []pipeline.Record {
	var all []pipeline.Record
	for _, group := range [][]pipeline.Record{res.Published, res.Recovered, res.Retracted, res.Failed} {
		all = append(all, group...)
	}
	return all
}
