package calendar

import (
	"path"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
)

// Entry is one post on one day of the calendar: a plain post, or one
// occurrence of a recurring post.
type Entry struct {
	At        time.Time // the occurrence, in the post's time zone
	Post      *pipeline.Post
	Channels  []string
	Recurring bool            // one occurrence of a post with repeat:
	Status    pipeline.Status // of this occurrence, see Entries
	Title     string          // see Title
}

// Entries expands posts between from and to (both inclusive) into entries,
// sorted by time, then by path. Recurring posts give one entry per
// occurrence; drafts and posts without date give none.
//
// The status of an entry is the status of its occurrence:
//   - published when every channel has a publication for that occurrence
//     that went out;
//   - failed when a channel's publication for that occurrence has an error;
//   - retracted when the post is retracted;
//   - scheduled for an occurrence of a recurring post later than every one
//     recorded (the post's status then describes an earlier occurrence);
//   - the post's status otherwise (scheduled when it has none).
//
// A publication without occurrence counts as the occurrence of a plain
// post, as an older publisher may not have written it.
func Entries(posts []*pipeline.Post, from, to time.Time) []Entry {
	var out []Entry
	for _, p := range posts {
		if p == nil || p.Status == pipeline.StatusDraft {
			continue
		}
		occ := p.Occurrences(from, to)
		if len(occ) == 0 {
			continue
		}
		title := Title(p)
		for _, at := range occ {
			out = append(out, Entry{
				At:        at,
				Post:      p,
				Channels:  p.Channels,
				Recurring: p.Repeat != nil,
				Status:    occurrenceStatus(p, at),
				Title:     title,
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		return out[i].Post.Path < out[j].Post.Path
	})
	return out
}

// occurrenceStatus is the status of one occurrence of a post; see Entries.
func occurrenceStatus(p *pipeline.Post, at time.Time) pipeline.Status {
	if p.Status == pipeline.StatusRetracted {
		return pipeline.StatusRetracted
	}
	recurring := p.Repeat != nil
	allDone, failed := len(p.Channels) > 0, false
	var latest time.Time
	for _, ch := range p.Channels {
		pub, ok := p.Publications[ch]
		if !ok {
			allDone = false
			continue
		}
		if pub.Occurrence.After(latest) {
			latest = pub.Occurrence
		}
		if !pub.Occurrence.Equal(at) && (recurring || !pub.Occurrence.IsZero()) {
			allDone = false
			continue
		}
		if !pub.Done() {
			allDone = false
			failed = failed || pub.Error != ""
		}
	}
	switch {
	case allDone:
		return pipeline.StatusPublished
	case failed:
		return pipeline.StatusFailed
	case recurring && at.After(latest):
		return pipeline.StatusScheduled
	case p.Status == "":
		return pipeline.StatusScheduled
	}
	return p.Status
}

// titleMax is the length of a title, in runes, ellipsis included.
const titleMax = 60

// Title is what the calendar calls a post: its title when it has one,
// otherwise the first line of its text with the Markdown markup (headings,
// emphasis, links, images, code) roughly taken off, cut to 60 characters
// with "…". A post without either is called by its file name.
func Title(p *pipeline.Post) string {
	if t := strings.Join(strings.Fields(p.Title), " "); t != "" {
		return t
	}
	if len(p.Body.Parts) > 0 {
		if t := firstLine(p.Body.Parts[0].Source); t != "" {
			return cut(t, titleMax)
		}
	}
	return strings.TrimSuffix(path.Base(p.Path), ".md")
}

// firstLine is the first line of Markdown source that says something,
// as plain text.
func firstLine(src string) string {
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || isComment(line) || isRule(line) {
			continue
		}
		if t := plain(line); t != "" {
			return t
		}
	}
	return ""
}

// isComment reports whether a line is only an HTML comment, such as
// <!-- crieur-disable rule.id -->.
func isComment(line string) bool {
	return strings.HasPrefix(line, "<!--") && strings.HasSuffix(line, "-->")
}

// isRule reports whether a line is a Markdown thematic break (---, ***).
func isRule(line string) bool {
	s := strings.ReplaceAll(line, " ", "")
	return len(s) >= 3 && (strings.Trim(s, "-") == "" || strings.Trim(s, "*") == "" || strings.Trim(s, "_") == "")
}

// plain takes the Markdown markup off one line, roughly: block markers
// (heading, quote, list item), links and images (their text is kept),
// autolinks, HTML tags, emphasis and code marks, backslash escapes.
func plain(line string) string {
	line = blockMarker(line)
	line = inlineLinks(line)
	line = emphasis(line)
	return strings.Join(strings.Fields(line), " ")
}

// blockMarker removes what starts a heading, a quote or a list item.
func blockMarker(line string) string {
	for {
		s := strings.TrimLeft(line, " \t")
		switch {
		case strings.HasPrefix(s, "#"):
			t := strings.TrimLeft(s, "#")
			if len(s)-len(t) <= 6 && (t == "" || t[0] == ' ' || t[0] == '\t') {
				s = strings.TrimRight(strings.TrimSpace(t), "#")
			}
			return s
		case strings.HasPrefix(s, ">"):
			line = s[1:]
			continue
		case len(s) >= 2 && strings.ContainsRune("-*+", rune(s[0])) && (s[1] == ' ' || s[1] == '\t'):
			line = s[2:]
			continue
		}
		// An ordered list item: "1. " or "1) ".
		i := 0
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
			return s[i+2:]
		}
		return s
	}
}

