package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/crieur/crieur/linters/output"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/calendar"
	"github.com/crieur/crieur/pipeline/content"
)

const importHelp = `
Creates one post file per row of a planning spreadsheet saved as CSV
(comma or semicolon separated, UTF-8, as Excel, LibreOffice and Google
Sheets export it). Columns: publish_at and text are required; channels
(separated by spaces), lang, campaign, title, media, alt, sponsored and
slug are optional. Files go to posts/YYYY/MM/<slug>.md. Nothing is written
when a row has a problem: every problem is printed with its line and
column. A file that already exists is never overwritten. Rows exported by
crieur plan --csv for posts that exist are skipped.
`

func runImport(e *env, args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "print the files that would be created, write nothing")
	rest, err := parse(e, "import", fs, args)
	if err != nil {
		return exitFor(err)
	}
	if len(rest) != 1 {
		fmt.Fprintln(e.stderr, "crieur import: name one CSV file, e.g. crieur import planning.csv")
		return exitUsage
	}
	repo, err := content.Open(e.dir)
	if err != nil {
		return e.fail(err)
	}
	name := rest[0]
	fh, err := os.Open(name)
	if err != nil && !filepath.IsAbs(name) {
		fh, err = os.Open(filepath.Join(e.dir, name))
	}
	if err != nil {
		return e.fail(err)
	}
	defer fh.Close()
	rows, err := calendar.ReadCSV(name, fh, repo.Config.Timezone)
	if err != nil {
		fmt.Fprintf(e.stderr, "%v\nnothing was imported: fix the spreadsheet and export it again\n", err)
		return exitFindings
	}
	type planned struct {
		rel  string
		data []byte
	}
	var todo []planned
	var problems []pipeline.Finding
	taken := map[string]bool{}
	for _, row := range rows {
		if row.Path != "" {
			continue // an exported row of an existing post
		}
		rel, data := calendar.PostFile(row, repo.Config.Timezone)
		if _, err := os.Stat(repo.Abs(rel)); err == nil || taken[rel] {
			fmt.Fprintf(e.stderr, "%s:%d: %s already exists: give the row another slug\n", name, row.Line, rel)
			return exitFindings
		}
		taken[rel] = true
		// The new file must load as any post: channels, media and dates
		// are checked against crieur.yml before anything is written.
		if _, fs := repo.ParsePost(rel, data); len(fs) > 0 {
			for _, f := range fs {
				f.Message = fmt.Sprintf("row on line %d: %s", row.Line, f.Message)
				problems = append(problems, f)
			}
		}
		todo = append(todo, planned{rel, data})
	}
	if len(problems) > 0 {
		output.Text(e.stderr, problems, len(todo))
		fmt.Fprintln(e.stderr, "nothing was imported")
		return exitFindings
	}
	for _, p := range todo {
		if *dry {
			fmt.Fprintf(e.stdout, "would create %s\n", p.rel)
			continue
		}
		abs := repo.Abs(p.rel)
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return e.fail(err)
		}
		f, err := os.OpenFile(abs, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return e.fail(err)
		}
		_, werr := f.Write(p.data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return e.fail(werr)
		}
		fmt.Fprintf(e.stdout, "created %s\n", p.rel)
	}
	verb := "created"
	if *dry {
		verb = "would create"
	}
	fmt.Fprintf(e.stdout, "%d %s %s\n", len(todo), plural(len(todo), "post", "posts"), verb)
	return exitOK
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// splitList reads a comma- or space-separated flag value.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}
