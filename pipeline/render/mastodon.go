package render

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Mastodon counts a status as its StatusLengthValidator does (Mastodon
// 4.x, app/validators/status_length_validator.rb): the text's URLs with
// a scheme, as the twitter-text Ruby gem extracts them, become 23
// characters, its mentions "@user@domain" become "@user" (Extractor, with
// Account::MENTION_RE), entities that overlap an earlier one are dropped,
// and what remains is counted in grapheme clusters: 🏳️‍⚧️ is one, as is
// e + U+0301. The text is not normalised.

// counted is a piece of text a network counts as a whole: a URL, a
// mention; weight is what it counts.
type counted struct {
	start, end int
	weight     int
	as         string // what Mastodon counts in its place
}

// mastodonCount is Mastodon's count of text.
func mastodonCount(text string) int {
	var b strings.Builder
	last := 0
	for _, e := range mastodonEntities(text) {
		b.WriteString(text[last:e.start])
		b.WriteString(e.as)
		last = e.end
	}
	b.WriteString(text[last:])
	return uniseg.GraphemeClusterCount(b.String())
}

// mastodonEntities are the URLs and mentions of text Mastodon counts
// short, by their start, without overlaps (remove_overlapping_entities:
// the one that starts first stays).
func mastodonEntities(text string) []counted {
	var all []counted
	for _, u := range twitterURLs(text, true) {
		all = append(all, counted{start: u.Start, end: u.End, weight: urlLength, as: strings.Repeat("x", urlLength)})
	}
	for _, m := range mastodonMentions(text) {
		as := text[m.start:m.user]
		all = append(all, counted{start: m.start, end: m.end, weight: len(as), as: as})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].start < all[j].start })
	var out []counted
	for _, e := range all {
		if len(out) > 0 && e.start < out[len(out)-1].end {
			continue
		}
		out = append(out, e)
	}
	return out
}

// mention is a Mastodon mention, "@user" or "@user@domain": start, end of
// the username, end of the whole.
type mention struct {
	start, user, end int
}

// mastodonMentions finds the mentions as Mastodon's Extractor does with
// Account::MENTION_RE: an @ after no word character, = or /; a username
// of ASCII letters, digits and _, runs of . and - inside; maybe @ and a
// domain of word characters, runs of . and - inside. A mention followed by
// @, ＠, a Latin letter with an accent or :// is none, nor one whose
// domain passes 253 characters; the search goes on after it.
func mastodonMentions(text string) []mention {
	var found []mention
	for i := 0; i < len(text); i++ {
		if text[i] != '@' {
			continue
		}
		at := i
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:i])
			if rubyWord(r) || r == '=' || r == '/' {
				continue
			}
		}
		user := dottedRun(text, i+1, func(r rune) bool { return r < utf8.RuneSelf && isUsernameByte(byte(r)) })
		if user == i+1 {
			continue
		}
		end := user
		if user < len(text) && text[user] == '@' {
			if d := dottedRun(text, user+1, rubyWord); d > user+1 {
				end = d
			}
		}
		i = end - 1
		after := text[end:]
		if r, _ := utf8.DecodeRuneInString(after); r == '@' || r == '＠' || latinAccent(r) || strings.HasPrefix(after, "://") {
			continue
		}
		if end > user && utf8.RuneCountInString(text[user+1:end]) > 253 {
			continue
		}
		found = append(found, mention{start: at, user: user, end: end})
	}
	return found
}

// dottedRun matches word([.-]+word)* from start, word being a run of
// characters ok accepts, and returns its end (start when there is none).
func dottedRun(text string, start int, ok func(rune) bool) int {
	word := func(p int) int {
		for p < len(text) {
			r, size := utf8.DecodeRuneInString(text[p:])
			if !ok(r) {
				break
			}
			p += size
		}
		return p
	}
	end := word(start)
	if end == start {
		return start
	}
	for {
		p := end
		for p < len(text) && (text[p] == '.' || text[p] == '-') {
			p++
		}
		if p == end {
			return end
		}
		q := word(p)
		if q == p {
			return end
		}
		end = q
	}
}

func isUsernameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// rubyWord is Ruby's [[:word:]]: a letter, a mark, a decimal digit or a
// connector punctuation.
func rubyWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Pc, r)
}
