package content

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// yamlDoc reads one YAML document of a file and collects findings that
// point at the file's own lines: lineOff is added to yaml.v3's line
// numbers (the front matter of a post starts on line 2).
type yamlDoc struct {
	path     string
	lineOff  int
	findings []pipeline.Finding
	lang     i18n.Lang // the reader's: the messages' language ("" is English)
}

func (d *yamlDoc) pos(n *yaml.Node) pipeline.Pos {
	if n == nil || n.Line == 0 {
		return pipeline.Pos{Line: 1 + d.lineOff, Col: 1}
	}
	return pipeline.Pos{Line: n.Line + d.lineOff, Col: n.Column}
}

func (d *yamlDoc) add(n *yaml.Node, rule, msg, hint string) {
	p := d.pos(n)
	d.findings = append(d.findings, pipeline.Finding{
		Path: d.path, Line: p.Line, Col: p.Col,
		Rule: rule, Severity: pipeline.Error, Message: msg, Hint: hint,
	})
}

var yamlLineRE = regexp.MustCompile(`line (\d+)(?:, column (\d+))?: `)

// parse reads data into a node tree. A syntax error becomes a finding on
// the right line of the file.
func (d *yamlDoc) parse(data []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		d.syntaxError(err)
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode}
	}
	return doc.Content[0]
}

// decodeFront reads a front matter: one YAML document. It returns a nil
// node when YAML stops before the end of the text (yaml.v3 ignores a line
// indented less than the first key), so that nothing is silently dropped.
func decodeFront(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var node, rest yaml.Node
	if err := dec.Decode(&node); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if err := dec.Decode(&rest); !errors.Is(err, io.EOF) {
		return nil, nil
	}
	return &node, nil
}

// strayLine is a node at the first line of the front matter indented less
// than its first key, the line yaml.v3 stops at.
func (f *File) strayLine() *yaml.Node {
	first, closing := f.frontLine+1, f.PosAt(f.frontEnd).Line
	keyCol := -1
	for l := first; l < closing; l++ {
		text := f.Line(l)
		trimmed := strings.TrimLeft(text, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		col := len(text) - len(trimmed)
		if keyCol < 0 {
			keyCol = col
		} else if col < keyCol {
			return &yaml.Node{Line: l - f.frontLine, Column: col + 1}
		}
	}
	return &yaml.Node{Line: 1, Column: 1}
}

func (d *yamlDoc) syntaxError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, col := 1, 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			col, _ = strconv.Atoi(m[2])
		}
		msg = strings.Replace(msg, m[0], "", 1)
		// yaml.v3 numbers parser errors from 0 (the line where the
		// unclosed construct starts) and scanner errors from 1.
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	}
	hint := d.text("yaml.syntax_hint", nil)
	if strings.Contains(msg, "already defined") {
		hint = d.text("yaml.duplicate.hint", nil)
	}
	if strings.Contains(msg, "tab") {
		hint = d.text("yaml.tabs_hint", nil)
	}
	d.findings = append(d.findings, pipeline.Finding{
		Path: d.path, Line: line + d.lineOff, Col: col,
		Rule: "schema.yaml", Severity: pipeline.Error,
		Message: d.text("yaml.syntax", i18n.Args{"detail": msg}), Hint: hint,
	})
}

type pair struct{ key, val *yaml.Node }

// pairs lists the entries of a mapping node in order; anything else gives
// a finding and no pairs.
func (d *yamlDoc) pairs(n *yaml.Node, what string) []pair {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.typeError(n, "mapping", what, nil)
		return nil
	}
	out := make([]pair, 0, len(n.Content)/2)
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if first, ok := seen[k.Value]; ok {
			d.said(k, "schema.yaml", "yaml.duplicate", i18n.Args{"key": d.q(k.Value), "line": d.pos(first).Line})
			continue
		}
		seen[k.Value] = k
		out = append(out, pair{k, n.Content[i+1]})
	}
	return out
}

// unknownKey reports a key that is not in allowed, with a suggestion.
func (d *yamlDoc) unknownKey(k *yaml.Node, where string, allowed []string, aliases map[string]string) {
	hint := ""
	if a, ok := aliases[strings.ToLower(k.Value)]; ok {
		hint = a
		if say.Has(a) { // an id of the catalog (alias.*), else words as written
			hint = d.text(a, nil)
		}
	} else if s := d.suggest(k.Value, allowed); s != "" {
		hint = s
	} else {
		sorted := append([]string(nil), allowed...)
		sort.Strings(sorted)
		hint = d.text("unknown_key.known", i18n.Args{"list": strings.Join(sorted, ", ")})
	}
	d.add(k, "schema.unknown_key", d.text("unknown_key.message", i18n.Args{"key": d.q(k.Value), "where": d.where(where)}), hint)
}

