package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/crieur/crieur/linters/output"
	"github.com/crieur/crieur/pipeline/calendar"
	"github.com/crieur/crieur/pipeline/content"
)

type importOptions struct{ dryRun bool }

func (o *importOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the files that would be created, write nothing")
}

func (o *importOptions) run(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("name one CSV file, e.g. crieur import planning.csv")
	}
	w, err := e.workspace()
	if err != nil {
		return err
	}
	name := args[0]
	fh, err := os.Open(name)
	if err != nil && !filepath.IsAbs(name) {
		fh, err = os.Open(filepath.Join(e.dir, name))
	}
	if err != nil {
		return err
	}
	defer fh.Close()
	posts, err := calendar.Import(name, fh, w.repo.Config.Timezone)
	if err != nil {
		fmt.Fprintf(e.stderr, "%v\nnothing was imported: fix the spreadsheet and export it again\n", err)
		return errFindings
	}
	problems, err := w.repo.CheckNew(posts)
	if ex := (*content.ExistsError)(nil); errors.As(err, &ex) {
		fmt.Fprintf(e.stderr, "%s:%d: %v: give the row another slug\n", name, ex.Post.Line, ex)
		return errFindings
	}
	if len(problems) > 0 {
		output.Text(e.stderr, problems, len(posts))
		fmt.Fprintln(e.stderr, "nothing was imported")
		return errFindings
	}
	verb := "created"
	if o.dryRun {
		verb = "would create"
	}
	for _, p := range posts {
		if !o.dryRun {
			if err := w.repo.CreatePost(p); err != nil {
				return err
			}
		}
		fmt.Fprintf(e.stdout, "%s %s\n", verb, p.Path)
	}
	fmt.Fprintf(e.stdout, "%d %s %s\n", len(posts), plural(len(posts), "post", "posts"), verb)
	return nil
}
