package render

import (
	"sort"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/rivo/uniseg"
)

// urlLength is what a URL counts on Mastodon and weighs on X, whatever its
// real length (Mastodon: StatusLengthValidator; twitter-text:
// transformedURLLength).
const urlLength = 23

// counting is how the network measures a text: pipeline's table says,
// and an unknown network counts characters.
func counting(network string) pipeline.Counting {
	n, _ := pipeline.LookupNetwork(network)
	return n.Counting
}

// Count measures text as the network does. An unknown network counts
// characters (code points).
func Count(network, text string) int {
	how := counting(network)
	switch how {
	case pipeline.CountRunes:
		return utf8.RuneCountInString(text)
	case pipeline.CountX:
		w, _ := xParse(text)
		return w
	}
	total := 0
	walk(how, text, func(_, weight int) bool {
		total += weight
		return true
	})
	return total
}

// Refused returns the characters the network refuses in a text, whatever
// its length, in the order they come: on X, U+FFFE, U+FEFF and U+FFFF
// (twitter-text's invalid characters); nil elsewhere.
func Refused(network, text string) []rune {
	if counting(network) != pipeline.CountX {
		return nil
	}
	var out []rune
	for _, r := range normNFC(text) {
		if r == 0xFFFE || r == 0xFEFF || r == 0xFFFF {
			out = append(out, r)
		}
	}
	return out
}

// Cut splits text where it passes limit in the network's counting: kept is
// the longest prefix whose Count is at most limit, cut the rest ("" when
// the text fits). It never splits a grapheme cluster, a URL or, on
// Mastodon, a mention. A limit of 0 or less means no limit.
func Cut(network, text string, limit int) (kept, cut string) {
	if limit <= 0 {
		return text, ""
	}
	if counting(network) == pipeline.CountX {
		return cutX(text, limit)
	}
	total, end := 0, 0
	walk(counting(network), text, func(stop, weight int) bool {
		if total+weight > limit {
			return false
		}
		total += weight
		end = stop
		return true
	})
	return text[:end], text[end:]
}

// walk cuts text into the units Cut must not split (a grapheme cluster, a
// URL, a Mastodon mention) and calls unit with the end offset
// and the weight of each, in order, until unit returns false. Count and
// Cut share it, so that Count(kept) is what Cut added up.
func walk(how pipeline.Counting, text string, unit func(end, weight int) bool) {
	urls := URLs(text)
	var mentions []mention
	if how == pipeline.CountMastodon {
		mentions = mentionsIn(text)
	}
	state := -1
	for i := 0; i < len(text); {
		// The next URL or mention, which a cluster must not run into.
		next := len(text)
		for len(urls) > 0 && urls[0].Start < i {
			urls = urls[1:]
		}
		for len(mentions) > 0 && mentions[0].start < i {
			mentions = mentions[1:]
		}
		if len(urls) > 0 {
			if u := urls[0]; u.Start == i {
				if !unit(u.End, weighURL(how, u.Text)) {
					return
				}
				i, state = u.End, -1
				continue
			}
			next = urls[0].Start
		}
		if len(mentions) > 0 {
			if m := mentions[0]; m.start == i {
				if !unit(m.end, utf8.RuneCountInString(text[m.start:m.user])) {
					return
				}
				i, state = m.end, -1
				continue
			}
			next = min(next, mentions[0].start)
		}
		var cluster string
		cluster, _, _, state = uniseg.FirstGraphemeClusterInString(text[i:next], state)
		if !unit(i+len(cluster), weigh(how, cluster)) {
			return
		}
		i += len(cluster)
	}
}

