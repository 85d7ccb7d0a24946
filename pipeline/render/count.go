package render

import (
	"sort"
	"strings"
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
	case pipeline.CountMastodon:
		return mastodonCount(text)
	case pipeline.CountUTF16:
		return utf16Len(text)
	}
	total := 0
	walk(how, text, func(_, weight int) bool {
		total += weight
		return true
	})
	return total
}

// Links returns the URLs of text the network counts as links whatever
// their length, in order, as it finds them: on X, twitter-text's URLs in
// the NFC form (laverriere.be included); on Mastodon, those with a
// scheme that the validator counts as 23. nil elsewhere.
func Links(network, text string) []string {
	var out []string
	switch counting(network) {
	case pipeline.CountX:
		for _, u := range xURLs(normNFC(text)) {
			out = append(out, u.Text)
		}
	case pipeline.CountMastodon:
		for _, e := range mastodonEntities(text) {
			if e.weight == urlLength && strings.HasPrefix(e.as, "xxx") {
				out = append(out, text[e.start:e.end])
			}
		}
	}
	return out
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
	var entities []counted
	if how == pipeline.CountMastodon {
		entities = mastodonEntities(text)
	} else {
		for _, u := range URLs(text) {
			entities = append(entities, counted{start: u.Start, end: u.End, weight: weighURL(how, u.Text)})
		}
	}
	state := -1
	for i := 0; i < len(text); {
		// The next URL or mention, which a cluster must not run into.
		for len(entities) > 0 && entities[0].start < i {
			entities = entities[1:]
		}
		next := len(text)
		if len(entities) > 0 {
			if e := entities[0]; e.start == i {
				if !unit(e.end, e.weight) {
					return
				}
				i, state = e.end, -1
				continue
			}
			next = entities[0].start
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

// weighURL measures a URL where a network counts it as text: its grapheme
// clusters (it is a unit only so that Cut does not split it). Mastodon's
// and X's URLs are their own (mastodonEntities, xURLs).
func weighURL(how pipeline.Counting, url string) int {
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
	case pipeline.CountGraphemes, pipeline.CountMastodon:
		return 1
	case pipeline.CountThreads:
		if IsEmoji(cluster) {
			return len(cluster)
		}
	case pipeline.CountUTF16:
		return utf16Len(cluster)
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
