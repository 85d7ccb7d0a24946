package content

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Update is what crieur import changes in a post that exists: each field
// that is set is written, and nothing else of the file changes.
type Update struct {
	PublishAt *time.Time
	Channels  []string         // nil: unchanged
	Lang      *string          // "": the key is removed
	Campaign  *string          // "": the key is removed
	Title     *string          // "": the key is removed (the first line stands for it)
	Status    *pipeline.Status // draft or scheduled
	Text      *string          // the Markdown body; a line holding only --- separates thread parts
}

// Empty says that u changes nothing.
func (u Update) Empty() bool {
	return u.PublishAt == nil && u.Channels == nil && u.Lang == nil && u.Campaign == nil &&
		u.Title == nil && u.Status == nil && u.Text == nil
}

// WithUpdate returns the file's content with u written into it, the way
// WithState writes the publisher's state: a scalar is edited in place
// (a comment after it kept), a key whose value spans lines is replaced
// by its new lines, a new key goes at the end of the front matter, a
// removed key takes its lines with it; every other line, the comments,
// the key order and the line endings stay byte for byte. The text
// replaces the body after the blank lines that open it.
func (f *File) WithUpdate(u Update, loc *time.Location) ([]byte, error) {
	if f.front == nil || f.frontEnd < 0 {
		return nil, errors.New(say.Text(f.lang, "write.no_front", i18n.Args{"path": f.Post.Path}))
	}
	w := &frontWriter{f: f, nl: "\n"}
	if bytes.Contains(f.Source, []byte("\r\n")) {
		w.nl = "\r\n"
	}
	if len(f.front.Content) > 0 && f.front.Content[0].Column > 1 {
		w.pad = strings.Repeat(" ", f.front.Content[0].Column-1)
	}
	if u.Title != nil {
		w.set("title", optional(*u.Title))
	}
	if u.PublishAt != nil {
		w.set("publish_at", publishAtNode(*u.PublishAt, loc))
	}
	if u.Channels != nil {
		w.set("channels", channelsNode(u.Channels, w.find("channels")))
	}
	if u.Lang != nil {
		w.set("lang", optional(*u.Lang))
	}
	if u.Campaign != nil {
		w.set("campaign", optional(*u.Campaign))
	}
	if u.Status != nil {
		w.set("status", str(string(*u.Status)))
	}
	if w.err != nil {
		return nil, fmt.Errorf("%s: %w", f.Post.Path, w.err)
	}
	if w.insert != "" {
		w.edits = append(w.edits, edit{f.frontEnd, f.frontEnd, w.insert})
	}
	if u.Text != nil {
		w.edits = append(w.edits, f.bodyEdit(*u.Text, w.nl))
	}
	return applyEdits(f.Source, w.edits), nil
}

// UpdatePost is the file f with u written into it (WithUpdate), read
// back: the post must say what u says, and load with no more errors than
// before; otherwise it returns an error and the file is to be left as it
// was.
func (r *Repo) UpdatePost(f *File, u Update) ([]byte, error) {
	out, err := f.WithUpdate(u, r.Config.Timezone)
	if err != nil {
		return nil, err
	}
	_, before := r.ParsePost(f.Post.Path, f.Source)
	g, after := r.ParsePost(f.Post.Path, out)
	if g == nil || errorCount(after) > errorCount(before) {
		msg := say.Text(r.lang(), "edited.would_not_load", nil)
		for _, fd := range after {
			if fd.Severity >= pipeline.Error {
				msg = fd.String()
				break
			}
		}
		return nil, errors.New(say.Text(r.lang(), "edited.not_load", i18n.Args{"path": f.Post.Path, "detail": msg}))
	}
	if differs := u.differs(g.Post); differs != "" {
		return nil, errors.New(say.Text(r.lang(), "edited.differs", i18n.Args{"path": f.Post.Path, "key": differs}))
	}
	return out, nil
}

