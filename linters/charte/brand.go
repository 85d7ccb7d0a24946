package charte

import (
	"fmt"
	"strings"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Brand checks a post against its brand's charter (charte.yml): forbidden
// terms, substitutions, hashtags, emojis, UTM parameters on links, the
// legal mentions of paid and retouched content, the inclusive writing
// policy and the charter's own rules. Every rule instance is data of the
// charter; its messages and defaults are in defaults.yml.
type Brand struct{}

var _ rule.Rule = Brand{}

// Infos lists the rule ids Brand reports. The charter's own rules report
// under their own ids (charte.<id>), which only the charter knows.
func (Brand) Infos() []rule.Info {
	return []rule.Info{
		{ID: "charte.forbidden", Description: describe("charte.forbidden"), Default: forbiddenDefault},
		{ID: "charte.substitution", Description: describe("charte.substitution"), Default: substitutionDefault},
		{ID: "charte.hashtags.max", Description: describe("charte.hashtags.max"), Default: pipeline.Warning},
		{ID: "charte.hashtags.required", Description: describe("charte.hashtags.required"), Default: pipeline.Error},
		{ID: "charte.emojis.max", Description: describe("charte.emojis.max"), Default: pipeline.Warning},
		{ID: "charte.links.utm", Description: describe("charte.links.utm"), Default: pipeline.Warning},
		{ID: "charte.sponsored", Description: describe("charte.sponsored"), Default: pipeline.Error},
		{ID: "charte.retouched", Description: describe("charte.retouched"), Default: pipeline.Error},
		{ID: "charte.virtual", Description: describe("charte.virtual"), Default: pipeline.Error},
		{ID: "charte.inclusive", Description: describe("charte.inclusive"), Default: pipeline.Error},
		{ID: "charte.config", Description: describe("charte.config"), Default: pipeline.Error},
	}
}

// Check runs every rule of the post's charter on the post.
func (Brand) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	if c == nil || c.Repo == nil || f == nil || f.Post == nil {
		return nil
	}
	charter := c.Repo.CharterFor(f.Post.Brand)
	if charter == nil {
		return nil
	}
	k := &check{ctx: c, f: f, p: f.Post, ch: charter, cc: compiledFor(charter), masked: map[[2]int]string{}, finder: map[[2]int]rule.Finder{}}
	k.config()
	for _, part := range rule.Parts(k.p) {
		k.prose(part)
	}
	k.counts()
	k.required()
	k.occurrences()
	k.links()
	k.mentions()
	return k.out
}

// check is one post being checked.
type check struct {
	ctx    *rule.Context
	f      *content.File
	p      *pipeline.Post
	ch     *pipeline.Charter
	cc     *compiled
	masked map[[2]int]string      // rule.Mask of each part, by position
	finder map[[2]int]rule.Finder // the finder of each part, by position
	out    []pipeline.Finding
}

func (k *check) mask(part pipeline.Part) string {
	key := [2]int{part.Line, part.Col}
	if m, ok := k.masked[key]; ok {
		return m
	}
	m := rule.Mask(part.Source)
	k.masked[key] = m
	return m
}

func (k *check) at(part pipeline.Part, span rule.Span, id string, sev pipeline.Severity, msg, hint string, fix *string) {
	key := [2]int{part.Line, part.Col}
	finder, ok := k.finder[key]
	if !ok {
		finder = rule.NewFinder(k.f, part)
		k.finder[key] = finder
	}
	fd := finder.At(span, id, sev, msg, hint, fix)
	// A fix replaces bytes of the file: drop it unless they are the text
	// found. They differ where the part's text is not the file's bytes, as
	// in a double-quoted YAML variant with escapes (\").
	if x := fd.Fix; x != nil && (x.Start < 0 || x.End > len(k.f.Source) || x.Start > x.End ||
		string(k.f.Source[x.Start:x.End]) != part.Source[span.Start:span.End]) {
		fd.Fix = nil
	}
	k.out = append(k.out, fd)
}

// config reports what is wrong in the charter itself, at the top of the
// post: a rule the charter cannot run is a rule that silently passes.
func (k *check) config() {
	file := k.ctx.Repo.Config.Charter
	if b, ok := k.ctx.Repo.Config.Brands[k.p.Brand]; ok && b.Charter != "" {
		file = b.Charter
	}
	for _, pr := range k.cc.problems {
		msg, hint := k.say("charte.config", "file", file, "problem", words.Text(k.ctx.Language, "config."+pr.id, pr.args))
		k.out = append(k.out, rule.At(k.p, pipeline.Pos{Line: 1, Col: 1}, "charte.config", pipeline.Error, msg, hint))
	}
}

