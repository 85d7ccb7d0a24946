package render

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// The text views of a rendering: a post as each of its channels will
// show it, for a terminal (WritePreview) or for tools (PreviewOf, as
// JSON). channels are crieur.yml's, by name; a post's channel missing
// from them is left out.

// Preview is a post rendered for each of its channels.
type Preview struct {
	Path      string      `json:"path"`
	PublishAt string      `json:"publish_at,omitempty"`
	Status    string      `json:"status"`
	Channels  []Rendering `json:"channels"`
}

// PreviewOf renders p for each of its channels.
func PreviewOf(p *pipeline.Post, channels map[string]pipeline.ChannelConfig) Preview {
	out := Preview{Path: p.Path, Status: string(p.Status)}
	if !p.PublishAt.IsZero() {
		out.PublishAt = p.PublishAt.Format("2006-01-02T15:04:05-07:00")
	}
	for _, ch := range p.Channels {
		if cc, ok := channels[ch]; ok {
			out.Channels = append(out.Channels, ForChannel(p, cc))
		}
	}
	return out
}

// WritePreviewIn writes p as each of its channels will show it: when it
// goes out, then per channel each part measured against the limit, what
// would be cut, the first comment and the images with their alt text, in
// l: the weekday, the status and the words around the text
// (messages/*.yaml); dates stay ISO (2026-12-14), which no reader
// misreads. then says a repeat in l (content.RepeatIn, passed in since
// render does not import content); nil says it in English (Repeat.Then).
func WritePreviewIn(w io.Writer, p *pipeline.Post, channels map[string]pipeline.ChannelConfig, l i18n.Lang, then func(*pipeline.Repeat, i18n.Lang) string) {
	l = cmp.Or(l, i18n.English)
	when := say.Text(l, "preview.no_date", nil)
	if !p.PublishAt.IsZero() {
		when = DayIn(p.PublishAt, l) + p.PublishAt.Format(" 15:04 MST")
		if p.Repeat != nil {
			repeat := p.Repeat.Then()
			if then != nil {
				repeat = then(p.Repeat, l)
			}
			when += say.Text(l, "preview.then", i18n.Args{"repeat": repeat})
		}
	}
	fmt.Fprintf(w, "%s\n  %s · %s", p.Path, when, StatusIn(p.Status, l))
	if p.Lang != "" {
		fmt.Fprintf(w, " · %s", say.Text(l, "preview.lang", i18n.Args{"lang": p.Lang}))
	}
	if p.Campaign != "" {
		fmt.Fprintf(w, " · %s", say.Text(l, "preview.campaign", i18n.Args{"campaign": p.Campaign}))
	}
	fmt.Fprintln(w)
	for _, ch := range p.Channels {
		if cc, ok := channels[ch]; ok {
			writeChannel(w, p, ch, cc, l)
		}
	}
	fmt.Fprintln(w)
}

// writeChannel writes p as the channel named ch shows it.
func writeChannel(w io.Writer, p *pipeline.Post, ch string, cc pipeline.ChannelConfig, l i18n.Lang) {
	r := ForChannel(p, cc)
	who := cc.Network
	if cc.Account != "" {
		who += " " + cc.Account
	}
	fmt.Fprintf(w, "\n── %s (%s) %s\n", ch, who, strings.Repeat("─", max(0, 50-len(ch)-len(who))))
	for i, part := range r.Parts {
		if len(r.Parts) > 1 {
			fmt.Fprintf(w, "[%d/%d] ", i+1, len(r.Parts))
		}
		fmt.Fprintf(w, "%s\n", lengthOf(part, r.Unit, l))
		fmt.Fprintln(w, indent(part.Kept))
		if part.Cut != "" {
			fmt.Fprintf(w, "  %s\n", say.Text(l, "preview.cut", i18n.Args{"text": oneLine(part.Cut)}))
		}
	}
	if r.FirstComment != nil {
		fmt.Fprintf(w, "%s\n%s\n", say.Text(l, "preview.first_comment", i18n.Args{"length": lengthOf(*r.FirstComment, r.Unit, l)}), indent(r.FirstComment.Text))
	}
	for _, m := range r.Media {
		alt := m.Alt
		if alt == "" {
			alt = say.Text(l, "preview.no_alt", nil)
		}
		fmt.Fprintf(w, "  🖼 %s — %s\n", m.Path, alt)
	}
	if len(r.Media) == 0 && len(p.Media) > 0 {
		fmt.Fprintf(w, "  %s\n", say.Count(l, "preview.no_images", len(p.Media), i18n.Args{"network": cc.Network}))
	}
}

// lengthOf is a piece's length against its limit in l: "56/500
// characters ✓".
func lengthOf(pc Piece, unit string, l i18n.Lang) string {
	if key, ok := unitKeys[unit]; ok {
		unit = say.Text(l, key, nil)
	}
	if pc.Limit == 0 {
		return fmt.Sprintf("%d %s", pc.Count, unit)
	}
	mark := "✓"
	if pc.Count > pc.Limit {
		mark = say.Text(l, "preview.over", i18n.Args{"count": pc.Count - pc.Limit})
	}
	return fmt.Sprintf("%d/%d %s %s", pc.Count, pc.Limit, unit, mark)
}

// unitKeys are the catalog's keys of the units pipeline.Counting.Unit
// names.
var unitKeys = map[string]string{
	"characters":          "unit.characters",
	"graphemes":           "unit.graphemes",
	"weighted characters": "unit.weighted",
	"UTF-16 code units":   "unit.utf16",
}

func indent(s string) string {
	return "  │ " + strings.ReplaceAll(s, "\n", "\n  │ ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