func (d *yamlDoc) str(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Tag == "!!binary" {
		d.typeError(n, "text", what, nil)
		return "", false
	}
	return n.Value, true
}

func (d *yamlDoc) boolean(n *yaml.Node, what string) bool {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
		d.typeError(n, "bool", what, i18n.Args{"value": d.q(n.Value)})
		return false
	}
	return b
}

func (d *yamlDoc) integer(n *yaml.Node, what string) (int, bool) {
	var i int
	if n.Kind != yaml.ScalarNode || n.Tag == "!!float" || n.Decode(&i) != nil {
		d.typeError(n, "integer", what, i18n.Args{"value": d.q(n.Value), "example": 500})
		return 0, false
	}
	return i, true
}

// typeError reports a value of the wrong type: type.<kind>.message with
// what and args, and as the hint what YAML feature the value used that
// crieur does not read, else how to write it (type.<kind>.hint).
func (d *yamlDoc) typeError(n *yaml.Node, kind, what string, args i18n.Args) {
	all := i18n.Args{"what": d.where(what)}
	for k, v := range args {
		all[k] = v
	}
	hint := d.text("type."+kind+".hint", all)
	switch {
	case n.Kind == yaml.AliasNode:
		hint = d.text("type.alias", i18n.Args{"name": n.Value})
	case n.Tag == "!!binary":
		hint = d.text("type.binary", nil)
	}
	d.add(n, "schema.type", d.text("type."+kind+".message", all), hint)
}

// strList reads a list of texts; a single text is a list of one.
func (d *yamlDoc) strList(n *yaml.Node, what string) ([]string, []*yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || n.Value == "" {
			return nil, nil
		}
		return []string{n.Value}, []*yaml.Node{n}
	case yaml.SequenceNode:
		var out []string
		var nodes []*yaml.Node
		for _, c := range n.Content {
			if s, ok := d.str(c, what+" item"); ok {
				out = append(out, s)
				nodes = append(nodes, c)
			}
		}
		return out, nodes
	}
	d.typeError(n, "list", what, nil)
	return nil, nil
}

// checkStruct reports unknown keys of a mapping against the yaml tags of
// a Go struct type, recursively (maps of structs, slices of structs).
func (d *yamlDoc) checkStruct(n *yaml.Node, t reflect.Type, where string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			if !(n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
				d.typeError(n, "mapping", where, nil)
			}
			return
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = t.Field(i).Type
			names = append(names, tag)
		}
		for _, p := range d.pairs(n, where) {
			ft, ok := fields[p.key.Value]
			if !ok {
				d.unknownKey(p.key, where, names, nil)
				continue
			}
			d.checkStruct(p.val, ft, where+"."+p.key.Value)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!float" {
			// yaml.v3 would truncate 2.5 to 2 without a word
			d.typeError(n, "integer", where, i18n.Args{"value": d.q(n.Value), "example": 3})
		}
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				d.checkStruct(c, t.Elem(), where+" item")
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for _, p := range d.pairs(n, where) {
				d.checkStruct(p.val, t.Elem(), where+"."+p.key.Value)
			}
		}
	}
}

// decode fills v from n after checking its keys; a type mismatch becomes
// a finding at the line yaml.v3 names.
func (d *yamlDoc) decode(n *yaml.Node, v any, where string) {
	before := len(d.findings)
	d.checkStruct(n, reflect.TypeOf(v), where)
	if len(d.findings) > before {
		return
	}
	if err := n.Decode(v); err != nil {
		msg := err.Error()
		line := n.Line
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = strings.Replace(msg, m[0], "", 1)
		}
		msg = strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(msg, "yaml: unmarshal errors:")), "yaml: ")
		d.findings = append(d.findings, pipeline.Finding{
			Path: d.path, Line: line + d.lineOff, Col: 1, Rule: "schema.type",
			Severity: pipeline.Error, Message: d.text("wrong_type.message", i18n.Args{"where": d.where(where), "detail": msg}),
			Hint: d.text("wrong_type.hint", nil),
		})
	}
}