// network is the network of a channel (its name when crieur.yml does not
// declare it: the loader has reported that).
func (k *check) network(ch string) string {
	if cc, ok := k.ctx.Repo.Config.Channels[ch]; ok && cc.Network != "" {
		return cc.Network
	}
	return ch
}

// A text is what a group of channels receives: the body, or a variant.
type text struct {
	channels []string
	t        pipeline.Text
}

func partKey(p pipeline.Part) [2]int { return [2]int{p.Line, p.Col} }

// texts groups the post's channels by the text they receive. A post
// without channels (the loader has reported it) is judged on its body.
func (k *check) texts() []text {
	if len(k.p.Channels) == 0 {
		return []text{{t: k.p.Body}}
	}
	var out []text
	index := map[[4]int]int{}
	for _, ch := range k.p.Channels {
		t := k.p.TextFor(ch)
		var key [4]int
		if len(t.Parts) > 0 {
			key[0], key[1] = t.Parts[0].Line, t.Parts[0].Col
		}
		if t.FirstComment != nil {
			key[2], key[3] = t.FirstComment.Line, t.FirstComment.Col
		}
		if i, ok := index[key]; ok {
			out[i].channels = append(out[i].channels, ch)
			continue
		}
		index[key] = len(out)
		out = append(out, text{channels: []string{ch}, t: t})
	}
	return out
}

// A piece is one publication on a network: a part of a thread, the whole
// text where the network has no threads (its parts are joined), or the
// first comment.
type piece struct {
	parts []pipeline.Part
	what  string // "", "part 2 of the thread", "first comment"
}

func (pc piece) key() string {
	if len(pc.parts) == 0 {
		return pc.what
	}
	return fmt.Sprintf("%d:%d:%d:%s", pc.parts[0].Line, pc.parts[0].Col, len(pc.parts), pc.what)
}

// pieces cuts a text into what the network publishes.
func pieces(t pipeline.Text, network string) []piece {
	var out []piece
	if n, _ := pipeline.LookupNetwork(network); len(t.Parts) > 1 && n.Threads {
		for i, p := range t.Parts {
			out = append(out, piece{parts: []pipeline.Part{p}, what: fmt.Sprintf("part %d of the thread", i+1)})
		}
	} else if len(t.Parts) > 0 {
		out = append(out, piece{parts: t.Parts})
	}
	if t.FirstComment != nil {
		out = append(out, piece{parts: []pipeline.Part{*t.FirstComment}, what: "first comment"})
	}
	return out
}

// where names the channels a finding is about, and the piece.
func (k *check) where(channels []string, what string) string {
	var named []string
	for _, ch := range channels {
		if ch != "" {
			named = append(named, ch)
		}
	}
	s := strings.Join(named, ", ")
	if s == "" {
		s = k.word("every_channel", nil)
	}
	if what == "" {
		return s
	}
	// pieces names them in English, as keys: say them in the reader's
	// language.
	said := what
	var n int
	if what == "first comment" {
		said = k.word("first_comment", nil)
	} else if _, err := fmt.Sscanf(what, "part %d of the thread", &n); err == nil {
		said = k.word("part", i18n.Args{"n": n})
	}
	return k.word("piece", i18n.Args{"channels": s, "what": said})
}

// lineSpan is the span of the first visible line of a part: past blank
// lines and what Mask blanks (HTML comments), so a finding about a whole
// text lands on the line a crieur-disable-next-line comment names.
func lineSpan(masked string) rule.Span {
	st := len(masked) - len(strings.TrimLeft(masked, " \t\r\n"))
	if st == len(masked) {
		return rule.Span{}
	}
	en := strings.IndexByte(masked[st:], '\n')
	if en < 0 {
		en = len(masked) - st
	}
	line := strings.TrimRight(masked[st:st+en], " \t\r")
	return rule.Span{Start: st, End: st + len(line)}
}

// Describe says rule id in l (rule.Described).
func (Brand) Describe(l i18n.Lang, id string) string {
	return strings.Join(strings.Fields(words.Text(l, "about."+id, nil)), " ")
}
