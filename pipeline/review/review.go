// Package review writes what a pull request's reviewers read: every
// changed post as each of its channels will show it (text, length against
// the limit, thread parts, first comment, images with their alt text, the
// time in the repository's zone), the findings on it, and the published
// posts the pull request deletes or rewrites. The same Markdown goes into
// the job summary and the sticky comment.
//
// Rule of the room: imports pipeline, pipeline/content and
// pipeline/render, besides the standard library; other rooms come in as
// interfaces and functions of its own. It knows nothing of GitHub's API.
// internal/archtest checks the imports.
package review

import (
	"fmt"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/render"
)

// MaxLen is GitHub's limit on a comment's body (65,536 characters); the
// Markdown is cut below it with a note.
const MaxLen = 65000

// Touched is a published post that the pull request deletes or whose text
// it changes: what went out stays online, the reviewers must know.
type Touched struct {
	Path    string
	Deleted bool
	Where   []string // the channels it went out on, with their URLs
}

// Input is what the review shows.
type Input struct {
	Repo     *content.Repo
	Posts    []*content.File    // the posts the pull request adds or changes
	Findings []pipeline.Finding // on those posts (and the calendar rules)
	Touched  []Touched
	// Sensitive are the files the pull request changes that decide where
	// secrets go or what runs with them (SensitiveFiles).
	Sensitive []Sensitive
	Link      func(path string, line int) string // a URL to a file's line, or nil
	Note      string                             // said at the end (why there is no comment, fork…)
}

// Markdown renders the review.
func Markdown(in Input) string {
	var b strings.Builder
	errs, warns, sugg := count(in.Findings)
	fmt.Fprintf(&b, "## %s crieur: %d %s to review\n\n", mark(errs, warns), len(in.Posts), plural(len(in.Posts), "post", "posts"))
	fmt.Fprintf(&b, "%d %s, %d %s, %d %s.", errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"), sugg, plural(sugg, "suggestion", "suggestions"))
	if errs > 0 {
		b.WriteString(" A post with an error is not published until it is fixed.")
	}
	b.WriteString("\n\n")
	writeSensitive(&b, in)
	for _, t := range in.Touched {
		fmt.Fprintf(&b, "> [!WARNING]\n> This pull request %s `%s`, which **already went out** (%s). Deleting or editing the file does not take it down: write `status: retracted` to delete it from the networks, and publish a corrected post with `replaces: %s`.\n\n",
			t.what(), t.Path, strings.Join(t.Where, ", "), t.Path)
	}
	byPath := map[string][]pipeline.Finding{}
	var calendar []pipeline.Finding
	inPR := map[string]bool{}
	for _, f := range in.Posts {
		inPR[f.Post.Path] = true
	}
	for _, f := range in.Findings {
		if inPR[f.Path] {
			byPath[f.Path] = append(byPath[f.Path], f)
		} else {
			calendar = append(calendar, f)
		}
	}
	for _, f := range in.Posts {
		writePost(&b, in, f.Post, byPath[f.Post.Path])
	}
	if len(calendar) > 0 {
		b.WriteString("### The calendar\n\n")
		for _, fd := range calendar {
			writeFinding(&b, fd, in.Link)
		}
		b.WriteString("\n")
	}
	if in.Note != "" {
		fmt.Fprintf(&b, "> [!NOTE]\n> %s\n", in.Note)
	}
	return clip(b.String())
}

// mark is the icon of a verdict: an error, else a warning, else fine.
func mark(errs, warns int) string {
	switch {
	case errs > 0:
		return "❌"
	case warns > 0:
		return "⚠️"
	}
	return "✅"
}

// writePost shows one post of the pull request: its title, file, time,
// status and campaign, its findings, and each of its channels.
func writePost(b *strings.Builder, in Input, p *pipeline.Post, fs []pipeline.Finding) {
	loc := in.Repo.Config.Timezone
	when := "no date (draft)"
	if !p.PublishAt.IsZero() {
		when = p.PublishAt.In(loc).Format("Mon 2 Jan 2006 15:04") + " (" + loc.String() + ")"
		if p.Repeat != nil {
			when += ", then " + p.Repeat.Then()
		}
	}
	e, w, _ := count(fs)
	title := p.Title
	if title == "" {
		title = p.Path
	}
	fmt.Fprintf(b, "### %s %s\n\n`%s` · %s · %s", mark(e, w), escape(title), p.Path, when, p.Status)
	if p.Campaign != "" {
		fmt.Fprintf(b, " · campaign %s", escape(p.Campaign))
	}
	b.WriteString("\n\n")
	for _, fd := range fs {
		writeFinding(b, fd, in.Link)
	}
	if len(fs) > 0 {
		b.WriteString("\n")
	}
	for _, ch := range p.Channels {
		cc, ok := in.Repo.Config.Channels[ch]
		if !ok {
			continue
		}
		writeChannel(b, p, ch, cc)
	}
}

func writeChannel(b *strings.Builder, p *pipeline.Post, name string, cc pipeline.ChannelConfig) {
	r := render.ForChannel(p, cc)
	who := cc.Network
	if cc.Account != "" {
		who += " · " + cc.Account
	}
	over := false
	for _, pc := range r.Parts {
		over = over || (pc.Limit > 0 && pc.Count > pc.Limit)
	}
	open := ""
	if over {
		open = " open"
	}
	summary := fmt.Sprintf("<b>%s</b> (%s)", escape(name), escape(who))
	if len(r.Parts) == 1 {
		summary += " — " + measure(r.Parts[0], r.Unit)
	} else {
		summary += fmt.Sprintf(" — thread of %d", len(r.Parts))
	}
	fmt.Fprintf(b, "<details%s><summary>%s</summary>\n\n", open, summary)
	for i, pc := range r.Parts {
		if len(r.Parts) > 1 {
			fmt.Fprintf(b, "**%d/%d** — %s\n\n", i+1, len(r.Parts), measure(pc, r.Unit))
		}
		b.WriteString(quote(pc.Kept))
		if pc.Cut != "" {
			fmt.Fprintf(b, "✂️ would be cut: ~~%s~~\n\n", escape(strings.Join(strings.Fields(pc.Cut), " ")))
		}
	}
	if r.FirstComment != nil {
		fmt.Fprintf(b, "**First comment** — %s\n\n%s", measure(*r.FirstComment, r.Unit), quote(r.FirstComment.Text))
	}
	for _, m := range r.Media {
		alt := escape(m.Alt)
		if alt == "" {
			alt = "⚠️ **no alt text**"
		}
		fmt.Fprintf(b, "🖼️ `%s` — %s\n\n", m.Path, alt)
	}
	if len(r.Media) == 0 && len(p.Media) > 0 {
		fmt.Fprintf(b, "(%s takes no images: %d left out)\n\n", cc.Network, len(p.Media))
	}
	b.WriteString("</details>\n\n")
}

func writeFinding(b *strings.Builder, f pipeline.Finding, link func(string, int) string) {
	icon := map[pipeline.Severity]string{pipeline.Error: "❌", pipeline.Warning: "⚠️", pipeline.Suggestion: "💡"}[f.Severity]
	if icon == "" {
		icon = "•"
	}
	where := fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Col)
	if link != nil {
		if u := link(f.Path, f.Line); u != "" {
			where = "[" + where + "](" + u + ")"
		}
	}
	fmt.Fprintf(b, "- %s %s `%s` %s", icon, where, f.Rule, escape(f.Message))
	if f.Hint != "" {
		fmt.Fprintf(b, " — *%s*", escape(f.Hint))
	}
	b.WriteString("\n")
}