// cutX is Cut on X: the longest prefix, ending between two grapheme
// clusters and not inside a URL X finds, that X's count lets through.
// X's count of a prefix grows with it but where a domain becomes a URL
// (laverriere.b, then laverriere.be): the search then steps back.
func cutX(text string, limit int) (kept, cut string) {
	var ends []int
	urls := xURLs(normNFC(text))
	if normNFC(text) != text {
		urls = nil // offsets of another text: clusters only
	}
	state := -1
	for i := 0; i < len(text); {
		if len(urls) > 0 && urls[0].Start == i {
			i, state, urls = urls[0].End, -1, urls[1:]
			ends = append(ends, i)
			continue
		}
		next := len(text)
		if len(urls) > 0 {
			next = urls[0].Start
		}
		var cluster string
		cluster, _, _, state = uniseg.FirstGraphemeClusterInString(text[i:next], state)
		i += len(cluster)
		ends = append(ends, i)
	}
	fits := func(k int) bool { // the prefix of k units
		if k == 0 {
			return true
		}
		w, _ := xParse(text[:ends[k-1]])
		return w <= limit
	}
	k := sort.Search(len(ends)+1, func(k int) bool { return !fits(k) }) - 1
	for k > 0 && !fits(k) {
		k--
	}
	end := 0
	if k > 0 {
		end = ends[k-1]
	}
	return text[:end], text[end:]
}

// weighURL measures a URL: 23 on Mastodon and X, its grapheme clusters
// elsewhere (where it is a unit only so that Cut does not split it).
func weighURL(how pipeline.Counting, url string) int {
	if how == pipeline.CountMastodon || how == pipeline.CountX {
		return urlLength
	}
	w, state := 0, -1
	for url != "" {
		var cluster string
		cluster, url, _, state = uniseg.FirstGraphemeClusterInString(url, state)
		w += weigh(how, cluster)
	}
	return w
}

// weigh measures one grapheme cluster.
func weigh(how pipeline.Counting, cluster string) int {
	switch how {
	case pipeline.CountGraphemes:
		return 1
	case pipeline.CountThreads:
		if IsEmoji(cluster) {
			return len(cluster)
		}
	}
	return utf8.RuneCountInString(cluster)
}

// xWeight is the twitter-text v3 weight of a code point outside an emoji
// (config/v3.json: default weight 200, ranges of weight 100, scale 100).
// Latin, Greek, Cyrillic, Hebrew, Arabic… and the general punctuation
// French uses (– — ’ “ ”) weigh 1; U+202F, …, €, CJK weigh 2.
func xWeight(r rune) int {
	switch {
	case r <= 0x10FF,
		0x2000 <= r && r <= 0x200D,
		0x2010 <= r && r <= 0x201F,
		0x2032 <= r && r <= 0x2037:
		return 1
	}
	return 2
}

// mention is a Mastodon mention, "@user" or "@user@domain": start, end of
// the username, end of the whole.
type mention struct {
	start, user, end int
}

// mentionsIn finds the mentions as Mastodon's Account::MENTION_RE does:
// an @ that follows no word character, = or /; a username of letters,
// digits and _ (with . and - inside); then maybe @ and a domain of word
// characters, . and - ending with a word character.
func mentionsIn(text string) []mention {
	var found []mention
	for i := 0; i < len(text); i++ {
		if text[i] != '@' {
			continue
		}
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:i])
			if isWordRune(r) || r == '=' || r == '/' {
				continue
			}
		}
		if i+1 == len(text) || text[i+1] == '.' || text[i+1] == '-' {
			continue
		}
		user := runOf(text, i+1, isUsernameByte)
		if user == i+1 {
			continue
		}
		m := mention{start: i, user: user, end: user}
		if user < len(text) && text[user] == '@' {
			if end := domainEnd(text, user+1); utf8.RuneCountInString(text[user+1:end]) >= 2 {
				m.end = end
			}
		}
		found = append(found, m)
		i = m.end - 1
	}
	return found
}

// runOf returns the end of the longest run of bytes from start that match
// ok and whose last byte is not '.' or '-'.
func runOf(text string, start int, ok func(byte) bool) int {
	end, last := start, start
	for end < len(text) && ok(text[end]) {
		end++
		if c := text[end-1]; c != '.' && c != '-' {
			last = end
		}
	}
	return last
}

func isUsernameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == '.' || c == '-'
}

// domainEnd returns the end of the domain starting at start: word
// characters, . and -, ending with a word character.
func domainEnd(text string, start int) int {
	end, last := start, start
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if r != '.' && r != '-' && !isWordRune(r) || r == '\u200d' {
			break
		}
		end += size
		if r != '.' && r != '-' {
			last = end
		}
	}
	return last
}
