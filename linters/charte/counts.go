package charte

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/render"
)

// A hit is something found in a part: a hashtag, an emoji, a match.
type hit struct {
	part pipeline.Part
	span rule.Span
}

// hits finds in each part (masked) of parts.
func (k *check) hits(parts []pipeline.Part, find func(string) []rule.Span) []hit {
	var out []hit
	for _, p := range parts {
		for _, sp := range find(k.mask(p)) {
			out = append(out, hit{part: p, span: sp})
		}
	}
	return out
}

var hashtagRE = regexp.MustCompile(`#[\p{L}\p{M}\p{N}_]+`)

// hashtags finds the hashtags of a masked text: # after a space or
// punctuation (not « C# », not « &#39; »), then letters, digits or _ with
// at least one letter (« #2026 » is no hashtag on the networks).
func hashtags(m string) []rule.Span {
	var out []rule.Span
	for _, loc := range hashtagRE.FindAllStringIndex(m, -1) {
		if loc[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(m[:loc[0]]); isWord(r) || r == '&' || r == '#' || r == '/' {
				continue
			}
		}
		if strings.IndexFunc(m[loc[0]+1:loc[1]], func(r rune) bool { return !('0' <= r && r <= '9') && r != '_' }) < 0 {
			continue
		}
		out = append(out, rule.Span{Start: loc[0], End: loc[1]})
	}
	return out
}

// emojiSpans finds the emojis of a masked text, as render.Emojis counts
// them, with their place.
func emojiSpans(m string) []rule.Span {
	var out []rule.Span
	from := 0
	for _, e := range render.Emojis(m) {
		for from < len(m) {
			i := strings.Index(m[from:], e)
			if i < 0 {
				from = len(m)
				break
			}
			st, en := from+i, from+i+len(e)
			if en < len(m) && extendsCluster(m[en:]) {
				_, size := utf8.DecodeRuneInString(m[st:])
				from = st + size // a longer cluster that starts the same way
				continue
			}
			out = append(out, rule.Span{Start: st, End: en})
			from = en
			break
		}
	}
	return out
}

// extendsCluster reports whether s starts with a code point that would
// belong to the grapheme cluster before it: a variation selector, a
// joiner, a keycap, a skin tone or a tag.
func extendsCluster(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == 0xFE0E || r == 0xFE0F || r == 0x200D || r == 0x20E3 ||
		0x1F3FB <= r && r <= 0x1F3FF || 0xE0020 <= r && r <= 0xE007F
}

// channels lists the post's channels, or "" (every channel, the body)
// when it names none.
func (k *check) channels() []string {
	if len(k.p.Channels) == 0 {
		return []string{""}
	}
	return k.p.Channels
}

// A tally is what is counted on one piece for a group of channels that
// receive it under the same limit.
type tally struct {
	channels []string
	what     string
	hits     []hit
	limit    int
	own      bool // the limit is the channel's own (hashtags.per_channel)
}

// counts checks the hashtags and emojis of each piece each channel
// publishes against the charter's maximums.
func (k *check) counts() {
	var tags, emojis []*tally
	tagIndex, emojiIndex := map[string]*tally{}, map[string]*tally{}
	add := func(list *[]*tally, index map[string]*tally, ch string, pc piece, hits []hit, limit int, own bool) {
		if len(hits) <= limit {
			return
		}
		key := pc.key() + "/" + strconv.Itoa(limit)
		if t, ok := index[key]; ok {
			t.channels = append(t.channels, ch)
			return
		}
		t := &tally{channels: []string{ch}, what: pc.what, hits: hits, limit: limit, own: own}
		index[key] = t
		*list = append(*list, t)
	}
	for _, ch := range k.channels() {
		net := k.network(ch)
		limit, own := k.hashtagLimit(ch, net)
		for _, pc := range pieces(k.p.TextFor(ch), net) {
			if limit >= 0 {
				add(&tags, tagIndex, ch, pc, k.hits(pc.parts, hashtags), limit, own)
			}
			if k.ch.Emojis.Max > 0 {
				add(&emojis, emojiIndex, ch, pc, k.hits(pc.parts, emojiSpans), k.ch.Emojis.Max, false)
			}
		}
	}
	for _, t := range tags {
		n := len(t.hits)
		extra := k.count("hashtags", n-t.limit)
		msg, hint := k.say("charte.hashtags.max", "n", strconv.Itoa(n), "max", strconv.Itoa(t.limit), "channels", k.where(t.channels, t.what), "extra", extra)
		if t.own {
			_, hint = k.say("charte.hashtags.max.channel", "extra", extra, "channels", k.where(t.channels, ""))
		}
		h := t.hits[t.limit]
		k.at(h.part, h.span, "charte.hashtags.max", pipeline.Warning, msg, hint, nil)
	}
	for _, t := range emojis {
		n := len(t.hits)
		msg, hint := k.say("charte.emojis.max", "n", strconv.Itoa(n), "max", strconv.Itoa(t.limit), "channels", k.where(t.channels, t.what), "extra", k.count("emojis", n-t.limit))
		h := t.hits[t.limit]
		k.at(h.part, h.span, "charte.emojis.max", pipeline.Warning, msg, hint, nil)
	}
}