func measure(pc render.Piece, unit string) string {
	if pc.Limit == 0 {
		return fmt.Sprintf("%d %s", pc.Count, unit)
	}
	if pc.Count > pc.Limit {
		return fmt.Sprintf("%d/%d %s ❌ %d over", pc.Count, pc.Limit, unit, pc.Count-pc.Limit)
	}
	return fmt.Sprintf("%d/%d %s ✅", pc.Count, pc.Limit, unit)
}

// quote shows a text as it will read: a block quote, line breaks kept,
// Markdown characters escaped so that GitHub does not reformat it.
func quote(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		b.WriteString("> " + escape(l) + "  \n")
	}
	b.WriteString("\n")
	return b.String()
}

var escaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "#", `\#`, "|", `\|`, "~", `\~`)

// escape keeps a post's text from being read as Markdown or HTML.
func escape(s string) string { return escaper.Replace(s) }

func count(fs []pipeline.Finding) (errs, warns, sugg int) {
	for _, f := range fs {
		switch f.Severity {
		case pipeline.Error:
			errs++
		case pipeline.Warning:
			warns++
		default:
			sugg++
		}
	}
	return
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func clip(s string) string {
	if len(s) <= MaxLen {
		return s
	}
	cut := strings.LastIndex(s[:MaxLen-200], "\n")
	if cut < 0 {
		cut = MaxLen - 200
	}
	return s[:cut] + "\n\n… cut here: GitHub takes at most 65,536 characters. Run `crieur preview` on the posts for the rest.\n"
}
