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
// graphemes, Mastodon with URLs as 23, Threads with emojis as bytes).
type Length struct{}

var _ rule.Rule = Length{}

func (Length) Infos() []rule.Info {
	return []rule.Info{{ID: "length", Description: "The text is longer than the network accepts, counted the network's way.", Default: pipeline.Error}}
}

// blueskyMaxBytes is Bluesky's second limit on a post's text.
const blueskyMaxBytes = 3000

func (Length) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	var out []pipeline.Finding
	for _, ch := range p.Channels {
		cc, ok := c.Repo.Config.Channels[ch]
		if !ok {
			continue
		}
		limit := cc.Limit
		if limit == 0 {
			limit = render.Limit(cc.Network)
		}
		if limit == 0 {
			continue
		}
		text := p.TextFor(ch)
		hint := "shorten it, or write a shorter text for this channel under variants: " + ch
		if pipeline.SupportsThreads(cc.Network) {
			hint += ", or split it into a thread with a line holding only ---"
		}
		for i, part := range text.PartsFor(cc.Network) {
			plain := render.Plain(part.Source)
			what := "the text"
			if len(text.Parts) > 1 && pipeline.SupportsThreads(cc.Network) {
				what = fmt.Sprintf("part %d of the thread", i+1)
			}
			if n := render.Count(cc.Network, plain); n > limit {
				_, cut := render.Cut(cc.Network, plain, limit)
				out = append(out, rule.At(p, firstChar(part), "length", pipeline.Error,
					fmt.Sprintf("%s is too long for %s: %d/%d %s, %d over; it would lose «%s»", what, ch, n, limit, render.Unit(cc.Network), n-limit, excerpt(cut)),
					hint))
			} else if cc.Network == "bluesky" && len(plain) > blueskyMaxBytes {
				out = append(out, rule.At(p, firstChar(part), "length", pipeline.Error,
					fmt.Sprintf("%s is too long for %s: %d/%d bytes", what, ch, len(plain), blueskyMaxBytes), hint))
			}
		}
		if fc := text.FirstComment; fc != nil {
			if n := render.Count(cc.Network, render.Plain(fc.Source)); n > limit {
				out = append(out, rule.At(p, firstChar(*fc), "length", pipeline.Error,
					fmt.Sprintf("the first comment is too long for %s: %d/%d %s", ch, n, limit, render.Unit(cc.Network)), "shorten the first comment"))
			}
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
