package render

import (
	"strings"

	"github.com/crieur/crieur/pipeline"
)

// Piece is one rendered part of a post on a channel, measured.
type Piece struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
	Limit int    `json:"limit,omitempty"` // 0: no limit
	Kept  string `json:"-"`               // the text that fits the limit
	Cut   string `json:"cut,omitempty"`   // what passes the limit, "" when it fits
	// Links are the URLs the network counts as links, whatever their
	// length (23 on X and Mastodon), as it finds them; none elsewhere.
	Links []string      `json:"links,omitempty"`
	From  pipeline.Part `json:"-"` // the Markdown it was rendered from, with its position in the file
}

// Rendering is a post as one channel will show it.
type Rendering struct {
	Channel      string           `json:"channel"`
	Network      string           `json:"network"`
	Account      string           `json:"account,omitempty"`
	Unit         string           `json:"unit"` // what Count counts
	Parts        []Piece          `json:"parts"`
	FirstComment *Piece           `json:"first_comment,omitempty"`
	Media        []pipeline.Media `json:"media,omitempty"` // empty where the network takes no image
}

// ForChannel renders a post for one of its channels: the variant or the
// body, split as a thread where the network has threads, each part
// measured against the channel's limit (the configured one, or the
// network's).
func ForChannel(p *pipeline.Post, cc pipeline.ChannelConfig) Rendering {
	network, known := pipeline.LookupNetwork(cc.Network)
	limit := cc.Limit
	if limit == 0 {
		limit = network.Limit
	}
	measure := func(src pipeline.Part) Piece {
		text := Plain(src.Source)
		pc := Piece{Text: text, Count: Count(cc.Network, text), Limit: limit, Kept: text, Links: Links(cc.Network, text), From: src}
		if limit > 0 && pc.Count > limit {
			pc.Kept, pc.Cut = Cut(cc.Network, text, limit)
		}
		return pc
	}
	text := p.TextFor(cc.Name)
	r := Rendering{Channel: cc.Name, Network: cc.Network, Account: cc.Account, Unit: network.Counting.Unit()}
	for _, part := range partsFor(text, network) {
		r.Parts = append(r.Parts, measure(part))
	}
	if text.FirstComment != nil {
		fc := measure(*text.FirstComment)
		r.FirstComment = &fc
	}
	if !known || network.Media.Max > 0 {
		r.Media = p.Media
	}
	return r
}

// Message is what a delivery sends: the post rendered for the channel's
// network (ForChannel), keyed by the delivery, its images at the paths abs
// gives for the repository's relative ones.
func Message(d pipeline.Delivery, cc pipeline.ChannelConfig, abs func(path string) string) pipeline.Message {
	rd := ForChannel(d.Post, cc)
	m := pipeline.Message{Key: d.Key(), Post: d.Post.Path, Lang: d.Post.Lang, Parts: make([]string, len(rd.Parts))}
	for i, pc := range rd.Parts {
		m.Parts[i] = pc.Text
	}
	if rd.FirstComment != nil {
		m.FirstComment = rd.FirstComment.Text
	}
	for _, med := range rd.Media {
		m.Media = append(m.Media, pipeline.Attachment{Path: abs(med.Path), Name: med.Path, Alt: med.Alt})
	}
	return m
}

// partsFor returns the pieces of text a network receives: every part of a
// thread where the network has threads, else the parts joined by a blank
// line into one (positioned at the first part).
func partsFor(t pipeline.Text, network pipeline.Network) []pipeline.Part {
	if len(t.Parts) <= 1 || network.Threads {
		return t.Parts
	}
	joined := t.Parts[0]
	var b strings.Builder
	for i, p := range t.Parts {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(strings.TrimSpace(p.Source))
	}
	joined.Source = b.String()
	return []pipeline.Part{joined}
}
