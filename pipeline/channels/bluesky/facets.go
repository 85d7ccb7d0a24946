package bluesky

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a link, a mention or a hashtag found in a text, in UTF-8 byte
// offsets (end exclusive), as app.bsky.richtext.facet#byteSlice counts.
type span struct {
	Start, End int
	Kind       string // "link", "mention" or "tag"
	Value      string // the link's URI, the mention's handle, the tag without '#'
}

// before is what may come before a link or a mention: the start, a space
// (any Unicode space: U+00A0 and U+202F of French typography too), an
// opening bracket or quote.
const before = `(?:^|[\s\p{Z}(\[«"'“‘])`

var (
	urlRe = regexp.MustCompile(`(?i)` + before + `(https?://[^\s\p{Z}]+)`)
	// A bare domain, linkified only under a common top-level domain so
	// that "fichier.txt" or "M.Dupont" stays text.
	domainRe = regexp.MustCompile(`(?i)` + before + `((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+` +
		`(?:com|org|net|fr|eu|be|ch|ca|lu|de|nl|es|it|uk|io|dev|app|info|social|blog)(?:/[^\s\p{Z}]*)?)`)
	// A handle (atproto.com/specs/handle): labels of letters, digits and
	// hyphens, at least two, the last one starting with a letter.
	mentionRe = regexp.MustCompile(before + `(@((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?))`)
)

// trimURL drops what ends a sentence rather than the URL: final
// punctuation, closing quotes, a closing parenthesis the URL did not open.
func trimURL(u string) string {
	for u != "" {
		r, n := utf8.DecodeLastRuneInString(u)
		switch {
		case strings.ContainsRune(`.,;:!?'"»”’…`, r):
		case r == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
		case r == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
		default:
			return u
		}
		u = u[:len(u)-n]
	}
	return u
}

// findSpans returns the links, mentions and hashtags of a text, sorted and
// without overlaps (the first found wins: links, then mentions, then tags).
func findSpans(text string) []span {
	var spans []span
	for _, m := range urlRe.FindAllStringSubmatchIndex(text, -1) {
		u := trimURL(text[m[2]:m[3]])
		if len(u) > len("https://") {
			spans = append(spans, span{Start: m[2], End: m[2] + len(u), Kind: "link", Value: u})
		}
	}
	for _, m := range domainRe.FindAllStringSubmatchIndex(text, -1) {
		u := trimURL(text[m[2]:m[3]])
		spans = append(spans, span{Start: m[2], End: m[2] + len(u), Kind: "link", Value: "https://" + u})
	}
	for _, m := range mentionRe.FindAllStringSubmatchIndex(text, -1) {
		if m[3] < len(text) {
			// "@a.b-c" or "@a.b_c" or "@bob.test@x": not a whole handle.
			if r, _ := utf8.DecodeRuneInString(text[m[3]:]); r == '-' || r == '_' || r == '@' || unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		spans = append(spans, span{Start: m[2], End: m[3], Kind: "mention", Value: strings.ToLower(text[m[4]:m[5]])})
	}
	spans = append(spans, findTags(text)...)
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var out []span
	for _, s := range spans {
		if len(out) > 0 && s.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, s)
	}
	return out
}

// invisible ends a hashtag like a space: soft hyphen, word joiner, hair
// and zero-width spaces, joiners, the enclosing keycap.
const invisible = "\u00AD\u2060\u200A\u200B\u200C\u200D\u20E2"

// findTags finds the hashtags: '#' (or the full-width '＃') at the start or
// after a space, then everything up to the next space; punctuation at the
// end is not part of the tag; a tag needs a character that is neither a
// digit nor punctuation; at most 64 characters; "#️⃣" (U+FE0F after '#')
// is an emoji, not a tag.
func findTags(text string) []span {
	var out []span
	prev := ' '
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if (r == '#' || r == '＃') && (i == 0 || unicode.IsSpace(prev)) {
			start, j := i, i+n
			for j < len(text) {
				q, m := utf8.DecodeRuneInString(text[j:])
				if unicode.IsSpace(q) || strings.ContainsRune(invisible, q) {
					break
				}
				j += m
			}
			tag := text[i+n : j]
			for tag != "" {
				q, m := utf8.DecodeLastRuneInString(tag)
				if !unicode.IsPunct(q) {
					break
				}
				tag = tag[:len(tag)-m]
			}
			if ok := tag != "" && !strings.HasPrefix(tag, "\uFE0F") && utf8.RuneCountInString(tag) <= 64 &&
				strings.IndexFunc(tag, func(q rune) bool { return !unicode.IsDigit(q) && !unicode.IsPunct(q) }) >= 0; ok {
				out = append(out, span{Start: start, End: i + n + len(tag), Kind: "tag", Value: tag})
			}
			prev, i = r, j
			continue
		}
		prev = r
		i += n
	}
	return out
}
