package report

import (
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// CheckView reports whether the report has a view in format (md,
// markdown, html or csv; "" for none) and speaks lang (fr, en or nl;
// "" for the team's).
func CheckView(format, lang string) error {
	switch format {
	case "", "md", "markdown", "html", "csv":
	default:
		return fmt.Errorf("--format %q: use md, html or csv", format)
	}
	switch lang {
	case "", "fr", "en", "nl": // "": the team's
	default:
		return fmt.Errorf("--lang %q: use fr, en or nl", lang)
	}
	return nil
}

// ParseMonth reads YYYY-MM, last or current (now's month) into the
// month's first instant in loc; "" is last: a report is drawn once the
// month is over.
func ParseMonth(s string, now time.Time, loc *time.Location) (time.Time, error) {
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	switch s {
	case "last", "":
		return first.AddDate(0, -1, 0), nil
	case "current":
		return first, nil
	}
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: use YYYY-MM (e.g. 2026-12), last or current", s)
	}
	return t, nil
}

// CheckBrand reports whether brand ("" for all) is one of crieur.yml's;
// any brand is, when crieur.yml names none.
func CheckBrand(c *pipeline.Config, brand string) error {
	if _, ok := c.Brands[brand]; brand == "" || ok || len(c.Brands) == 0 {
		return nil
	}
	names := make([]string, 0, len(c.Brands))
	for b := range c.Brands {
		names = append(names, b)
	}
	sort.Strings(names)
	return fmt.Errorf("--brand %q is not a brand of crieur.yml (%s)", brand, strings.Join(names, ", "))
}

// language is the report's language (Lang).
func (r *Reporter) language() string {
	getenv := r.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return i18n.ForPage(r.Lang, r.Repo.Config.Language, getenv)
}

// Reporter is the report use case (crieur report): it reads the journal,
// the month's readings and the posts, builds the report, and prints one
// view of it or writes the three (report.md, report.html, report.csv) and
// commits them. It opens no file itself: it reads the repository through
// content and journal, and is given the rest as functions.
type Reporter struct {
	Repo  *content.Repo
	Month time.Time // the month's first instant in the repository's zone (ParseMonth)
	Brand string    // "" for all brands
	// Lang is fr, en or nl; "" for the team's: crieur.yml's language,
	// else the environment's (Getenv, which may be nil), else French
	// (i18n.ForPage).
	Lang       string
	Getenv     func(string) string
	Repository string // names the repository in the header
	// Format prints that view (md, html or csv) to Stdout when neither
	// Dir nor Commit is set; otherwise the three files are written.
	Format string
	// Dir is the folder of the files, as a path of the system; "" is the
	// repository's reports/YYYY-MM[/brand].
	Dir string
	// Readings reads the engagement readings between two instants.
	Readings func(from, to time.Time) ([]pipeline.Reading, error)
	// Review fills in.Caught: what the review caught in the posts that
	// went out between month and end. Nil leaves it empty.
	Review func(in *Input, recs []pipeline.Record, month, end time.Time)
	// Write writes a file atomically, creating its folder.
	Write func(path string, write func(io.Writer) error) error
	// Commit commits the files and returns the commit ("" when nothing
	// changed); nil commits nothing.
	Commit func(paths []string, message string) (string, error)
	// Summary, when set, is given the report once it is printed or
	// written (a job summary).
	Summary func(*Report)
	Stdout  io.Writer
}

// Result is what a run drew and wrote.
type Result struct {
	Report *Report
	Files  []string // written, "" when printed
	Commit string
}

// Run draws the report, then prints it, or writes and commits it, as the
// Reporter says.
func (r *Reporter) Run() (*Result, error) {
	in, err := r.input()
	if err != nil {
		return nil, err
	}
	res := &Result{Report: Build(*in)}
	if r.Format != "" && r.Dir == "" && r.Commit == nil {
		if err := res.Report.view(r.Format)(r.stdout()); err != nil {
			return res, err
		}
		r.summary(res.Report)
		return res, nil
	}
	for _, v := range []struct {
		name  string
		write func(io.Writer) error
	}{{"report.md", res.Report.Markdown}, {"report.html", res.Report.HTML}, {"report.csv", res.Report.CSV}} {
		p := r.path(v.name)
		if err := r.Write(p, v.write); err != nil {
			return res, err
		}
		res.Files = append(res.Files, p)
	}
	r.summary(res.Report)
	if r.Commit == nil {
		return res, nil
	}
	if res.Commit, err = r.Commit(res.Files, CommitMessage(res.Report)); err != nil {
		return res, err
	}
	if res.Commit == "" {
		fmt.Fprintln(r.stdout(), "the report has not changed: nothing to commit")
	} else {
		fmt.Fprintf(r.stdout(), "committed %s\n", res.Commit[:12])
	}
	return res, nil
}

// input reads the journal, the readings and the posts.
func (r *Reporter) input() (*Input, error) {
	end := r.Month.AddDate(0, 1, 0)
	recs, err := r.Repo.Journal().Read()
	if err != nil {
		return nil, err
	}
	// Readings of the month before too, for the month-over-month change.
	readings, err := r.Readings(r.Month.AddDate(0, -1, 0), end.AddDate(0, 1, 0))
	if err != nil {
		return nil, err
	}
	paths, err := r.Repo.PostPaths()
	if err != nil {
		return nil, err
	}
	files, _ := r.Repo.LoadPosts(paths)
	posts := map[string]*pipeline.Post{}
	for _, f := range files {
		posts[f.Post.Path] = f.Post
	}
	in := &Input{Month: r.Month, Location: r.Repo.Config.Timezone, Brand: r.Brand, Lang: r.language(), Repository: r.Repository,
		Records: recs, Readings: readings, Posts: posts, Config: r.Repo.Config}
	if r.Review != nil {
		r.Review(in, recs, r.Month, end)
	}
	return in, nil
}

// path is where a file of the report goes: in Dir, or in the
// repository's folder of the month's reports.
func (r *Reporter) path(name string) string {
	if r.Dir == "" {
		return r.Repo.Abs(path.Join(content.ReportDir(r.Month, r.Brand), name))
	}
	// Dir is a path of the system: on Windows, path.Join keeps its
	// backslashes and adds a slash, which Windows reads as well.
	return path.Join(r.Dir, name)
}

func (r *Reporter) summary(rep *Report) {
	if r.Summary != nil {
		r.Summary(rep)
	}
}

func (r *Reporter) stdout() io.Writer {
	if r.Stdout == nil {
		return io.Discard
	}
	return r.Stdout
}

// view is the writer of one format: md (or markdown), html or csv.
func (rep *Report) view(format string) func(io.Writer) error {
	switch format {
	case "html":
		return rep.HTML
	case "csv":
		return rep.CSV
	}
	return rep.Markdown
}

// CommitMessage says which month the report is of, and how much went out.
func CommitMessage(rep *Report) string {
	label := rep.Month.Format("2006-01")
	if rep.Brand != "" {
		label += " (" + rep.Brand + ")"
	}
	n, i := len(rep.Publications), rep.Total.Interactions
	return fmt.Sprintf("crieur: report of %s\n\n%d %s, %d %s.\n", label,
		n, plural(n, "publication", "publications"), i, plural(int(i), "interaction", "interactions"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
