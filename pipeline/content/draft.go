package content

import (
	"bytes"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
)

// Draft is what a new post file says (crieur new, a row of a planning
// spreadsheet): NewPost writes it as a post file.
type Draft struct {
	PublishAt time.Time
	Channels  []string // empty: the defaults of crieur.yml
	Lang      string
	Campaign  string
	Title     string
	Text      string // Markdown; a line holding only --- separates thread parts
	Media     string // an image, slash-separated, from the content root: media/affiche.jpg
	Alt       string
	Sponsored bool
	Slug      string // names the file; empty, NewPost makes one
	// Status is the status of what the draft was made from: draft,
	// published, failed, retracted and missed (a past occurrence that
	// plan --csv wrote) make a draft, anything else a
	// scheduled post.
	Status pipeline.Status
	// Path is where the file goes; empty, posts/YYYY/MM/<slug>.md.
	Path string
}

// slugWords is how many words a slug made from a title or a text keeps.
const slugWords = 6

// NewDraft is the post crieur new starts with a title: a draft (it goes
// out only once its status says scheduled; lint reminds of it), dated
// tomorrow at 09:30 in the repository's zone (the day after now's day
// there), in crieur.yml's language, its text the title and a #hashtag
// to replace.
func (r *Repo) NewDraft(title string, now time.Time) Draft {
	loc := r.Config.Timezone
	now = now.In(loc)
	return Draft{
		PublishAt: time.Date(now.Year(), now.Month(), now.Day()+1, 9, 30, 0, 0, loc),
		Lang:      r.Config.Defaults.Lang,
		Title:     title,
		Text:      title + "\n\n#hashtag",
		Status:    pipeline.StatusDraft,
	}
}

// NewPost is the post file of d: its path, d's Path or
// posts/YYYY/MM/<slug>.md, and its bytes: front matter in the order of
// formats.md (title, publish_at, channels, lang, campaign, media,
// sponsored when true, status) then the text.
//
// The slug is d's Slug, else the first six words of its Title, else those
// of the first line of its Text that says something, as firstLine reads
// the Markdown (render.FirstLine: content renders no Markdown; nil reads
// nothing), as Slugify makes them: lower case ASCII (é→e, ç→c, œ→oe),
// words joined by "-"; "post" when nothing is left. publish_at is local time in loc ("2026-12-01 09:30"), with its offset
// in the hour the clocks go back. Values are quoted where YAML needs it.
//
// The status is scheduled, or draft when d's Status says draft,
// published, failed or retracted: a row exported from the calendar for a
// post that already went out never makes a file that would publish it
// again. NewPost does not look at the disk: CheckNew says whether the
// path is free.
func (d Draft) NewPost(loc *time.Location, firstLine func(markdown string) string) NewPost {
	if loc == nil {
		loc = time.UTC
	}
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(d.frontMatter(loc)); err != nil {
		// Only strings and a bool built here: yaml.v3 cannot refuse them.
		panic("content: encode front matter: " + err.Error())
	}
	enc.Close()
	buf.WriteString("---\n")
	if text := strings.TrimSpace(normalizeNewlines(d.Text)); text != "" {
		buf.WriteString(text)
		buf.WriteString("\n")
	}
	return NewPost{Path: d.path(loc, firstLine), Data: buf.Bytes()}
}

// frontMatter is the front matter NewPost writes, as a YAML mapping.
func (d Draft) frontMatter(loc *time.Location) *yaml.Node {
	fm := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, value *yaml.Node) {
		fm.Content = append(fm.Content, str(key), value)
	}
	if t := oneLine(d.Title); t != "" {
		add("title", str(t))
	}
	add("publish_at", publishAtNode(d.PublishAt, loc))
	if len(d.Channels) > 0 {
		add("channels", channelsNode(d.Channels, nil))
	}
	if d.Lang != "" {
		add("lang", str(d.Lang))
	}
	if c := oneLine(d.Campaign); c != "" {
		add("campaign", str(c))
	}
	if d.Media != "" {
		m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("file"), str("/" + strings.TrimPrefix(d.Media, "/"))}}
		if alt := oneLine(d.Alt); alt != "" {
			m.Content = append(m.Content, str("alt"), str(alt))
		}
		add("media", &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{m}})
	}
	if d.Sponsored {
		add("sponsored", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	status := pipeline.StatusScheduled
	switch d.Status {
	case pipeline.StatusDraft, pipeline.StatusPublished, pipeline.StatusFailed, pipeline.StatusRetracted, pipeline.StatusMissed:
		status = pipeline.StatusDraft
	}
	add("status", str(string(status)))
	return fm
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

// path is where NewPost puts d.
func (d Draft) path(loc *time.Location, firstLine func(string) string) string {
	if d.Path != "" {
		return d.Path
	}
	slug := d.Slug
	if slug == "" && d.Title != "" {
		slug = slugify(d.Title, slugWords)
	}
	if slug == "" && firstLine != nil {
		slug = slugify(firstLine(d.Text), slugWords)
	}
	if slug == "" {
		slug = "post"
	}
	return PostPath(d.PublishAt, loc, slug)
}

// oneLine keeps a value on its line whatever it holds.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// slugMax is the longest slug, in bytes.
const slugMax = 80

// Slugify makes a file name of s, as a Draft's Slug: lower-case ASCII
// letters and digits, accents folded, words joined by "-", addresses left
// out; "" when nothing is left.
func Slugify(s string) string { return slugify(s, 0) }

// slugify is Slugify keeping at most maxWords words (0: no limit).
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
