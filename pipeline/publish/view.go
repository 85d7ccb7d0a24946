package publish

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what a run says, in each language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// The views of a Result: the text crieur publish prints, and the job
// summary and step outputs of a run in GitHub Actions. Times are shown
// in the repository's zone loc.

// WriteText writes what a run did for a terminal: in a dry run, what
// would go out; the freeze in force; the counts and the commit. The
// findings that refused a post go to errw, one per line.
func (res *Result) WriteText(w, errw io.Writer, dryRun bool, loc *time.Location) {
	l := res.Language
	if dryRun {
		for _, d := range res.Planned {
			fmt.Fprintln(w, say.Text(l, "dry_run.would", i18n.Args{"post": d.Post.Path, "channel": d.Channel, "at": d.Occurrence.Format("2006-01-02 15:04")}))
		}
		fmt.Fprintln(w, say.Count(l, "dry_run.counts", len(res.Planned), i18n.Args{"refused": say.Count(l, "n.refused", len(res.Refused), nil)}))
	}
	for _, r := range res.Refused {
		for _, f := range r.Findings {
			fmt.Fprintf(errw, "%s\n", f)
		}
	}
	if res.Frozen != nil {
		fmt.Fprintln(w, say.Count(l, "held", len(res.Held), i18n.Args{"freeze": FreezeLineIn(res.Frozen, loc, l)}))
	}
	if !dryRun {
		res.writeCounts(w)
	}
}

// writeCounts writes the counts of a run that sent, and its commit.
func (res *Result) writeCounts(w io.Writer) {
	l := res.Language
	switch {
	case len(res.Published)+len(res.Failed)+len(res.Recovered)+len(res.Retracted) == 0 && len(res.Refused) == 0:
		if res.Frozen == nil {
			fmt.Fprintln(w, say.Text(l, "nothing_due", nil))
		}
	default:
		retracted := ""
		if len(res.Retracted) > 0 {
			retracted = ", " + say.Count(l, "n.retracted", len(res.Retracted), nil)
		}
		args := res.counts()
		args["refused"], args["retracted"] = say.Count(l, "n.refused_posts", len(res.Refused), nil), retracted
		fmt.Fprintln(w, say.Text(l, "counts", args))
	}
	if res.Commit != "" {
		fmt.Fprintln(w, say.Text(l, "committed", i18n.Args{"commit": res.Commit[:12]}))
	}
}

// counts are the counts of a run in words: {published}, {failed},
// {recovered}, {retracted}.
func (res *Result) counts() i18n.Args {
	l := res.Language
	return i18n.Args{"published": say.Count(l, "n.published", len(res.Published), nil),
		"failed":    say.Count(l, "n.failed", len(res.Failed), nil),
		"recovered": say.Count(l, "n.recovered", len(res.Recovered), nil),
		"retracted": say.Count(l, "n.retracted", len(res.Retracted), nil)}
}

// Summary is the job summary of a run, in GitHub's Markdown: the counts,
// the freeze and the warnings, and a table of what went out, was
// recovered, retracted or failed.
func (res *Result) Summary(loc *time.Location) string {
	var md strings.Builder
	l := res.Language
	md.WriteString("## crieur publish\n\n")
	fmt.Fprintf(&md, "%s\n\n", say.Text(l, "summary.counts", res.counts()))
	if res.Frozen != nil {
		fmt.Fprintf(&md, "> [!WARNING]\n> %s\n\n", say.Text(l, "summary.held", i18n.Args{"freeze": FreezeLineIn(res.Frozen, loc, l), "held": say.Count(l, "n.held", len(res.Held), nil)}))
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(&md, "> [!WARNING]\n> %s\n\n", w)
	}
	if len(res.Refused) > 0 {
		fmt.Fprintf(&md, "> [!CAUTION]\n> %s\n", say.Count(l, "summary.refused", len(res.Refused), nil))
		for _, r := range res.Refused {
			for _, f := range r.Findings {
				fmt.Fprintf(&md, "> - `%s:%d:%d` %s: %s\n", f.Path, f.Line, f.Col, f.Rule, f.Message)
			}
		}
		md.WriteString("\n")
	}
	if len(res.Published)+len(res.Failed)+len(res.Retracted) > 0 {
		md.WriteString(say.Text(l, "summary.columns", nil) + "\n| --- | --- | --- | --- |\n")
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
