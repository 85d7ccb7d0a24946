package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/crieur/crieur/linters/output"
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
	posts, err := importRows(repo, name, fh)
	if err != nil {
		fmt.Fprintf(e.stderr, "%v\nnothing was imported: fix the spreadsheet and export it again\n", err)
		return exitFindings
	}
	problems, err := repo.CheckNew(posts)
	if ex := (*content.ExistsError)(nil); errors.As(err, &ex) {
		fmt.Fprintf(e.stderr, "%s:%d: %v: give the row another slug\n", name, ex.Post.Line, ex)
		return exitFindings
	}
	if len(problems) > 0 {
		output.Text(e.stderr, problems, len(posts))
		fmt.Fprintln(e.stderr, "nothing was imported")
		return exitFindings
	}
	verb := "created"
	if *dry {
		verb = "would create"
	}
	for _, p := range posts {
		if !*dry {
			if err := repo.CreatePost(p); err != nil {
				return e.fail(err)
			}
		}
		fmt.Fprintf(e.stdout, "%s %s\n", verb, p.Path)
	}
	fmt.Fprintf(e.stdout, "%d %s %s\n", len(posts), plural(len(posts), "post", "posts"), verb)
	return exitOK
}

// importRows reads the spreadsheet name into the post files to create;
// rows exported by crieur plan --csv for posts that exist are left out.
func importRows(repo *content.Repo, name string, fh io.Reader) ([]content.NewPost, error) {
	rows, err := calendar.ReadCSV(name, fh, repo.Config.Timezone)
	if err != nil {
		return nil, err
	}
	var posts []content.NewPost
	for _, row := range rows {
		if row.Path != "" {
			continue // an exported row of an existing post
		}
		rel, data := calendar.PostFile(row, repo.Config.Timezone)
		posts = append(posts, content.NewPost{Path: rel, Data: data, Line: row.Line})
	}
	return posts, nil
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
