package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/crieur/crieur/linters/output"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/render"
)

const previewHelp = `
Shows each post as each of its channels will show it: the text rendered
for the network (links kept, emphasis dropped, lists and line breaks
kept), its length counted the network's way against the limit, what
would be cut, the thread's parts, the first comment and the images with
their alt text, and the publication time in the repository's time zone.
Problems with the file itself are printed first.
`

func runPreview(e *env, args []string) int {
	fs := flag.NewFlagSet("preview", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text or json")
	files, err := parse(e, "preview", fs, args)
	if err != nil {
		return exitFor(err)
	}
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "crieur preview: name the post to preview, e.g. crieur preview posts/2026/12/saison.md")
		return exitUsage
	}
	repo, err := content.Open(e.dir)
	if err != nil {
		return e.fail(err)
	}
	paths, err := repo.PostPaths(files...)
	if err != nil {
		return e.fail(err)
	}
	var all []render.Preview
	code := exitOK
	for _, rel := range paths {
		src, err := os.ReadFile(repo.Abs(rel))
		if err != nil {
			return e.fail(err)
		}
		f, problems := repo.ParsePost(rel, src)
		if len(problems) > 0 {
			output.Text(e.stderr, problems, 1)
			code = exitFindings
		}
		if f == nil {
			continue
		}
		if *format == "json" {
			all = append(all, render.PreviewOf(f.Post, repo.Config.Channels))
			continue
		}
		render.WritePreview(e.stdout, f.Post, repo.Config.Channels)
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(all); err != nil {
			return e.fail(err)
		}
	}
	return code
}
