package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// WithState returns the file's content with its status and publications
// replaced by the given ones. Only those two keys change: the lines of
// every other key, the comments, the key order and the body stay byte for
// byte, so the diff of a publication is the state and nothing else. The
// status line is edited in place (or added at the end of the front
// matter); the publications block is generated from a YAML node tree and
// replaces the old block (or is added at the end).
func (f *File) WithState(status pipeline.Status, pubs map[string]pipeline.Publication, loc *time.Location) ([]byte, error) {
	if f.front == nil || f.frontEnd < 0 {
		return nil, errors.New(say.Text(f.lang, "write.no_front_state", i18n.Args{"path": f.Post.Path}))
	}
	nl := "\n"
	if bytes.Contains(f.Source, []byte("\r\n")) {
		nl = "\r\n"
	}
	var statusKey, statusVal, pubsKey *yaml.Node
	for i := 0; i+1 < len(f.front.Content); i += 2 {
		switch f.front.Content[i].Value {
		case "status":
			statusKey, statusVal = f.front.Content[i], f.front.Content[i+1]
		case "publications":
			pubsKey = f.front.Content[i]
		}
	}
	insertAt := f.frontEnd // before the closing line
	// Keys added at the top level take the indentation of the author's
	// keys (front matter indented by a space is still valid YAML).
	pad := ""
	if len(f.front.Content) > 0 && f.front.Content[0].Column > 1 {
		pad = strings.Repeat(" ", f.front.Content[0].Column-1)
	}
	var edits []edit
	if len(pubs) > 0 || pubsKey != nil {
		block, err := publicationsBlock(f.Post.Channels, pubs, loc)
		if err != nil {
			return nil, err
		}
		block = strings.ReplaceAll(indentBlock(block, pad), "\n", nl)
		e := edit{f.frontEnd, f.frontEnd, block}
		if pubsKey != nil {
			e.start, e.end = f.lines[pubsKey.Line+f.frontLine-1], f.blockEnd(pubsKey)
			insertAt = e.start
		}
		edits = append(edits, e)
	}
	if statusVal == nil {
		edits = append(edits, edit{insertAt, insertAt, pad + "status: " + string(status) + nl})
	} else if e, ok := f.scalarEdit(statusKey, statusVal, string(status), nl); ok {
		edits = append(edits, e)
	} else {
		return nil, errors.New(say.Text(f.lang, "write.status", i18n.Args{"path": f.Post.Path, "status": string(status)}))
	}
	out := applyEdits(f.Source, edits)
	if err := verifyState(out, status, len(pubs), f.lang); err != nil {
		return nil, errors.New(say.Text(f.lang, "write.state", i18n.Args{"path": f.Post.Path, "detail": err.Error()}))
	}
	return out, nil
}

// edit replaces the bytes from start to end by text.
type edit struct {
	start, end int
	text       string
}

// applyEdits applies edits that do not overlap, from the last one.
func applyEdits(src []byte, edits []edit) []byte {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	out := append([]byte(nil), src...)
	for _, e := range edits {
		out = append(out[:e.start], append([]byte(e.text), out[e.end:]...)...)
	}
	return out
}

// indentBlock puts pad before every line of block.
func indentBlock(block, pad string) string {
	if pad == "" {
		return block
	}
	lines := strings.SplitAfter(block, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "")
}

// scalarEdit replaces the value of a scalar key (status), keeping a comment after it on
// its line. A block scalar (status: >-, then the value on the next line)
// is replaced whole by a plain value.
func (f *File) scalarEdit(key, val *yaml.Node, status, nl string) (edit, bool) {
	if val.Kind != yaml.ScalarNode {
		return edit{}, false
	}
	line := val.Line + f.frontLine
	start := f.Offset(pipeline.Pos{Line: line, Col: val.Column})
	if val.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return edit{start, f.blockEnd(key), status + nl}, true
	}
	rest := f.Line(line)[start-f.lines[line-1]:]
	if m := trailingCommentRE.FindStringIndex(rest); m != nil {
		rest = rest[:m[0]]
	}
	return edit{start, start + len(rest), status}, true
}

