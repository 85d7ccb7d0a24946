package core

import (
	"fmt"
	"strings"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/render"
)

// Length checks that every part of a post fits its channel's limit,
// counted as the network counts (X weighted with URLs as 23, Bluesky in
// graphemes, Mastodon in graphemes with URLs as 23, Threads with emojis
// as bytes, Telegram in UTF-16 code units).
type Length struct{}

var _ rule.Rule = Length{}

func (Length) Infos() []rule.Info {
	return []rule.Info{{ID: "length", Description: describe("length"), Default: pipeline.Error}}
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
		l := c.Language
		hint := say.Text(l, "length.hint", i18n.Args{"channel": ch})
		if network.Threads {
			hint = say.Text(l, "length.hint_thread", i18n.Args{"channel": ch})
		}
		unit := say.Text(l, "unit."+unitID(rd.Unit), nil)
		for i, pc := range rd.Parts {
			what := say.Text(l, "length.the_text", nil)
			if len(rd.Parts) > 1 {
				what = say.Text(l, "length.part", i18n.Args{"n": i + 1})
			}
			args := i18n.Args{"what": what, "channel": ch, "count": pc.Count, "limit": pc.Limit, "unit": unit}
			switch {
			case pc.Limit > 0 && pc.Count > pc.Limit:
				args["over"], args["cut"] = pc.Count-pc.Limit, excerpt(pc.Cut)
				out = append(out, rule.At(p, firstChar(pc.From), "length", pipeline.Error, say.Text(l, "length.too_long", args), hint))
			case len(render.Refused(cc.Network, pc.Text)) > 0:
				args["char"] = fmt.Sprintf("%U", render.Refused(cc.Network, pc.Text)[0])
				out = append(out, rule.At(p, firstChar(pc.From), "length", pipeline.Error,
					say.Text(l, "length.invisible", args), say.Text(l, "length.invisible_hint", args)))
			case network.ByteLimit > 0 && len(pc.Text) > network.ByteLimit:
				args["count"], args["limit"] = len(pc.Text), network.ByteLimit
				out = append(out, rule.At(p, firstChar(pc.From), "length", pipeline.Error, say.Text(l, "length.too_many_bytes", args), hint))
			}
		}
		if fc := rd.FirstComment; fc != nil && fc.Limit > 0 && fc.Count > fc.Limit {
			args := i18n.Args{"channel": ch, "count": fc.Count, "limit": fc.Limit, "unit": unit}
			out = append(out, rule.At(p, firstChar(fc.From), "length", pipeline.Error,
				say.Text(l, "length.first_comment", args), say.Text(l, "length.first_comment_hint", nil)))
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
