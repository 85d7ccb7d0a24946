package planpage

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// The page is read back with encoding/xml in its lenient mode (HTML's
// void elements closed automatically, HTML entities known): the standard
// library has no HTML parser, and a page that this reader cannot follow
// has unbalanced tags, which is worth failing on anyway.

// node is an element, or a text when name is "".
type node struct {
	name   string
	attr   map[string]string
	text   string
	kids   []*node
	parent *node
}

func parseHTML(t *testing.T, page []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &node{name: "#document", attr: map[string]string{}}
	cur := root
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the page does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: strings.ToLower(tok.Name.Local), attr: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				name := strings.ToLower(a.Name.Local)
				if a.Name.Space != "" {
					name = strings.ToLower(a.Name.Space) + ":" + name
				}
				n.attr[name] = a.Value
			}
			cur.kids = append(cur.kids, n)
			cur = n
		case xml.EndElement:
			name := strings.ToLower(tok.Name.Local)
			if cur.name != name {
				t.Fatalf("the page closes <%s> inside <%s>", name, cur.name)
			}
			cur = cur.parent
		case xml.CharData:
			cur.kids = append(cur.kids, &node{text: string(tok), parent: cur})
		}
	}
	if cur != root {
		t.Fatalf("the page leaves <%s> open", cur.name)
	}
	return root
}

// all lists the elements under n (n excluded) that match, in document
// order.
func (n *node) all(match func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		for _, k := range m.kids {
			if k.name != "" && match(k) {
				out = append(out, k)
			}
			walk(k)
		}
	}
	walk(n)
	return out
}

// cells is the content of each cell of a table row.
func (n *node) cells() []string {
	var out []string
	for _, c := range n.all(func(m *node) bool { return m.name == "td" || m.name == "th" }) {
		out = append(out, c.content())
	}
	return out
}

// one is the only element under n that matches; the test fails on none
// or several.
func (n *node) one(t *testing.T, what string, match func(*node) bool) *node {
	t.Helper()
	found := n.all(match)
	if len(found) != 1 {
		t.Fatalf("%s: found %d elements, want 1", what, len(found))
	}
	return found[0]
}

func (n *node) byID(t *testing.T, id string) *node {
	t.Helper()
	return n.one(t, "#"+id, func(m *node) bool { return m.attr["id"] == id })
}

// up is the closest ancestor of n that matches, nil when none does.
func (n *node) up(match func(*node) bool) *node {
	for m := n.parent; m != nil; m = m.parent {
		if m.name != "" && match(m) {
			return m
		}
	}
	return nil
}

// content is the text of n and its descendants, spaces squeezed.
func (n *node) content() string { return strings.Join(strings.Fields(n.raw()), " ") }

// raw is the text of n and its descendants as written.
func (n *node) raw() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		if m.name == "" {
			b.WriteString(m.text)
		}
		for _, k := range m.kids {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

func (n *node) hasClass(c string) bool {
	for _, f := range strings.Fields(n.attr["class"]) {
		if f == c {
			return true
		}
	}
	return false
}

func tag(name string) func(*node) bool { return func(n *node) bool { return n.name == name } }

func class(name, c string) func(*node) bool {
	return func(n *node) bool { return (name == "" || n.name == name) && n.hasClass(c) }
}

func attr(key, value string) func(*node) bool {
	return func(n *node) bool { v, ok := n.attr[key]; return ok && v == value }
}

func and(fs ...func(*node) bool) func(*node) bool {
	return func(n *node) bool {
		for _, f := range fs {
			if !f(n) {
				return false
			}
		}
		return true
	}
}
