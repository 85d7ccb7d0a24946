package calendar

import (
	"bytes"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/render"
)

// slugWords is how many words a slug made from a title or a text keeps.
const slugWords = 6

// PostFile turns a row into a post file: its path, the row's Path or
// posts/YYYY/MM/<slug>.md, and its bytes: front matter in the order of
// formats.md (title, publish_at, channels, lang, campaign, media,
// sponsored when true, status) then the text.
//
// The slug is the row's Slug, else the first six words of its Title,
// else of the first line of its Text: lower case ASCII (é→e, ç→c, œ→oe),
// words joined by "-"; "post" when nothing is left. publish_at is local
// time in loc ("2026-12-01 09:30"), with its offset in the hour the clocks
// go back. Values are quoted where YAML needs it.
//
// The status is scheduled, or draft when the row says draft, published,
// failed or retracted: a row exported from the calendar for a post that
// already went out never makes a file that would publish it again.
// PostFile does not look at the disk: whether the path is free is the
// caller's to check.
func PostFile(row Row, loc *time.Location) (path string, data []byte) {
	if loc == nil {
		loc = time.UTC
	}
	fm := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, value *yaml.Node) {
		fm.Content = append(fm.Content, str(key), value)
	}
	if t := oneLine(row.Title); t != "" {
		add("title", str(t))
	}
	at := pipeline.FormatTime(row.PublishAt, loc)
	if strings.Contains(at, "T") {
		add("publish_at", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: at})
	} else {
		add("publish_at", str(at))
	}
	if len(row.Channels) > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, ch := range row.Channels {
			list.Content = append(list.Content, str(ch))
		}
		add("channels", list)
	}
	if row.Lang != "" {
		add("lang", str(row.Lang))
	}
	if c := oneLine(row.Campaign); c != "" {
		add("campaign", str(c))
	}
	if row.Media != "" {
		m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("file"), str("/" + strings.TrimPrefix(row.Media, "/"))}}
		if alt := oneLine(row.Alt); alt != "" {
			m.Content = append(m.Content, str("alt"), str(alt))
		}
		add("media", &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{m}})
	}
	if row.Sponsored {
		add("sponsored", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	status := pipeline.StatusScheduled
	switch row.Status {
	case pipeline.StatusDraft, pipeline.StatusPublished, pipeline.StatusFailed, pipeline.StatusRetracted:
		status = pipeline.StatusDraft
	}
	add("status", str(string(status)))

	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		// Only strings and a bool built here: yaml.v3 cannot refuse them.
		panic("calendar: encode front matter: " + err.Error())
	}
	enc.Close()
	buf.WriteString("---\n")
	if text := strings.TrimSpace(normalizeNewlines(row.Text)); text != "" {
		buf.WriteString(text)
		buf.WriteString("\n")
	}
	return postPath(row, loc), buf.Bytes()
}

// str is a YAML string scalar, quoted when YAML 1.1 readers would take it
// for something else (yes, no, on, off are booleans there).
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// postPath is where PostFile puts a row.
func postPath(row Row, loc *time.Location) string {
	if row.Path != "" {
		return row.Path
	}
	slug := row.Slug
	if slug == "" && row.Title != "" {
		slug = slugify(row.Title, slugWords)
	}
	if slug == "" {
		slug = slugify(render.FirstLine(row.Text), slugWords)
	}
	if slug == "" {
		slug = "post"
	}
	return content.PostPath(row.PublishAt, loc, slug)
}

// slugMax is the longest slug, in bytes.
const slugMax = 80

// slugify makes a file name of s: lower-case ASCII letters and digits,
// accents folded, words joined by "-", at most maxWords words (0: no
// limit). Addresses are left out.
func slugify(s string, maxWords int) string {
	var words []string
	for _, field := range strings.Fields(s) {
		if strings.Contains(field, "://") || strings.HasPrefix(strings.ToLower(field), "www.") {
			continue
		}
		var w strings.Builder
		flush := func() {
			if w.Len() > 0 {
				words = append(words, w.String())
				w.Reset()
			}
		}
		for _, r := range strings.ToLower(field) {
			switch {
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				w.WriteRune(r)
			case asciiFold[r] != "":
				w.WriteString(asciiFold[r])
			case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
				// a letter with no ASCII form (a combining accent, Greek…): dropped
			default:
				flush() // punctuation, apostrophes, # and @ separate words
			}
		}
		flush()
	}
	if maxWords > 0 && len(words) > maxWords {
		words = words[:maxWords]
	}
	slug := strings.Join(words, "-")
	for len(slug) > slugMax {
		i := strings.LastIndexByte(slug[:slugMax], '-')
		if i <= 0 {
			slug = slug[:slugMax]
			break
		}
		slug = slug[:i]
	}
	return slug
}

// asciiFold is the ASCII form of the Latin letters of French, Dutch and
// their neighbours.
var asciiFold = func() map[rune]string {
	m := map[rune]string{}
	for _, p := range []struct{ from, to string }{
		{"àáâãäåāăą", "a"}, {"æ", "ae"}, {"çćĉċč", "c"}, {"ďđð", "d"},
		{"èéêëēĕėęě", "e"}, {"ĝğġģ", "g"}, {"ĥħ", "h"}, {"ìíîïĩīĭįı", "i"}, {"ĳ", "ij"},
		{"ĵ", "j"}, {"ķ", "k"}, {"ĺļľŀł", "l"}, {"ñńņňŉ", "n"}, {"òóôõöøōŏő", "o"},
		{"œ", "oe"}, {"ŕŗř", "r"}, {"śŝşšș", "s"}, {"ß", "ss"}, {"ţťŧț", "t"}, {"þ", "th"},
		{"ùúûüũūŭůűų", "u"}, {"ŵ", "w"}, {"ýÿŷ", "y"}, {"źżž", "z"},
	} {
		for _, r := range p.from {
			m[r] = p.to
		}
	}
	return m
}()
