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
	p := &calendar.Planner{Repo: repo, Now: now, ToDay: len(*toFlag) == len(time.DateOnly), ICS: *ics, CSV: *csvOut, HTML: *htmlOut,
		Write: e.writeFile, Stdout: e.stdout, Stderr: e.stderr,
		Lint: func(scope, all []*content.File, load []pipeline.Finding) []pipeline.Finding {
			return linters.New().Lint(&linters.Context{Repo: repo, Now: now}, scope, all, load)
		},
		Page: func(w io.Writer, pg calendar.Page) error {
			return planpage.Write(w, planpage.Input{Repository: repoName(e, repo), Entries: pg.Entries, Channels: repo.Config.Channels,
				Findings: pg.Findings, Location: repo.Config.Timezone, Now: now, From: pg.From, To: pg.To, Lang: *lang})
		}}
	if p.From, err = dateFlag("--from", *fromFlag, repo.Config.Timezone); err != nil {
		return e.fail(err)
	}
	if p.To, err = dateFlag("--to", *toFlag, repo.Config.Timezone); err != nil {
		return e.fail(err)
	}
	left, err := p.Run()
	if err != nil {
		return e.fail(err)
	}
	if left > 0 {
		return exitFindings
	}
	return exitOK
}

// dateFlag reads --from or --to: a day or a time; "" is the zero time.
func dateFlag(name, s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := parseDateFlag(s, loc)
	if err != nil {
		return t, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
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
