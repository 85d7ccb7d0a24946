package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/crieur/crieur/pipeline"
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

// WritePreview writes p as each of its channels will show it: when it
// goes out, then per channel each part measured against the limit, what
// would be cut, the first comment and the images with their alt text.
func WritePreview(w io.Writer, p *pipeline.Post, channels map[string]pipeline.ChannelConfig) {
	when := "no date (draft)"
	if !p.PublishAt.IsZero() {
		when = p.PublishAt.Format("Mon 2006-01-02 15:04 MST")
		if p.Repeat != nil {
			when += ", then " + p.Repeat.Then()
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
		if cc, ok := channels[ch]; ok {
			writeChannel(w, p, ch, cc)
		}
	}
	fmt.Fprintln(w)
}

// writeChannel writes p as the channel named ch shows it.
func writeChannel(w io.Writer, p *pipeline.Post, ch string, cc pipeline.ChannelConfig) {
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
		fmt.Fprintf(w, "%s\n", lengthOf(part, r.Unit))
		fmt.Fprintln(w, indent(part.Kept))
		if part.Cut != "" {
			fmt.Fprintf(w, "  ✂ would be cut: %s\n", oneLine(part.Cut))
		}
	}
	if r.FirstComment != nil {
		fmt.Fprintf(w, "first comment, %s\n%s\n", lengthOf(*r.FirstComment, r.Unit), indent(r.FirstComment.Text))
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

// lengthOf is a piece's length against its limit: "56/500 characters ✓".
func lengthOf(pc Piece, unit string) string {
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
