package core

import (
	"fmt"
	"strings"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/render"
)

// Length checks that every part of a post fits its channel's limit,
// counted as the network counts (X weighted with URLs as 23, Bluesky in
// graphemes, Mastodon in graphemes with URLs as 23, Threads with emojis
// as bytes, Telegram in UTF-16 code units).
type Length struct{}

var _ rule.Rule = Length{}

func (Length) Infos() []rule.Info {
	return []rule.Info{{ID: "length", Description: "The text is longer than the network accepts, counted the network's way.", Default: pipeline.Error}}
}

func (Length) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	var out []pipeline.Finding
	for _, ch := range p.Channels {
		cc, ok := c.Repo.Config.Channels[ch]
		if !ok {
			continue
		}
		// The rendering the preview shows and the publisher sends; each
		// piece knows the part of the file it came from.
		rd := render.ForChannel(p, cc)
		network, _ := pipeline.LookupNetwork(cc.Network)
		hint := "shorten it, or write a shorter text for this channel under variants: " + ch
		if network.Threads {
			hint += ", or split it into a thread with a line holding only ---"
		}
		for i, pc := range rd.Parts {
			what := "the text"
			if len(rd.Parts) > 1 {
				what = fmt.Sprintf("part %d of the thread", i+1)
			}
			switch {
			case pc.Limit > 0 && pc.Count > pc.Limit:
				out = append(out, rule.At(p, firstChar(pc.From), "length", pipeline.Error,
					fmt.Sprintf("%s is too long for %s: %d/%d %s, %d over; it would lose «%s»", what, ch, pc.Count, pc.Limit, rd.Unit, pc.Count-pc.Limit, excerpt(pc.Cut)),
					hint))
			case len(render.Refused(cc.Network, pc.Text)) > 0:
				r := render.Refused(cc.Network, pc.Text)[0]
				out = append(out, rule.At(p, firstChar(pc.From), "length", pipeline.Error,
					fmt.Sprintf("%s holds %U, an invisible character %s refuses", what, r, ch),
					fmt.Sprintf("delete the %U (an editor shows it as a zero-width or byte-order mark)", r)))
			case network.ByteLimit > 0 && len(pc.Text) > network.ByteLimit:
				out = append(out, rule.At(p, firstChar(pc.From), "length", pipeline.Error,
					fmt.Sprintf("%s is too long for %s: %d/%d bytes", what, ch, len(pc.Text), network.ByteLimit), hint))
			}
		}
		if fc := rd.FirstComment; fc != nil && fc.Limit > 0 && fc.Count > fc.Limit {
			out = append(out, rule.At(p, firstChar(fc.From), "length", pipeline.Error,
				fmt.Sprintf("the first comment is too long for %s: %d/%d %s", ch, fc.Count, fc.Limit, rd.Unit), "shorten the first comment"))
		}
	}
	return out
}

// firstChar is the position of the first visible character of a part:
// past blank lines and HTML comments, so that a finding lands on the line
// a <!-- crieur-disable-next-line --> comment above the text names.
func firstChar(p pipeline.Part) pipeline.Pos {
	s := p.Source
	for {
		t := strings.TrimLeft(s, " \t\r\n")
		if !strings.HasPrefix(t, "<!--") {
			s = t
			break
		}
		end := strings.Index(t, "-->")
		if end < 0 {
			s = t
			break
		}
		s = t[end+len("-->"):]
	}
	if strings.TrimSpace(s) == "" {
		s = strings.TrimLeft(p.Source, " \t\r\n")
	}
	return p.PosOf(len(p.Source) - len(s))
}

// excerpt shortens a cut-off text for a message: its first words.
func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
