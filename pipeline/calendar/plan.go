package calendar

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Planner is the plan use case (crieur plan): the calendar of the posts
// that can be read, over a period (by default from 7 days before now's
// day to 60 days after), printed as text or written as iCalendar, CSV or
// a web page. The posts that cannot be read are left out, and said so on
// Stderr. It reads the posts through content; writing a file, linting
// the posts and drawing the web page are functions it is given.
type Planner struct {
	Repo *content.Repo
	Now  time.Time // in the repository's zone
	// From and To are the first and last instant of the period, zero for
	// the default ones. ToDay says To is a day: the whole day is included.
	From, To time.Time
	ToDay    bool
	// ICS, CSV and HTML are where each format goes (as Write names files);
	// "" writes none. Without any, the text goes to Stdout.
	ICS, CSV, HTML string
	// CSVComma separates the CSV's fields: 0 for a comma (RFC 4180).
	CSVComma rune
	// Write writes a file atomically ("-" is the standard output).
	Write func(name string, write func(io.Writer) error) error
	// Lint judges the posts of scope among all, for the web page.
	Lint func(scope, all []*content.File, load []pipeline.Finding) []pipeline.Finding
	// Page draws the web page.
	Page   func(w io.Writer, p Page) error
	Stdout io.Writer
	Stderr io.Writer
}

// Page is what the web page of a plan shows, besides the repository's.
type Page struct {
	Entries  []pipeline.Entry
	Findings map[string][]pipeline.Finding // by post path
	From, To time.Time
}

// Run writes the calendar, and says how many posts were left out because
// they cannot be read.
func (p *Planner) Run() (left int, err error) {
	from, to, err := p.period()
	if err != nil {
		return 0, err
	}
	paths, err := p.Repo.PostPaths()
	if err != nil {
		return 0, err
	}
	files, problems := p.Repo.LoadPosts(paths)
	scope, left := p.readable(files, problems)
	posts := make([]*pipeline.Post, len(scope))
	for i, f := range scope {
		posts[i] = f.Post
	}
	records, err := p.Repo.Journal().Read()
	if err != nil {
		return left, fmt.Errorf("%s: %w", say.Text(p.Repo.Language, "read_journal", nil), err)
	}
	h := History{Records: records, Now: p.Now}
	out := output{entries: EntriesWith(posts, h, from, to), posts: posts, scope: scope, files: files, problems: problems, from: from, to: to}
	return left, p.write(out)
}

// period is From to To, or the default period around Now.
func (p *Planner) period() (from, to time.Time, err error) {
	loc := p.Repo.Config.Timezone
	today := time.Date(p.Now.Year(), p.Now.Month(), p.Now.Day(), 0, 0, 0, 0, loc)
	from, to = today.AddDate(0, 0, -7), today.AddDate(0, 0, 61).Add(-time.Second)
	if !p.From.IsZero() {
		from = p.From
	}
	if !p.To.IsZero() {
		to = p.To
		if p.ToDay {
			to = to.AddDate(0, 0, 1).Add(-time.Second) // the whole last day
		}
	}
	if to.Before(from) {
		return from, to, errors.New(say.Text(p.Repo.Language, "period_order", i18n.Args{"to": to.Format("2006-01-02"), "from": from.Format("2006-01-02")}))
	}
	return from, to, nil
}

// readable leaves out the posts that cannot be read (a load finding at
// error level), and says which on Stderr.
func (p *Planner) readable(files []*content.File, problems []pipeline.Finding) ([]*content.File, int) {
	bad := map[string]bool{}
	for _, f := range problems {
		if f.Severity >= pipeline.Error {
			bad[f.Path] = true
		}
	}
	var scope []*content.File
	for _, f := range files {
		if !bad[f.Post.Path] {
			scope = append(scope, f)
		}
	}
	if len(bad) > 0 {
		stderr := orDiscard(p.Stderr)
		fmt.Fprintln(stderr, say.Count(p.Repo.Language, "plan.left_out", len(bad), nil))
		for _, f := range problems {
			if f.Severity >= pipeline.Error {
				fmt.Fprintf(stderr, "  %s\n", f)
			}
		}
	}
	return scope, len(bad)
}

// output is a calendar to write, and what the web page's findings are
// made of.
type output struct {
	entries  []pipeline.Entry
	posts    []*pipeline.Post // the posts that can be read
	scope    []*content.File  // the posts that can be read
	files    []*content.File
	problems []pipeline.Finding
	from, to time.Time
}

// write writes the formats asked for, or the text.
func (p *Planner) write(o output) error {
	loc := p.Repo.Config.Timezone
	if p.ICS != "" {
		name := filepath.Base(p.Repo.Root)
		if err := p.Write(p.ICS, func(w io.Writer) error { return WriteICS(w, o.entries, name, loc, p.Now) }); err != nil {
			return err
		}
	}
	if p.CSV != "" {
		if err := p.Write(p.CSV, func(w io.Writer) error { return WriteCSV(w, o.entries, loc, p.CSVComma) }); err != nil {
			return err
		}
	}
	if p.HTML != "" {
		page := Page{Entries: o.entries, Findings: map[string][]pipeline.Finding{}, From: o.from, To: o.to}
		for _, f := range p.Lint(o.scope, o.files, o.problems) {
			page.Findings[f.Path] = append(page.Findings[f.Path], f)
		}
		if err := p.Write(p.HTML, func(w io.Writer) error { return p.Page(w, page) }); err != nil {
			return err
		}
	}
	if p.ICS == "" && p.CSV == "" && p.HTML == "" {
		if len(o.entries) == 0 {
			return WriteNothing(orDiscard(p.Stdout), o.posts, o.from, o.to, loc, p.Repo.Language)
		}
		return WriteTextIn(orDiscard(p.Stdout), o.entries, loc, p.Repo.Language)
	}
	return nil
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
