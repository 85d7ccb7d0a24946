package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// Args are the values of a message's placeholders, by name.
type Args map[string]any

// Catalog is one room's messages in every language.
type Catalog struct {
	name     string
	bundle   *goi18n.Bundle
	messages map[Lang]map[string]*goi18n.Message // by id
	speakers map[Lang]*goi18n.Localizer
}

// Load reads dir/en.yaml, dir/fr.yaml and dir/nl.yaml from fsys (a
// room's embedded files). A message is a string, or a map of plural
// forms (one, other) for words that follow a count; maps of other keys
// group messages, their ids joined with dots (missing_before.hint).
// The keys id, description, hash, zero, one, two, few, many, other and
// translation are go-i18n's and cannot name a group.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	c := &Catalog{
		name:     dir,
		bundle:   goi18n.NewBundle(language.English),
		messages: map[Lang]map[string]*goi18n.Message{},
		speakers: map[Lang]*goi18n.Localizer{},
	}
	c.bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	for _, l := range Langs {
		file := path.Join(dir, string(l)+".yaml")
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		mf, err := c.bundle.ParseMessageFileBytes(b, file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		c.messages[l] = map[string]*goi18n.Message{}
		for _, m := range mf.Messages {
			c.messages[l][m.ID] = m
		}
		c.speakers[l] = goi18n.NewLocalizer(c.bundle, string(l))
	}
	return c, nil
}

// MustLoad is Load for a room's embedded catalog: a broken one is a bug
// of the room, which its tests catch (Problems), so the room does not
// start with it.
func MustLoad(fsys fs.FS, dir string) *Catalog {
	c, err := Load(fsys, dir)
	if err != nil {
		panic(err)
	}
	return c
}

// Has reports whether the catalog holds id in English, the language
// every message is written in first.
func (c *Catalog) Has(id string) bool {
	_, ok := c.messages[English][id]
	return ok
}

// IDs lists the catalog's message ids that start with prefix, sorted.
func (c *Catalog) IDs(prefix string) []string {
	set := map[string]bool{}
	for id := range c.messages[English] {
		if strings.HasPrefix(id, prefix) {
			set[id] = true
		}
	}
	return sorted(set)
}

// Text is message id in l (English when l is empty), its placeholders
// filled from args: "{punct}" becomes args["punct"]. A placeholder args
// does not name stays as written; an id the catalog lacks comes back as
// the id, which the room's tests catch.
func (c *Catalog) Text(l Lang, id string, args Args) string {
	return c.say(l, id, nil, args)
}

// Line is Text on one line: each run of ASCII spaces, tabs and line
// breaks (a long message folded in its file) becomes one space, and the
// ends are trimmed. The no-break spaces of French typography (U+00A0,
// U+202F) stay, where strings.Fields would take them for breaks.
func (c *Catalog) Line(l Lang, id string, args Args) string {
	return strings.Join(strings.FieldsFunc(c.Text(l, id, args), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r'
	}), " ")
}

// Count is message id in the plural form that n takes in l ("1 erreur",
// "2 erreurs"; French says "0 erreur"), with n as {count}.
func (c *Catalog) Count(l Lang, id string, n int, args Args) string {
	all := Args{"count": n}
	for k, v := range args {
		all[k] = v
	}
	return c.say(l, id, n, all)
}

func (c *Catalog) say(l Lang, id string, n any, args Args) string {
	sp, ok := c.speakers[l]
	if !ok {
		sp = c.speakers[English]
	}
	out, err := sp.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: args, PluralCount: n, TemplateParser: braces{}})
	if err != nil && out == "" {
		return id
	}
	return out
}

// Problems lists what is wrong with the catalog: a message missing from
// a language, with other placeholders than the English one, or empty.
// Each room's tests report them.
func (c *Catalog) Problems() []string {
	var out []string
	ids := map[string]bool{}
	for _, l := range Langs {
		for id := range c.messages[l] {
			ids[id] = true
		}
	}
	for _, id := range sorted(ids) {
		want := ""
		for _, l := range Langs {
			m, ok := c.messages[l][id]
			if !ok {
				out = append(out, fmt.Sprintf("%s/%s.yaml: %s is missing", c.name, l, id))
				continue
			}
			for form, text := range forms(m) {
				if strings.TrimSpace(text) == "" {
					out = append(out, fmt.Sprintf("%s/%s.yaml: %s (%s) is empty", c.name, l, id, form))
				}
			}
			got := strings.Join(placeholders(m), ", ")
			if l == English {
				want = got
			} else if got != want {
				out = append(out, fmt.Sprintf("%s/%s.yaml: %s has placeholders {%s}, English has {%s}", c.name, l, id, got, want))
			}
		}
	}
	return out
}

// forms are the texts of a message by plural form: "other" alone for a
// message without plurals.
func forms(m *goi18n.Message) map[string]string {
	out := map[string]string{"other": m.Other}
	if m.One != "" {
		out["one"] = m.One
	}
	for form, s := range map[string]string{"zero": m.Zero, "two": m.Two, "few": m.Few, "many": m.Many} {
		if s != "" {
			out[form] = s
		}
	}
	return out
}

var placeholderRE = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// placeholders are the names a message's forms use, sorted, once each.
// A form may leave out {count} ("une erreur"): count is the plural's own.
func placeholders(m *goi18n.Message) []string {
	names := map[string]bool{}
	for _, text := range forms(m) {
		for _, sub := range placeholderRE.FindAllStringSubmatch(text, -1) {
			names[sub[1]] = true
		}
	}
	if m.One != "" {
		delete(names, "count")
	}
	return sorted(names)
}

func sorted(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
