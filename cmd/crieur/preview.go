package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

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
	var all []previewJSON
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
			all = append(all, previewOf(repo, f))
			continue
		}
		printPreview(e.stdout, repo, f)
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

type previewJSON struct {
	Path      string             `json:"path"`
	PublishAt string             `json:"publish_at,omitempty"`
	Status    string             `json:"status"`
	Channels  []render.Rendering `json:"channels"`
}

func previewOf(repo *content.Repo, f *content.File) previewJSON {
	p := f.Post
	out := previewJSON{Path: p.Path, Status: string(p.Status)}
	if !p.PublishAt.IsZero() {
		out.PublishAt = p.PublishAt.Format("2006-01-02T15:04:05-07:00")
	}
	for _, ch := range p.Channels {
		if cc, ok := repo.Config.Channels[ch]; ok {
			out.Channels = append(out.Channels, render.ForChannel(p, cc))
		}
	}
	return out
}

func printPreview(w io.Writer, repo *content.Repo, f *content.File) {
	p := f.Post
	when := "no date (draft)"
	if !p.PublishAt.IsZero() {
		when = p.PublishAt.Format("Mon 2006-01-02 15:04 MST")
		if p.Repeat != nil {
			when += ", then every " + p.Repeat.Every.String()
		}
	}
	fmt.Fprintf(w, "%s\n  %s · %s", p.Path, when, p.Status)
	if p.Lang != "" {
		fmt.Fprintf(w, " · lang %s", p.Lang)
	}
	if p.Campaign != "" {
		fmt.Fprintf(w, " · campaign %s", p.Campaign)
	}
	fmt.Fprintln(w)
	for _, ch := range p.Channels {
		cc, ok := repo.Config.Channels[ch]
		if !ok {
			continue
		}
		r := render.ForChannel(p, cc)
		who := cc.Network
		if cc.Account != "" {
			who += " " + cc.Account
		}
		fmt.Fprintf(w, "\n── %s (%s) %s\n", ch, who, strings.Repeat("─", max(0, 50-len(ch)-len(who))))
		for i, part := range r.Parts {
			if len(r.Parts) > 1 {
				fmt.Fprintf(w, "[%d/%d] ", i+1, len(r.Parts))
			}
			fmt.Fprintf(w, "%s\n", measure(part, r.Unit))
			fmt.Fprintln(w, indent(part.Kept))
			if part.Cut != "" {
				fmt.Fprintf(w, "  ✂ would be cut: %s\n", oneLine(part.Cut))
			}
		}
		if r.FirstComment != nil {
			fmt.Fprintf(w, "first comment, %s\n%s\n", measure(*r.FirstComment, r.Unit), indent(r.FirstComment.Text))
		}
		for _, m := range r.Media {
			alt := m.Alt
			if alt == "" {
				alt = "⚠ no alt text"
			}
			fmt.Fprintf(w, "  🖼 %s — %s\n", m.Path, alt)
		}
		if len(r.Media) == 0 && len(p.Media) > 0 {
			fmt.Fprintf(w, "  (%s takes no images: %d left out)\n", cc.Network, len(p.Media))
		}
	}
	fmt.Fprintln(w)
}

func measure(pc render.Piece, unit string) string {
	if pc.Limit == 0 {
		return fmt.Sprintf("%d %s", pc.Count, unit)
	}
	mark := "✓"
	if pc.Count > pc.Limit {
		mark = fmt.Sprintf("✗ %d over", pc.Count-pc.Limit)
	}
	return fmt.Sprintf("%d/%d %s %s", pc.Count, pc.Limit, unit, mark)
}

func indent(s string) string {
	return "  │ " + strings.ReplaceAll(s, "\n", "\n  │ ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