// verifyState reads the edited file back: the post is never written with
// a state that would not read as the one intended. It says why in l.
func verifyState(out []byte, status pipeline.Status, pubs int, l i18n.Lang) error {
	f := newFile(out)
	if fs := f.locateFront("", l); fs != nil {
		return fmt.Errorf("%s", fs[0].Message)
	}
	node, err := decodeFront(out[f.frontStart:f.frontEnd])
	if err != nil {
		return err
	}
	if node == nil {
		return errors.New(say.Text(l, "write.indent", nil))
	}
	if node.Kind != yaml.DocumentNode || len(node.Content) == 0 || node.Content[0].Kind != yaml.MappingNode {
		return errors.New(say.Text(l, "write.mapping", nil))
	}
	m := node.Content[0]
	gotStatus, gotPubs := "", -1
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch m.Content[i].Value {
		case "status":
			gotStatus = m.Content[i+1].Value
		case "publications":
			gotPubs = len(m.Content[i+1].Content) / 2
		}
	}
	if gotPubs == -1 && pubs == 0 {
		gotPubs = 0
	}
	if gotStatus != string(status) || gotPubs != pubs {
		return errors.New(say.Count(l, "write.reads_back", max(gotPubs, 0), i18n.Args{"status": quoteIn(l, gotStatus)}))
	}
	return nil
}

var trailingCommentRE = regexp.MustCompile(`\s+#.*$`)

// blockEnd returns the byte offset just after the block of a top-level
// key: its line and the lines indented deeper than the key that follow
// it, without the blank lines after them.
func (f *File) blockEnd(key *yaml.Node) int {
	line := key.Line + f.frontLine
	closing := f.PosAt(f.frontEnd).Line
	last := line
	for l := line + 1; l < closing; l++ {
		text := f.Line(l)
		if strings.TrimSpace(text) == "" {
			continue
		}
		if len(text)-len(strings.TrimLeft(text, " \t")) < key.Column {
			break
		}
		last = l
	}
	if last >= len(f.lines) {
		return len(f.Source)
	}
	return f.lines[last]
}

// publicationsBlock renders publications: as YAML, channels in the post's
// order, then any other channel alphabetically.
func publicationsBlock(order []string, pubs map[string]pipeline.Publication, loc *time.Location) (string, error) {
	var names []string
	for _, ch := range order {
		if _, ok := pubs[ch]; ok {
			names = append(names, ch)
		}
	}
	var rest []string
	for ch := range pubs {
		if !contains(names, ch) {
			rest = append(rest, ch)
		}
	}
	sort.Strings(rest)
	names = append(names, rest...)

	scalar := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }
	str := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }
	when := func(t time.Time) *yaml.Node { return scalar(t.In(loc).Format(time.RFC3339)) }
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, ch := range names {
		p := pubs[ch]
		c := &yaml.Node{Kind: yaml.MappingNode}
		add := func(k string, v *yaml.Node) { c.Content = append(c.Content, scalar(k), v) }
		if p.ID != "" {
			add("id", str(p.ID))
		}
		if p.URL != "" {
			add("url", str(p.URL))
		}
		if len(p.Parts) > 0 {
			seq := &yaml.Node{Kind: yaml.SequenceNode} // one id per line: readable diffs
			for _, id := range p.Parts {
				seq.Content = append(seq.Content, str(id))
			}
			add("parts", seq)
		}
		if !p.At.IsZero() {
			add("at", when(p.At))
		}
		if !p.Occurrence.IsZero() {
			add("occurrence", when(p.Occurrence))
		}
		add("attempts", scalar(strconv.Itoa(p.Attempts)))
		if p.Error != "" {
			add("error", str(p.Error))
		}
		if !p.Retracted.IsZero() {
			add("retracted", when(p.Retracted))
		}
		m.Content = append(m.Content, scalar(ch), c)
	}
	top := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{scalar("publications"), m}}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(top); err != nil {
		return "", err
	}
	return buf.String(), enc.Close()
}
