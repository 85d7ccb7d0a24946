package charte

import (
	"github.com/crieur/crieur/pipeline"
)

// mentions checks the legal mentions (loi n° 2023-451 du 9 juin 2023,
// art. 5): a post with sponsored: true says « Publicité » or
// « Collaboration commerciale » (or what sponsored.accepted lists),
// retouched: true « Images retouchées », virtual: true « Images
// virtuelles ». The law wants paid content identifiable at once, so the
// mention must be in what each channel shows first: the text where the
// network has no threads, the first part of a thread where it has; a
// first comment does not count. The check does not depend on
// sponsored.mention: the post's own flag is what demands it, and a
// charter that must not check it sets severity: charte.sponsored: off.
func (k *check) mentions() {
	if k.p.Sponsored {
		k.mention("charte.sponsored", k.cc.sponsored)
	}
	if k.p.Retouched {
		k.mention("charte.retouched", k.cc.retouched)
	}
	if k.p.Virtual {
		k.mention("charte.virtual", k.cc.virtual)
	}
}

func (k *check) mention(id string, accepted []*phrase) {
	if len(accepted) == 0 {
		return
	}
	names := make([]string, len(accepted))
	for i, ph := range accepted {
		names[i] = ph.text
	}
	type group struct {
		channels []string
		first    piece
	}
	var groups []*group
	index := map[string]*group{}
	for _, ch := range k.channels() {
		ps := pieces(k.p.TextFor(ch), k.network(ch))
		if len(ps) == 0 || ps[0].what == "first comment" {
			continue
		}
		key := ps[0].key()
		if g, ok := index[key]; ok {
			g.channels = append(g.channels, ch)
			continue
		}
		g := &group{channels: []string{ch}, first: ps[0]}
		index[key] = g
		groups = append(groups, g)
	}
	for _, g := range groups {
		found := false
		for _, part := range g.first.parts {
			m := k.mask(part)
			for _, ph := range accepted {
				if len(ph.find(m)) > 0 {
					found = true
				}
			}
		}
		if found {
			continue
		}
		part := g.first.parts[0]
		msg, hint := k.say(id, "channels", k.where(g.channels, ""), "mentions", k.quoted(names))
		k.at(part, lineSpan(k.mask(part)), id, pipeline.Error, msg, hint, nil)
	}
}
