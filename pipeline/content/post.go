package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

var postKeys = []string{"id", "title", "publish_at", "channels", "lang", "brand", "campaign", "media", "sponsored", "retouched", "virtual", "replaces", "repeat", "status", "first_comment", "variants", "publications"}

// PostKeys are the keys a post's front matter may have (an editor's
// completion).
func PostKeys() []string { return append([]string(nil), postKeys...) }

// postAliases are keys authors write from other tools, with what to write
// (an id of the catalog, messages/).
var postAliases = map[string]string{
	"date":        "alias.publish_at",
	"publish":     "alias.publish_at",
	"publish_on":  "alias.publish_at",
	"scheduled":   "alias.publish_at",
	"when":        "alias.publish_at",
	"network":     "alias.channels",
	"networks":    "alias.channels",
	"channel":     "alias.channel",
	"language":    "alias.lang",
	"image":       "alias.media",
	"images":      "alias.media",
	"tags":        "alias.hashtags",
	"hashtags":    "alias.hashtags",
	"thread":      "alias.thread",
	"comment":     "alias.first_comment",
	"description": "alias.body_text",
}

var (
	langRE     = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z]{2,4})?$`)
	campaignRE = regexp.MustCompile(`^[\p{L}\p{N}._-]+$`)
	idRE       = regexp.MustCompile(`^[\p{L}\p{N}._-]+$`)
	disableRE  = regexp.MustCompile(`(?:<!--|#)\s*crieur-disable(-next-line)?\s+([A-Za-z0-9_.,\s-]+?)\s*(?:-->|$)`)
	everyRE    = regexp.MustCompile(`^(?:(\d+)\s*)?(day|week|month)s?$`)
)

var everyWords = map[string]string{"daily": "day", "weekly": "week", "monthly": "month", "fortnightly": "2 weeks", "biweekly": "2 weeks"}

// ParsePost reads one post file. rel is its path relative to the content
// root. It returns the file (nil when nothing could be read) and the
// problems found, as findings with rule ids schema.*; a post with an
// error-level finding must not be published.
func (r *Repo) ParsePost(rel string, src []byte) (*File, []pipeline.Finding) {
	rel = filepath.ToSlash(rel)
	lang := r.lang()
	at := func(line, col int, rule, id string) pipeline.Finding {
		return pipeline.Finding{Path: rel, Line: line, Col: col, Rule: rule, Severity: pipeline.Error,
			Message: say.Text(lang, id+".message", nil), Hint: say.Text(lang, id+".hint", nil)}
	}
	if !utf8.Valid(src) {
		f := newFile(src)
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		p := f.PosAt(off)
		return nil, []pipeline.Finding{at(p.Line, p.Col, "schema.encoding", "encoding.invalid")}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		p := newFile(src).PosAt(i)
		return nil, []pipeline.Finding{at(p.Line, p.Col, "schema.encoding", "encoding.nul")}
	}
	if bytes.IndexByte(src, '\r') >= 0 && bytes.IndexByte(src, '\n') < 0 {
		return nil, []pipeline.Finding{at(1, 1, "schema.encoding", "encoding.cr")}
	}
	f := newFile(src)
	f.lang = lang
	if fs := f.locateFront(rel, lang); fs != nil {
		return nil, fs
	}
	d := &yamlDoc{path: rel, lineOff: f.frontLine, lang: lang}
	node, err := decodeFront(src[f.frontStart:f.frontEnd])
	if err != nil {
		d.syntaxError(err)
		return nil, f.clamp(d.findings)
	}
	if node == nil {
		d.said(f.strayLine(), "schema.front_matter", "front.stray", nil)
		return nil, f.clamp(d.findings)
	}
	f.front = &yaml.Node{Kind: yaml.MappingNode}
	if node.Kind == yaml.DocumentNode && len(node.Content) > 0 {
		f.front = node.Content[0]
	}
	if f.front.Kind == yaml.MappingNode && f.front.Style&yaml.FlowStyle != 0 {
		d.said(f.front, "schema.front_matter", "front.flow", nil)
		return nil, f.clamp(d.findings)
	}
	p := &pipeline.Post{Path: rel, KeyPos: map[string]pipeline.Pos{}, Publications: map[string]pipeline.Publication{}}
	f.Post = p
	r.readFront(d, f, p)
	comment := p.Body.FirstComment
	p.Body = f.readBody(d)
	p.Body.FirstComment = comment
	f.readDisables()
	return f, f.clamp(d.findings)
}