// differs names the first field of u that p does not say.
func (u Update) differs(p *pipeline.Post) string {
	switch {
	case u.PublishAt != nil && !u.PublishAt.Equal(p.PublishAt):
		return "publish_at"
	case u.Channels != nil && !slices.Equal(u.Channels, p.Channels):
		return "channels"
	case u.Title != nil && *u.Title != "" && oneLine(*u.Title) != p.Title:
		return "title"
	case u.Campaign != nil && *u.Campaign != "" && oneLine(*u.Campaign) != p.Campaign:
		return "campaign"
	case u.Status != nil && *u.Status != p.Status:
		return "status"
	}
	return ""
}

// frontWriter gathers the edits of WithUpdate.
type frontWriter struct {
	f       *File
	nl, pad string
	edits   []edit
	insert  string // the keys added at the end of the front matter
	err     error
}

// find is the value of a top-level key, nil when the key is absent.
func (w *frontWriter) find(key string) *yaml.Node {
	_, v := w.keyOf(key)
	return v
}

func (w *frontWriter) keyOf(key string) (k, v *yaml.Node) {
	m := w.f.front.Content
	for i := 0; i+1 < len(m); i += 2 {
		if m[i].Value == key {
			return m[i], m[i+1]
		}
	}
	return nil, nil
}

// set writes key: value, or removes the key when value is nil.
func (w *frontWriter) set(key string, value *yaml.Node) {
	k, v := w.keyOf(key)
	if value == nil {
		if k != nil {
			w.edits = append(w.edits, edit{w.f.lines[k.Line+w.f.frontLine-1], w.f.blockEnd(k), ""})
		}
		return
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str(key), value}}); err != nil {
		w.err = err
		return
	}
	enc.Close()
	block := strings.ReplaceAll(indentBlock(buf.String(), w.pad), "\n", w.nl)
	scalar := strings.TrimSuffix(strings.TrimPrefix(buf.String(), key+": "), "\n")
	switch {
	case k == nil:
		w.insert += block
	case v.Kind == yaml.ScalarNode && value.Kind == yaml.ScalarNode && v.Tag != "!!null" && !strings.Contains(scalar, "\n"):
		e, _ := w.f.scalarEdit(k, v, scalar, w.nl)
		w.edits = append(w.edits, e)
	default:
		w.edits = append(w.edits, edit{w.f.lines[k.Line+w.f.frontLine-1], w.f.blockEnd(k), block})
	}
}

// bodyEdit replaces the body, after its opening blank lines, by text.
func (f *File) bodyEdit(text, nl string) edit {
	start := f.bodyStart
	for start < len(f.Source) {
		end := bytes.IndexByte(f.Source[start:], '\n')
		if end < 0 || strings.TrimSpace(string(f.Source[start:start+end])) != "" {
			break
		}
		start += end + 1
	}
	text = strings.TrimSpace(normalizeNewlines(text))
	if text != "" {
		text = strings.ReplaceAll(text, "\n", nl) + nl
		if start == len(f.Source) && !bytes.HasSuffix(f.Source, []byte("\n")) {
			text = nl + text // the closing --- ends the file without a line break
		}
	}
	return edit{start, len(f.Source), text}
}

// optional is a string value, nil (the key removed) when it is empty.
func optional(s string) *yaml.Node {
	if s = oneLine(s); s == "" {
		return nil
	}
	return str(s)
}

// publishAtNode is publish_at as crieur writes it: local time in loc, or
// RFC 3339 in the hour the clocks go back.
func publishAtNode(t time.Time, loc *time.Location) *yaml.Node {
	at := pipeline.FormatTime(t, loc)
	if strings.Contains(at, "T") {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: at}
	}
	return str(at)
}

// channelsNode is a list of channels, one line [a, b] unless the old
// list was written one item per line.
func channelsNode(channels []string, old *yaml.Node) *yaml.Node {
	list := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	if old != nil && old.Kind == yaml.SequenceNode && old.Style&yaml.FlowStyle == 0 {
		list.Style = 0
	}
	for _, ch := range slices.Clone(channels) {
		list.Content = append(list.Content, str(ch))
	}
	return list
}