// inlineLinks replaces [text](url), [text][ref] and ![alt](url) by their
// text, <https://…> by the address, and drops HTML tags.
func inlineLinks(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteString(s[i : i+2]) // kept for emphasis to see and remove
			i += 2
			continue
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			i++
			continue
		case c == '[':
			if end := strings.IndexByte(s[i:], ']'); end > 0 {
				text, rest := s[i+1:i+end], s[i+end+1:]
				if n := linkTarget(rest); n > 0 {
					b.WriteString(text)
					i += end + 1 + n
					continue
				}
			}
		case c == '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 {
				inner := s[i+1 : i+end]
				switch {
				case strings.Contains(inner, "://") || strings.HasPrefix(inner, "mailto:"):
					b.WriteString(inner)
					i += end + 1
					continue
				case isTag(inner):
					i += end + 1
					continue
				}
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// linkTarget is the length of "(url)" or "[ref]" at the start of s, 0 when
// there is none.
func linkTarget(s string) int {
	if s == "" {
		return 0
	}
	var closer byte
	switch s[0] {
	case '(':
		closer = ')'
	case '[':
		closer = ']'
	default:
		return 0
	}
	if end := strings.IndexByte(s, closer); end > 0 {
		return end + 1
	}
	return 0
}

// isTag reports whether s (between < and >) looks like an HTML tag.
func isTag(s string) bool {
	s = strings.TrimPrefix(s, "/")
	return s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// emphasis drops emphasis and code marks (*, _, ~~, `) where they open or
// close a span, keeps them inside words (snake_case, 2*3), and resolves
// backslash escapes.
func emphasis(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\\' && i+1 < len(rs) && rs[i+1] < utf8.RuneSelf && isASCIIPunct(byte(rs[i+1])) {
			b.WriteRune(rs[i+1])
			i++
			continue
		}
		if r == '`' {
			continue
		}
		if r != '*' && r != '_' && r != '~' {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && rs[j] == r {
			j++
		}
		if r == '~' && j-i < 2 {
			b.WriteRune(r) // a lone ~ is "about", not strikethrough
			continue
		}
		before := i == 0 || isBoundary(rs[i-1])
		after := j == len(rs) || isBoundary(rs[j])
		if !before && !after {
			b.WriteString(string(rs[i:j]))
		}
		i = j - 1
	}
	return b.String()
}

func isBoundary(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// cut shortens s to at most n runes, "…" included, at a space when one is
// near the end.
func cut(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	rs = rs[:n-1]
	for i := len(rs) - 1; i > (n*2)/3; i-- {
		if rs[i] == ' ' {
			rs = rs[:i]
			break
		}
	}
	return strings.TrimRight(string(rs), " ,;:.-–—") + "…"
}