// clamp keeps positions inside the file: YAML also counts a lone carriage
// return as a line break, git and editors do not.
func (f *File) clamp(fs []pipeline.Finding) []pipeline.Finding {
	for i := range fs {
		fs[i].Line = min(max(fs[i].Line, 1), len(f.lines))
		fs[i].Col = max(fs[i].Col, 1)
	}
	return fs
}

// docMarkerRE is a line that starts a YAML document (---) or ends one
// (...): at column 1 and followed by a blank or the end of the line. YAML
// ends any open scalar there, so such a line is where the front matter
// ends; an indented --- stays inside its block scalar.
var docMarkerRE = regexp.MustCompile(`^(?:---|\.\.\.)(?:[ \t]|$)`)

// locateFront finds the front matter by YAML's document markers: it opens
// with a line --- (after blank lines and a byte-order mark) and ends at
// the first document marker after it, --- or ... alone on its line. It
// returns findings when the file has no such front matter, in l.
func (f *File) locateFront(rel string, l i18n.Lang) []pipeline.Finding {
	f.frontStart, f.frontEnd = -1, -1
	at := func(line int, id string, args i18n.Args) []pipeline.Finding {
		return []pipeline.Finding{{Path: rel, Line: line, Col: 1, Rule: "schema.front_matter", Severity: pipeline.Error,
			Message: say.Text(l, id+".message", args), Hint: say.Text(l, id+".hint", args)}}
	}
	for i := 0; i < len(f.lines); i++ {
		line := f.Line(i + 1)
		if i == 0 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if f.frontStart < 0 {
			if strings.TrimSpace(line) == "" {
				continue
			}
			if strings.TrimRight(line, " \t") != "---" {
				break
			}
			f.frontStart, f.frontLine = f.lineStart(i+1), i+1
			continue
		}
		if !docMarkerRE.MatchString(line) {
			continue
		}
		if m := strings.TrimRight(line, " \t"); m != "---" && m != "..." {
			return at(i+1, "front_marker", i18n.Args{"marker": m[:3]})
		}
		f.frontEnd, f.bodyStart = f.lines[i], f.lineStart(i+1)
		return nil
	}
	if f.frontStart < 0 {
		return at(1, "front_missing", nil)
	}
	return at(f.frontLine, "front_open", nil)
}

// lineStart is the byte offset of the (0-based) line n, or the end of the
// file when there is no such line.
func (f *File) lineStart(n int) int {
	if n < len(f.lines) {
		return f.lines[n]
	}
	return len(f.Source)
}

