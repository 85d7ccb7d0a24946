package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/calendar"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/planpage"
)

type planOptions struct {
	from, to, ics, csv, csvSep, html, lang, now string
}

func (o *planOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.from, "from", "", "first day, e.g. 2026-12-01 (default: 7 days ago)")
	fs.StringVar(&o.to, "to", "", "last day, included (default: 60 days after --from's default)")
	fs.StringVar(&o.ics, "ics", "", "write the calendar as iCalendar to FILE (- for stdout)")
	fs.StringVar(&o.csv, "csv", "", "write the calendar as CSV to FILE (- for stdout)")
	fs.StringVar(&o.csvSep, "csv-sep", "", `the CSV's field separator: "," (RFC 4180) or ";" (what a spreadsheet in French splits on); default: ";" in a locale with a decimal comma (LANG=fr_BE.UTF-8), "," otherwise`)
	fs.StringVar(&o.html, "html", "", "write the calendar as a web page to FILE (- for stdout)")
	fs.StringVar(&o.lang, "lang", "", "the web page's language: fr, en or nl (default: crieur.yml's language, else the environment's, else fr)")
	fs.StringVar(&o.now, "now", "", "the current time (default: now)")
}

func (o *planOptions) run(e *env, args []string) error {
	if err := noArgs(args, ""); err != nil {
		return err
	}
	if o.csvSep == "" {
		o.csvSep = string(calendar.LocaleComma(e.getenv))
	}
	if o.csvSep != "," && o.csvSep != ";" {
		return usagef("usage.csv_sep", with{"value": strconv.Quote(o.csvSep)})
	}
	w, now, err := e.open(o.now)
	if err != nil {
		return err
	}
	repo := w.repo
	p := &calendar.Planner{Repo: repo, Now: now, ToDay: len(o.to) == len(time.DateOnly), ICS: o.ics, CSV: o.csv, CSVComma: rune(o.csvSep[0]), HTML: o.html,
		Write: e.writeFile, Stdout: e.stdout, Stderr: e.stderr,
		Lint: func(scope, all []*content.File, load []pipeline.Finding) []pipeline.Finding {
			return w.linters().Lint(&linters.Context{Repo: repo, Now: now}, scope, all, load)
		},
		Page: func(out io.Writer, pg calendar.Page) error {
			return planpage.Write(out, planpage.Input{Repository: w.name(), Entries: pg.Entries, Channels: repo.Config.Channels,
				Findings: pg.Findings, Location: repo.Config.Timezone, Now: now, From: pg.From, To: pg.To, Lang: i18n.ForPage(o.lang, repo.Config.Language, e.getenv)})
		}}
	if p.From, err = dateFlag("--from", o.from, repo.Config.Timezone); err != nil {
		return err
	}
	if p.To, err = dateFlag("--to", o.to, repo.Config.Timezone); err != nil {
		return err
	}
	left, err := p.Run()
	if err != nil {
		return err
	}
	if left > 0 {
		return errFindings
	}
	return nil
}

// dateFlag reads --from or --to: a day or a time; "" is the zero time.
func dateFlag(name, s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := pipeline.ParseFlagTime(s, loc, time.Now(), true)
	if err != nil {
		return t, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}

// writeFile writes a file named on the command line (relative to -C's
// folder; "-" is the standard output) for a use case, and says so.
func (e *env) writeFile(name string, write func(io.Writer) error) error {
	wrote, err := content.WriteOut(e.dir, name, e.stdout, write)
	if wrote != "" {
		fmt.Fprintln(e.saidErr, e.say("wrote", with{"path": wrote}))
	}
	return err
}
