package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/calendar"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/planpage"
)

const planHelp = `
Prints the editorial calendar: the posts per day, hour and channel, with
their state, recurring posts expanded (marked ↻). Drafts are left out.
By default from 7 days ago to 60 days ahead.

--ics FILE writes an iCalendar (RFC 5545) file a team can subscribe to
(event ids are stable, so a subscribed calendar updates in place);
--csv FILE writes the calendar for a spreadsheet (crieur import reads it
back); --html FILE writes it as one self-contained web page (month and
week views, each post as each channel will show it, its state and its
findings) for the people who never open a terminal: the workflow can
publish it on GitHub Pages. Use - for the standard output. Posts that cannot be read are
reported and left out.
`

func runPlan(e *env, args []string) int {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fromFlag := fs.String("from", "", "first day, e.g. 2026-12-01 (default: 7 days ago)")
	toFlag := fs.String("to", "", "last day, included (default: 60 days after --from's default)")
	ics := fs.String("ics", "", "write the calendar as iCalendar to FILE (- for stdout)")
	csvOut := fs.String("csv", "", "write the calendar as CSV to FILE (- for stdout)")
	htmlOut := fs.String("html", "", "write the calendar as a web page to FILE (- for stdout)")
	lang := fs.String("lang", "fr", "the web page's language: fr or en")
	nowFlag := fs.String("now", "", "the current time (default: now)")
	rest, err := parse(e, "plan", fs, args)
	if err != nil {
		return exitFor(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "crieur plan: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	repo, now, err := e.openAt(*nowFlag)
	if err != nil {
		return e.fail(err)
	}
	loc := repo.Config.Timezone
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	from, to := today.AddDate(0, 0, -7), today.AddDate(0, 0, 61).Add(-time.Second)
	if *fromFlag != "" {
		if from, err = parseDateFlag(*fromFlag, loc); err != nil {
			return e.fail(fmt.Errorf("--from: %w", err))
		}
	}
	if *toFlag != "" {
		if to, err = parseDateFlag(*toFlag, loc); err != nil {
			return e.fail(fmt.Errorf("--to: %w", err))
		}
		if len(*toFlag) == len("2006-01-02") {
			to = to.AddDate(0, 0, 1).Add(-time.Second) // the whole last day
		}
	}
	if to.Before(from) {
		return e.fail(fmt.Errorf("--to %s is before --from %s", to.Format("2006-01-02"), from.Format("2006-01-02")))
	}
	paths, err := repo.PostPaths()
	if err != nil {
		return e.fail(err)
	}
	files, problems := repo.LoadPosts(paths)
	code := exitOK
	var posts []*pipeline.Post
	bad := map[string]bool{}
	for _, f := range problems {
		if f.Severity >= pipeline.Error {
			bad[f.Path] = true
		}
	}
	for _, f := range files {
		if !bad[f.Post.Path] {
			posts = append(posts, f.Post)
		}
	}
	if len(bad) > 0 {
		fmt.Fprintf(e.stderr, "crieur plan: %d post(s) left out because they cannot be read (run crieur lint):\n", len(bad))
		for _, f := range problems {
			if f.Severity >= pipeline.Error {
				fmt.Fprintf(e.stderr, "  %s\n", f)
			}
		}
		code = exitFindings
	}
	entries := calendar.Entries(posts, from, to)
	wrote := false
	if *ics != "" {
		name := filepath.Base(repo.Root)
		if err := writeTo(e, *ics, func(w io.Writer) error { return calendar.WriteICS(w, entries, name, loc, now) }); err != nil {
			return e.fail(err)
		}
		wrote = true
	}
	if *csvOut != "" {
		if err := writeTo(e, *csvOut, func(w io.Writer) error { return calendar.WriteCSV(w, entries, loc) }); err != nil {
			return e.fail(err)
		}
		wrote = true
	}
	if *htmlOut != "" {
		in := planpage.Input{Repository: repoName(e, repo), Entries: entries, Channels: repo.Config.Channels,
			Findings: map[string][]pipeline.Finding{}, Location: loc, Now: now, From: from, To: to, Lang: *lang}
		var scope []*content.File
		for _, f := range files {
			if !bad[f.Post.Path] {
				scope = append(scope, f)
			}
		}
		for _, f := range linters.New().Lint(&linters.Context{Repo: repo, Now: now}, scope, files, problems) {
			in.Findings[f.Path] = append(in.Findings[f.Path], f)
		}
		if err := writeTo(e, *htmlOut, func(w io.Writer) error { return planpage.Write(w, in) }); err != nil {
			return e.fail(err)
		}
		wrote = true
	}
	if !wrote {
		if err := calendar.WriteText(e.stdout, entries, loc); err != nil {
			return e.fail(err)
		}
	}
	return code
}

// writeFile is writeTo as a use case's Write function.
func (e *env) writeFile(name string, write func(io.Writer) error) error {
	return writeTo(e, name, write)
}

// writeTo writes a file (or stdout for "-") through a temporary file, so
// a failure never leaves half a calendar behind.
func writeTo(e *env, name string, write func(io.Writer) error) error {
	if name == "-" {
		return write(e.stdout)
	}
	if !filepath.IsAbs(name) {
		name = filepath.Join(e.dir, name)
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if err := content.WriteStream(name, write); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s\n", name)
	return nil
}
