// Package review writes what a pull request's reviewers read: every
// changed post as each of its channels will show it (text, length against
// the limit, thread parts, first comment, images with their alt text, the
// time in the repository's zone), the findings on it, and the published
// posts the pull request deletes or rewrites. The same Markdown goes into
// the job summary and the sticky comment, in the team's language
// (Input.Language; messages/*.yaml through pipeline/i18n).
//
// Rule of the room: imports pipeline, pipeline/content,
// pipeline/render and pipeline/i18n, besides the standard library; other rooms come in as
// interfaces and functions of its own. It knows nothing of GitHub's API.
// internal/archtest checks the imports.
package review

import (
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/render"
)

//go:embed messages
var catalog embed.FS

// say is what the review says, in each language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

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
	Language  i18n.Lang                          // the reviewers' (English when empty)
}

// Markdown renders the review.
func Markdown(in Input) string {
	var b strings.Builder
	l := in.Language
	errs, warns, sugg := count(in.Findings)
	fmt.Fprintf(&b, "## %s\n\n", say.Text(l, "title", i18n.Args{"mark": mark(errs, warns), "posts": say.Count(l, "posts", len(in.Posts), nil)}))
	b.WriteString(say.Text(l, "counts", i18n.Args{"errors": say.Count(l, "errors", errs, nil),
		"warnings": say.Count(l, "warnings", warns, nil), "suggestions": say.Count(l, "suggestions", sugg, nil)}))
	if errs > 0 {
		b.WriteString(" " + say.Text(l, "blocked", nil))
	}
	b.WriteString("\n\n")
	writeSensitive(&b, in)
	for _, t := range in.Touched {
		fmt.Fprintf(&b, "> [!WARNING]\n> %s\n\n", say.Text(l, "touched."+t.what(), i18n.Args{"path": t.Path, "where": strings.Join(t.Where, ", ")}))
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
		fmt.Fprintf(&b, "### %s\n\n", say.Text(l, "calendar", nil))
		for _, fd := range calendar {
			writeFinding(&b, fd, in.Link)
		}
		b.WriteString("\n")
	}
	if in.Note != "" {
		fmt.Fprintf(&b, "> [!NOTE]\n> %s\n", in.Note)
	}
	return clipIn(b.String(), l)
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
	l := in.Language
	when := whenOf(p, in.Repo.Config.Timezone, l)
	e, w, _ := count(fs)
	title := p.Title
	if title == "" {
		title = p.Path
	}
	fmt.Fprintf(b, "### %s %s\n\n`%s` · %s · %s", mark(e, w), escape(title), p.Path, when, p.Status)
	if p.Campaign != "" {
		b.WriteString(" · " + say.Text(l, "campaign", i18n.Args{"name": escape(p.Campaign)}))
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
		writeChannel(b, p, ch, cc, l)
	}
}

// whenOf is when a post goes out, in the repository's zone: "Tue 1 Dec
// 2026 19:30 (Europe/Brussels)", its repetition after it.
func whenOf(p *pipeline.Post, loc *time.Location, l i18n.Lang) string {
	if p.PublishAt.IsZero() {
		return say.Text(l, "when.none", nil)
	}
	t := p.PublishAt.In(loc)
	names := render.NamesFor(string(l))
	if l == "" {
		names = render.NamesFor("en")
	}
	date := say.Text(l, "when.date", i18n.Args{"weekday": names.WeekdaysShort[render.WeekdayIndex(t.Weekday())],
		"day": t.Day(), "month": names.MonthsShort[t.Month()-1], "year": t.Year(), "time": t.Format("15:04")})
	when := say.Text(l, "when.at", i18n.Args{"date": date, "zone": loc.String()})
	if p.Repeat != nil {
		when = say.Text(l, "when.then", i18n.Args{"when": when, "repeat": content.RepeatIn(p.Repeat, l)})
	}
	return when
}

func writeChannel(b *strings.Builder, p *pipeline.Post, name string, cc pipeline.ChannelConfig, l i18n.Lang) {
	r := render.ForChannel(p, cc)
	unit := unitIn(r.Unit, l)
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
		summary += " — " + measure(r.Parts[0], unit, l)
	} else {
		summary += " — " + say.Text(l, "thread", i18n.Args{"count": len(r.Parts)})
	}
	fmt.Fprintf(b, "<details%s><summary>%s</summary>\n\n", open, summary)
	for i, pc := range r.Parts {
		if len(r.Parts) > 1 {
			fmt.Fprintf(b, "**%d/%d** — %s\n\n", i+1, len(r.Parts), measure(pc, unit, l))
		}
		b.WriteString(quote(pc.Kept))
		if pc.Cut != "" {
			fmt.Fprintf(b, "✂️ %s ~~%s~~\n\n", say.Text(l, "cut", nil), escape(strings.Join(strings.Fields(pc.Cut), " ")))
		}
	}
	if r.FirstComment != nil {
		fmt.Fprintf(b, "**%s** — %s\n\n%s", say.Text(l, "first_comment", nil), measure(*r.FirstComment, unit, l), quote(r.FirstComment.Text))
	}
	for _, m := range r.Media {
		alt := escape(m.Alt)
		if alt == "" {
			alt = "⚠️ **" + say.Text(l, "no_alt", nil) + "**"
		}
		fmt.Fprintf(b, "🖼️ `%s` — %s\n\n", m.Path, alt)
	}
	if len(r.Media) == 0 && len(p.Media) > 0 {
		b.WriteString(say.Count(l, "no_images", len(p.Media), i18n.Args{"network": cc.Network}) + "\n\n")
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

// unitIn is what a network counts (pipeline.Counting.Unit) in l; a unit
// the catalog does not know stays as written.
func unitIn(unit string, l i18n.Lang) string {
	id, ok := map[string]string{"graphemes": "unit.graphemes", "weighted characters": "unit.weighted",
		"UTF-16 code units": "unit.utf16", "characters": "unit.characters"}[unit]
	if !ok {
		return unit
	}
	return say.Text(l, id, nil)
}

func measure(pc render.Piece, unit string, l i18n.Lang) string {
	if pc.Limit == 0 {
		return fmt.Sprintf("%d %s", pc.Count, unit)
	}
	if pc.Count > pc.Limit {
		return fmt.Sprintf("%d/%d %s ❌ %s", pc.Count, pc.Limit, unit, say.Text(l, "measure.over", i18n.Args{"count": pc.Count - pc.Limit}))
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

// clip cuts a review GitHub would refuse, saying so in English (clipIn).
func clip(s string) string { return clipIn(s, i18n.English) }

func clipIn(s string, l i18n.Lang) string {
	if len(s) <= MaxLen {
		return s
	}
	cut := strings.LastIndex(s[:MaxLen-200], "\n")
	if cut < 0 {
		cut = MaxLen - 200
	}
	return s[:cut] + "\n\n" + say.Text(l, "clipped", nil) + "\n"
}
