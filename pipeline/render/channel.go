package render

import "github.com/crieur/crieur/pipeline"

// Piece is one rendered part of a post on a channel, measured.
type Piece struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
	Limit int    `json:"limit,omitempty"` // 0: no limit
	Kept  string `json:"-"`               // the text that fits the limit
	Cut   string `json:"cut,omitempty"`   // what passes the limit, "" when it fits
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
	measure := func(src string) Piece {
		text := Plain(src)
		pc := Piece{Text: text, Count: Count(cc.Network, text), Limit: limit, Kept: text}
		if limit > 0 && pc.Count > limit {
			pc.Kept, pc.Cut = Cut(cc.Network, text, limit)
		}
		return pc
	}
	text := p.TextFor(cc.Name)
	r := Rendering{Channel: cc.Name, Network: cc.Network, Account: cc.Account, Unit: network.Counting.Unit()}
	for _, part := range text.PartsFor(cc.Network) {
		r.Parts = append(r.Parts, measure(part.Source))
	}
	if text.FirstComment != nil {
		fc := measure(text.FirstComment.Source)
		r.FirstComment = &fc
	}
	if !known || network.Media.Max > 0 {
		r.Media = p.Media
	}
	return r
}

// Texts returns the rendered parts' texts.
func (r Rendering) Texts() []string {
	out := make([]string, len(r.Parts))
	for i, p := range r.Parts {
		out[i] = p.Text
	}
	return out
}