// hashtagLimit is the most hashtags a channel takes: its own limit
// (hashtags.per_channel, by channel name, else by network), else
// hashtags.max; -1 when there is none (max: 0 is no limit).
func (k *check) hashtagLimit(ch, net string) (int, bool) {
	if n, ok := k.ch.Hashtags.PerChannel[ch]; ok && ch != "" {
		return n, true
	}
	if n, ok := k.ch.Hashtags.PerChannel[net]; ok && net != "" {
		return n, true
	}
	if k.ch.Hashtags.Max > 0 {
		return k.ch.Hashtags.Max, false
	}
	return -1, false
}

// allParts is every part of a text, first comment included.
func allParts(t pipeline.Text) []pipeline.Part {
	parts := append([]pipeline.Part(nil), t.Parts...)
	if t.FirstComment != nil {
		parts = append(parts, *t.FirstComment)
	}
	return parts
}

// textStart is where a finding about a whole text goes: its first line.
func (k *check) textStart(t pipeline.Text) (pipeline.Part, rule.Span, bool) {
	parts := allParts(t)
	if len(parts) == 0 {
		return pipeline.Part{}, rule.Span{}, false
	}
	return parts[0], lineSpan(k.mask(parts[0])), true
}

// required checks that each text carries every hashtag of
// hashtags.required (anywhere in the text or its first comment, in any
// case: #bruxelles is #Bruxelles).
func (k *check) required() {
	if len(k.cc.required) == 0 {
		return
	}
	for _, tx := range k.texts() {
		have := map[string]bool{}
		for _, h := range k.hits(allParts(tx.t), hashtags) {
			have[strings.ToLower(h.part.Source[h.span.Start+1:h.span.End])] = true
		}
		part, sp, ok := k.textStart(tx.t)
		if !ok {
			continue
		}
		for _, tag := range k.cc.required {
			if !have[strings.ToLower(tag)] {
				msg, hint := k.say("charte.hashtags.required", "channels", k.where(tx.channels, ""), "tag", "#"+tag)
				k.at(part, sp, "charte.hashtags.required", pipeline.Error, msg, hint, nil)
			}
		}
	}
}

// occurrences runs the charter's occurrence rules on each text (its
// parts and first comment together).
func (k *check) occurrences() {
	for _, cr := range k.cc.custom {
		if cr.kind != "occurrence" {
			continue
		}
		for _, tx := range k.texts() {
			hits := k.hits(allParts(tx.t), cr.find)
			n := len(hits)
			vars := []string{"channels", k.where(tx.channels, ""), "what", k.what(cr), "n", strconv.Itoa(n), "id", cr.id,
				"min", strconv.Itoa(cr.min), "max", strconv.Itoa(cr.max), "extra", strconv.Itoa(n - cr.max)}
			switch {
			case n < cr.min:
				part, sp, ok := k.textStart(tx.t)
				if !ok {
					continue
				}
				msg, hint := k.say("custom.occurrence.min", vars...)
				if cr.message != "" {
					hint = cr.message
				}
				k.at(part, sp, cr.id, cr.sev, msg, hint, nil)
			case cr.max > 0 && n > cr.max:
				msg, hint := k.say("custom.occurrence.max", vars...)
				if cr.message != "" {
					hint = cr.message
				}
				h := hits[cr.max]
				k.at(h.part, h.span, cr.id, cr.sev, msg, hint, nil)
			}
		}
	}
}

// what names what a custom rule looks for, for a message.
func (k *check) what(cr *customRule) string {
	var names []string
	if cr.re != nil {
		names = append(names, fmt.Sprintf("/%s/", cr.re.String()))
	}
	for _, t := range cr.tokens {
		names = append(names, k.word("quote", i18n.Args{"text": t.text}))
	}
	return strings.Join(names, " "+strings.TrimSpace(k.word("or", i18n.Args{"first": "", "last": ""}))+" ")
}