func (r *Repo) readFront(d *yamlDoc, f *File, p *pipeline.Post) {
	cfg := r.Config
	var channelNodes []*yaml.Node
	var channelsNode, brandNode, statusNode, repeatNode *yaml.Node
	for _, kv := range d.pairs(f.front, frontMatter) {
		k, v := kv.key, kv.val
		p.KeyPos[k.Value] = d.pos(v)
		switch k.Value {
		case "title":
			p.Title, _ = d.str(v, "title")
		case "publish_at":
			if s, ok := d.str(v, "publish_at"); ok {
				t, err := pipeline.ParseTime(s, cfg.Timezone)
				if err != nil {
					msg, hint := d.split(err)
					d.add(v, "schema.publish_at", msg, hint)
				}
				p.PublishAt = t
			}
		case "channels":
			channelsNode = v
			p.Channels, channelNodes = d.strList(v, "channels")
		case "lang":
			if s, ok := d.str(v, "lang"); ok {
				if !langRE.MatchString(s) {
					d.said(v, "schema.lang", "lang", i18n.Args{"value": d.q(s)})
				}
				p.Lang = s
			}
		case "brand":
			brandNode = v
			p.Brand, _ = d.str(v, "brand")
		case "id":
			if s, ok := d.str(v, "id"); ok {
				if !idRE.MatchString(s) {
					d.said(v, "schema.id", "id", i18n.Args{"value": d.q(s), "example": slugish(s)})
				}
				p.ID = s
			}
		case "campaign":
			if s, ok := d.str(v, "campaign"); ok {
				if !campaignRE.MatchString(s) {
					d.said(v, "schema.campaign", "campaign", i18n.Args{"value": d.q(s), "example": slugish(s)})
				}
				p.Campaign = s
			}
		case "media":
			r.readMedia(d, f, p, v)
		case "sponsored":
			p.Sponsored = d.boolean(v, "sponsored")
		case "retouched":
			p.Retouched = d.boolean(v, "retouched")
		case "virtual":
			p.Virtual = d.boolean(v, "virtual")
		case "replaces":
			p.Replaces, _ = d.str(v, "replaces")
		case "repeat":
			repeatNode = v
		case "status":
			statusNode = v
			if s, ok := d.str(v, "status"); ok {
				p.Status = pipeline.Status(s)
			}
		case "first_comment":
			if _, ok := d.str(v, "first_comment"); ok {
				part := f.scalarPart(v)
				p.Body.FirstComment = &part
			}
		case "variants":
			p.Variants = map[string]pipeline.Text{}
			for _, vv := range d.pairs(v, "variants") {
				if _, ok := cfg.Channels[vv.key.Value]; !ok {
					d.add(vv.key, "schema.channel", d.text("channel.variant", i18n.Args{"name": d.q(vv.key.Value)}),
						hintOr(d.suggest(vv.key.Value, cfg.ChannelOrder), d.text("channel.list", i18n.Args{"list": strings.Join(cfg.ChannelOrder, ", ")})))
					continue
				}
				if _, ok := d.str(vv.val, "variants."+vv.key.Value); ok {
					p.Variants[vv.key.Value] = pipeline.Text{Parts: splitThread(f.scalarPart(vv.val))}
					p.KeyPos["variants."+vv.key.Value] = d.pos(vv.val)
				}
			}
		case "publications":
			d.readPublications(v, p, cfg.Timezone)
		default:
			d.unknownKey(k, frontMatter, postKeys, postAliases)
		}
	}
	// Defaults and cross-checks.
	if p.Brand == "" {
		p.Brand = cfg.Defaults.Brand
	} else if _, ok := cfg.Brands[p.Brand]; !ok {
		hint := d.text("brand.none", nil)
		if len(cfg.BrandOrder) > 0 {
			hint = hintOr(d.suggest(p.Brand, cfg.BrandOrder), d.text("brand.list", i18n.Args{"list": strings.Join(cfg.BrandOrder, ", ")}))
		}
		d.add(brandNode, "schema.brand", d.text("brand.message", i18n.Args{"name": d.q(p.Brand)}), hint)
	}
	if p.Lang == "" {
		p.Lang = cfg.Defaults.Lang
	}
	if channelsNode == nil {
		p.Channels = cfg.Defaults.Channels
		if len(p.Channels) == 0 {
			d.said(f.front, "schema.channels", "channels", i18n.Args{"list": strings.Join(cfg.ChannelOrder, ", ")})
		}
	}
	allowed := cfg.ChannelsFor(p.Brand)
	seen := map[string]bool{}
	for i, ch := range channelNodes {
		name := p.Channels[i]
		p.KeyPos[fmt.Sprintf("channels[%d]", i)] = d.pos(ch)
		if seen[name] {
			d.said(ch, "schema.channel", "channel.twice", i18n.Args{"name": d.q(name)})
		}
		seen[name] = true
		if _, ok := cfg.Channels[name]; !ok {
			d.add(ch, "schema.channel", d.text("channel.unknown.message", i18n.Args{"name": d.q(name)}),
				hintOr(d.suggest(name, cfg.ChannelOrder), d.text("channel.unknown.hint", i18n.Args{"list": strings.Join(cfg.ChannelOrder, ", ")})))
		} else if !contains(allowed, name) {
			d.said(ch, "schema.channel", "channel.not_brand", i18n.Args{"name": d.q(name), "brand": p.Brand, "list": strings.Join(allowed, ", ")})
		}
	}
	switch {
	case p.Status == "" && p.PublishAt.IsZero():
		p.Status = pipeline.StatusDraft
	case p.Status == "":
		p.Status = pipeline.StatusScheduled
	default:
		valid := false
		for _, s := range pipeline.Statuses {
			valid = valid || s == p.Status
		}
		if !valid {
			names := make([]string, len(pipeline.Statuses))
			for i, s := range pipeline.Statuses {
				names[i] = string(s)
			}
			d.add(statusNode, "schema.status", d.text("status.message", i18n.Args{"name": d.q(string(p.Status))}),
				hintOr(d.suggest(string(p.Status), names), d.text("status.list", i18n.Args{"list": strings.Join(names, ", ")})))
		}
	}
	if _, ok := p.KeyPos["publish_at"]; !ok && p.Status != pipeline.StatusDraft {
		d.said(f.front, "schema.publish_at", "publish_at", nil)
	}
	if repeatNode != nil {
		p.Repeat = d.readRepeat(repeatNode, p.PublishAt, cfg.Timezone)
	}
	if p.Repeat != nil && !p.Repeat.Until.IsZero() && !p.PublishAt.IsZero() && p.Repeat.Until.Before(p.PublishAt) {
		d.add(f.front, "schema.repeat", d.text("repeat_until", nil), "")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (r *Repo) readMedia(d *yamlDoc, f *File, p *pipeline.Post, v *yaml.Node) {
	if v.Kind != yaml.SequenceNode {
		d.said(v, "schema.media", "media.list", nil)
		return
	}
	for i, item := range v.Content {
		var m pipeline.Media
		if item.Kind == yaml.ScalarNode { // "- affiche.jpg": a file without alt
			m.File = item.Value
			m.Pos = d.pos(item)
		}
		var fields []pair
		if item.Kind != yaml.ScalarNode {
			fields = d.pairs(item, d.text("media_path.item", nil))
		}
		for _, kv := range fields {
			switch kv.key.Value {
			case "file":
				m.File, _ = d.str(kv.val, "media file")
				m.Pos = d.pos(kv.val)
			case "alt":
				m.Alt, _ = d.str(kv.val, "media alt")
				p.KeyPos[fmt.Sprintf("media[%d].alt", i)] = d.pos(kv.val)
			default:
				d.unknownKey(kv.key, d.text("media_path.item", nil), []string{"file", "alt"}, map[string]string{"description": "alias.alt", "path": "alias.file", "src": "alias.file"})
			}
		}
		p.KeyPos[fmt.Sprintf("media[%d]", i)] = d.pos(item)
		if m.File == "" {
			d.said(item, "schema.media", "media.no_file", nil)
			continue
		}
		at := &yaml.Node{Line: m.Pos.Line - d.lineOff, Column: m.Pos.Col}
		resolved, err := resolveMedia(p.Path, m.File)
		if err != nil {
			d.add(at, "schema.media", d.text(err.(*mediaPathError).id, i18n.Args{"file": m.File}), d.text("media.outside_hint", nil))
			continue
		}
		m.Path = resolved
		if err := r.checkMediaFile(resolved); err != nil && !errors.Is(err, fs.ErrNotExist) {
			msg, hint := fileFinding(err, d.lang)
			d.add(at, "schema.media", "media "+msg, hint)
		} else if err != nil {
			hint := d.text("media.missing.hint", i18n.Args{"folder": path.Dir(p.Path)})
			if alt := r.nearbyMedia(resolved); alt != "" {
				hint = d.text("did_you_mean", i18n.Args{"word": alt})
			}
			d.add(at, "schema.media", d.text("media.missing.message", i18n.Args{"file": m.File}), hint)
		}
		p.Media = append(p.Media, m)
	}
}

// mediaPathError is a media path that names no file of the repository:
// the catalog's id says why.
type mediaPathError struct{ id, file string }

func (e *mediaPathError) Error() string {
	return say.Text(i18n.English, e.id, i18n.Args{"file": e.file})
}

// resolveMedia turns a media path as written into a path from the content
// root, refusing one that leaves it (a *mediaPathError).
func resolveMedia(postPath, file string) (string, error) {
	file = strings.ReplaceAll(file, "\\", "/")
	var p string
	if strings.HasPrefix(file, "/") {
		p = path.Clean(strings.TrimPrefix(file, "/"))
	} else {
		p = path.Clean(path.Join(path.Dir(postPath), file))
	}
	if p == "." {
		return "", &mediaPathError{"media_path.own_folder", file}
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", &mediaPathError{"media_path.leaves", file}
	}
	return p, nil
}

// checkMediaFile checks that an image is a regular file inside the
// repository (see RegularFile).
func (r *Repo) checkMediaFile(rel string) error {
	_, err := r.RegularFile(rel, "an image")
	return err
}

// nearbyMedia suggests a file with a close name in the same folder.
func (r *Repo) nearbyMedia(rel string) string {
	entries, err := os.ReadDir(filepath.Join(r.Root, filepath.FromSlash(path.Dir(rel))))
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if s := pipeline.Suggest(path.Base(rel), names); s != "" {
		return path.Join(path.Dir(rel), s)
	}
	return ""
}

// intervalError is why ParseInterval cannot read s: the catalog's
// repeat.every.<id>.
type intervalError struct{ id, s string }

func (e *intervalError) Error() string {
	return say.Text(i18n.English, "repeat.every."+e.id, i18n.Args{"value": strconv.Quote(e.s)})
}

// ParseInterval reads "week", "2 weeks", "weekly", "3 days", "month".
// Its error is an *intervalError.
func ParseInterval(s string) (pipeline.Interval, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if w, ok := everyWords[t]; ok {
		t = w
	}
	m := everyRE.FindStringSubmatch(t)
	if m == nil {
		return pipeline.Interval{}, &intervalError{"unreadable", s}
	}
	n := 1
	if m[1] != "" {
		n, _ = strconv.Atoi(m[1])
	}
	if n < 1 || n > 366 {
		return pipeline.Interval{}, &intervalError{"range", s}
	}
	return pipeline.Interval{N: n, Unit: m[2]}, nil
}

func (d *yamlDoc) readPublications(v *yaml.Node, p *pipeline.Post, loc *time.Location) {
	for _, kv := range d.pairs(v, "publications") {
		var pub pipeline.Publication
		for _, f := range d.pairs(kv.val, "publications."+kv.key.Value) {
			if f.key.Value == "parts" {
				pub.Parts, _ = d.strList(f.val, "publications."+kv.key.Value+".parts")
				continue
			}
			s, ok := d.str(f.val, "publications."+kv.key.Value+"."+f.key.Value)
			if !ok {
				continue
			}
			readTime := func() time.Time {
				t, err := time.Parse(time.RFC3339, s)
				if err != nil {
					d.said(f.val, "schema.publications", "publications.time", i18n.Args{"key": f.key.Value, "value": d.q(s)})
				}
				return t.In(loc)
			}
			switch f.key.Value {
			case "id":
				pub.ID = s
			case "url":
				pub.URL = s
			case "at":
				pub.At = readTime()
			case "occurrence":
				pub.Occurrence = readTime()
			case "retracted":
				pub.Retracted = readTime()
			case "attempts":
				if n, ok := d.integer(f.val, "attempts"); ok {
					pub.Attempts = n
					if n < 0 {
						d.add(f.val, "schema.type", d.text("publications.attempts", i18n.Args{"n": n}), "")
					}
				}
			case "error":
				pub.Error = s
			default:
				d.unknownKey(f.key, "publications."+kv.key.Value, []string{"id", "url", "parts", "at", "occurrence", "attempts", "error", "retracted"}, nil)
			}
		}
		p.Publications[kv.key.Value] = pub
	}
}

// scalarPart maps a YAML text value (a variant, a first comment) to a Part
// that knows where its text sits in the file.
func (f *File) scalarPart(n *yaml.Node) pipeline.Part {
	line := n.Line + f.frontLine
	part := pipeline.Part{Source: n.Value, Line: line, Col: n.Column, Style: f.scalarStyle(n, line)}
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		part.Col++
	case yaml.LiteralStyle, yaml.FoldedStyle:
		// The text starts on the next line, indented.
		for l := line + 1; l <= len(f.lines); l++ {
			text := f.Line(l)
			if strings.TrimSpace(text) == "" {
				continue
			}
			indent := len(text) - len(strings.TrimLeft(text, " "))
			part.Line, part.Col, part.Indent = l, indent+1, indent
			break
		}
	}
	return part
}

// scalarStyle says how exactly the file holds a scalar's text (see
// pipeline.TextStyle): the text is checked against the file's line, so a
// quoted text with an escape, or a plain one folded over several lines,
// is Rewritten.
func (f *File) scalarStyle(n *yaml.Node, line int) pipeline.TextStyle {
	rs := []rune(f.Line(line))
	if n.Column < 1 || n.Column > len(rs) {
		return pipeline.Rewritten
	}
	rest := string(rs[n.Column-1:])
	oneLine := !strings.Contains(n.Value, "\n")
	switch {
	case n.Style == yaml.LiteralStyle:
		// |, |- or |+: an indentation indicator (|2) or leading blank
		// lines would shift the text from where scalarPart finds it.
		header := strings.Fields(rest)
		if len(header) > 0 && !strings.ContainsAny(header[0], "123456789") && !strings.HasPrefix(n.Value, "\n") {
			return pipeline.Verbatim
		}
	case n.Style == yaml.DoubleQuotedStyle && oneLine && !strings.Contains(n.Value, `\`) && strings.HasPrefix(rest, `"`+n.Value+`"`):
		return pipeline.DoubleQuoted
	case n.Style == yaml.SingleQuotedStyle && oneLine && !strings.Contains(n.Value, "'") && strings.HasPrefix(rest, "'"+n.Value+"'"):
		return pipeline.SingleQuoted
	case n.Style == 0 && oneLine && strings.HasPrefix(rest, n.Value):
		return pipeline.Plain
	}
	return pipeline.Rewritten
}

// readBody splits the body into thread parts at lines holding only ---
// (outside fenced code) and reports an empty body or part.
func (f *File) readBody(d *yamlDoc) pipeline.Text {
	start := f.PosAt(f.bodyStart)
	body := pipeline.Part{Source: string(f.Source[f.bodyStart:]), Line: start.Line, Col: 1}
	parts := splitThread(body)
	if strings.TrimSpace(stripComments(body.Source)) == "" {
		d.findings = append(d.findings, pipeline.Finding{Path: d.path, Line: start.Line, Col: 1, Rule: "schema.body", Severity: pipeline.Error,
			Message: d.text("body.empty.message", nil), Hint: d.text("body.empty.hint", nil)})
		return pipeline.Text{Parts: parts}
	}
	for i, p := range parts {
		if strings.TrimSpace(stripComments(p.Source)) == "" {
			d.findings = append(d.findings, pipeline.Finding{Path: d.path, Line: p.Line, Col: 1, Rule: "schema.thread", Severity: pipeline.Error,
				Message: d.text("body.part.message", i18n.Args{"n": i + 1}), Hint: d.text("body.part.hint", nil)})
		}
	}
	return pipeline.Text{Parts: parts}
}

// splitThread cuts a part at lines holding only ---, outside fenced code.
func splitThread(p pipeline.Part) []pipeline.Part {
	var parts []pipeline.Part
	src := p.Source
	cur := pipeline.Part{Line: p.Line, Col: p.Col, Indent: p.Indent, Style: p.Style}
	curStart, fence := 0, ""
	lineNo := 0
	for off := 0; off <= len(src); {
		end := strings.IndexByte(src[off:], '\n')
		next := len(src) + 1
		if end >= 0 {
			next = off + end + 1
			end += off
		} else {
			end = len(src)
		}
		line := strings.TrimSpace(src[off:end])
		switch {
		case fence == "" && (strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~")):
			fence = line[:3]
		case fence != "" && strings.HasPrefix(line, fence):
			fence = ""
		case fence == "" && line == "---":
			cur.Source = src[curStart:off]
			parts = append(parts, cur)
			curStart = next
			if curStart > len(src) {
				curStart = len(src)
			}
			cur = pipeline.Part{Line: p.Line + lineNo + 1, Col: p.Indent + 1, Indent: p.Indent, Style: p.Style}
		}
		lineNo++
		off = next
	}
	cur.Source = src[curStart:]
	return append(parts, cur)
}

var commentRE = regexp.MustCompile(`(?s)<!--.*?-->`)

func stripComments(s string) string {
	if !strings.Contains(s, "<!--") {
		return s // no comment: no search, no copy
	}
	return commentRE.ReplaceAllString(s, "")
}

// readDisables finds the comments that silence rules.
func (f *File) readDisables() {
	p := f.Post
	for n := 1; n <= len(f.lines); n++ {
		line := f.Line(n)
		if !strings.Contains(line, "crieur-disable") {
			continue // what disableRE needs; searching it costs more
		}
		m := disableRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		ids := strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		if m[1] == "" {
			p.Disabled = append(p.Disabled, ids...)
			continue
		}
		target := n + 1
		for target <= len(f.lines) && strings.TrimSpace(f.Line(target)) == "" {
			target++
		}
		if p.DisabledLines == nil {
			p.DisabledLines = map[int][]string{}
		}
		p.DisabledLines[target] = append(p.DisabledLines[target], ids...)
	}
}

func slugish(s string) string {
	return strings.Trim(regexp.MustCompile(`[^\p{L}\p{N}]+`).ReplaceAllString(strings.ToLower(s), "-"), "-")
}
