package main

import (
	"encoding/json"
	"flag"

	"github.com/crieur/crieur/linters/output"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/render"
)

type previewOptions struct{ format string }

func (o *previewOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "output format: text or json")
}

func (o *previewOptions) run(e *env, files []string) error {
	if len(files) == 0 {
		return usagef("usage.preview", nil)
	}
	w, err := e.workspace()
	if err != nil {
		return err
	}
	paths, err := w.repo.PostPaths(files...)
	if err != nil {
		return err
	}
	var all []render.Preview
	var result error
	for _, rel := range paths {
		src, err := w.repo.ReadPost(rel)
		if err != nil {
			return err
		}
		f, problems := w.repo.ParsePost(rel, src)
		if len(problems) > 0 {
			output.Text(e.stderr, problems, 1)
			result = errFindings
		}
		if f == nil {
			continue
		}
		if o.format == "json" {
			all = append(all, render.PreviewOf(f.Post, w.repo.Config.Channels))
			continue
		}
		render.WritePreviewIn(e.stdout, f.Post, w.repo.Config.Channels, w.repo.Language, content.RepeatIn)
	}
	if o.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(all); err != nil {
			return err
		}
	}
	return result
}
