package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// compile compiles the three schemas from FS, as a tool would.
func compile(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	names := []string{Post, Config, Charter}
	for _, name := range names {
		data, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(name, doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	out := make(map[string]*jsonschema.Schema)
	for _, name := range names {
		s, err := c.Compile(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// fromYAML decodes YAML as the VS Code YAML extension sees it (YAML 1.2:
// a date is text, only true and false are booleans) into the JSON values
// the validator expects.
func fromYAML(t *testing.T, src string) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatalf("bad YAML: %v\n%s", err, src)
	}
	v, err := jsonValue(&n)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return v
}

func jsonValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case 0:
		return nil, nil // an empty document
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return jsonValue(n.Content[0])
	case yaml.AliasNode:
		return jsonValue(n.Alias)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := jsonValue(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := jsonValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		return n.Value == "true", nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return nil, fmt.Errorf("line %d: %w", n.Line, err)
		}
		return i, nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, fmt.Errorf("line %d: %w", n.Line, err)
		}
		return f, nil
	}
	return n.Value, nil // !!str, !!timestamp and the rest: the text written
}

const validPost = `
title: Lancement de la saison
publish_at: 2026-12-01 09:30
channels: [mastodon, bluesky, linkedin]
lang: fr
brand: botanique
campaign: saison-2026
media:
  - file: ../../../media/affiche.jpg
    alt: Affiche de la saison, fond rouge
sponsored: false
retouched: false
virtual: false
replaces: posts/2026/11/erreur.md
repeat:
  every: 2 weeks
  until: 2027-01-31
status: scheduled
first_comment: Le programme complet est en ligne.
variants:
  bluesky: |
    La saison commence le 1er décembre !
`

const publishedPost = `
publish_at: 2026-12-01T09:30:00+01:00
channels: mastodon
status: published
publications:
  mastodon:
    id: "109876543210"
    url: https://mastodon.social/@botanique/109876543210
    at: 2026-12-01T09:30:04+01:00
    occurrence: 2026-12-01T09:30:00+01:00
    attempts: 1
  bluesky:
    attempts: 2
    at: 2026-12-01T09:45:00+01:00
    error: "503 Service Unavailable"
`

const validConfig = `
timezone: Europe/Brussels
outbox: outbox
journal: journal
charter: charte.yml
vocabulary: vocabulaire.txt
defaults:
  channels: [mastodon, bluesky]
  lang: fr
  brand: botanique
channels:
  mastodon:
    type: outbox
    network: mastodon
    account: "@botanique@mastodon.social"
    dir: outbox/mastodon
    limit: 500
    secrets:
      token: MASTODON_TOKEN
    options:
      server: https://mastodon.social
  telegram-fr:
    type: telegram
    secrets: {token: TELEGRAM_TOKEN}
    options: {chat_id: -1001234567890}
brands:
  botanique:
    charter: charte.yml
    vocabulary: vocabulaire.txt
    channels: [mastodon, bluesky, linkedin]
`

const validCharter = `
extends: ../commun/charte.yml
languages: [fr, en, nl]
severity:
  schedule.: warning
  typo.fr.nbsp: suggestion
spelling:
  enabled: true
  accept: [Botanique]
  reject: [Bruxelle]
  hashtags: split
  grammar: false
tone:
  address: vous
  profanity: true
  shouting: true
  punctuation: true
  aggressive: true
  words: [nul]
hashtags:
  max: 3
  required: ["#Bruxelles"]
  per_channel: {linkedin: 5}
emojis:
  max: 3
links:
  utm: true
  utm_source: crieur
  utm_medium: social
  domains: [example.org]
sponsored:
  mention: true
  accepted: [Publicité, Collaboration commerciale]
media:
  alt_required: true
  alt_min: 15
inclusive: forbid
typography:
  french: true
  space: narrow
  quebec: false
schedule:
  hours: "08:00-21:00"
  days: [mon, tue, wed, thu, fri]
  max_per_day: 3
  min_gap: 2h
  blackouts:
    - from: 2026-08-15
      to: 2026-08-16
      reason: Deuil national
    - from: "2026-12-24 20:00"
      to: "2026-12-26 08:00"
forbidden:
  - term: gratos
    message: Écrivez « gratuit ».
    severity: error
substitutions:
  - term: Bxl
    replace: Bruxelles
    message: Pas d'abréviation.
    severity: warning
rules:
  - id: marque.majuscule
    kind: capitalization
    tokens: [Botanique]
    message: Le Botanique prend une majuscule.
    severity: error
  - id: marque.lien
    kind: occurrence
    pattern: https?://
    max: 1
  - id: marque.resa
    kind: substitution
    tokens: [résa]
    replace: réservation
`

// schemaCases are documents with what the schemas say of them; the
// differential test (TestSchemasAgreeWithTheLoader) reads them too.
var schemaCases = []struct {
	name   string
	schema string
	doc    string
	valid  bool
}{
	{"post", Post, validPost, true},
	{"published post", Post, publishedPost, true},
	{"draft without date", Post, "status: draft\n", true},
	{"post with count", Post, "publish_at: 2026-12-01T09:30\nrepeat: {every: weekly, count: 8}\n", true},
	{"config", Config, validConfig, true},
	{"charter", Charter, validCharter, true},
	{"empty charter", Charter, "{}", true},

	{"post: unknown key", Post, "publish_at: 2026-12-01 09:30\ndate: 2026-12-01\n", false},
	{"post: bad status", Post, "status: publié\n", false},
	{"post: media without alt", Post, "media:\n  - file: affiche.jpg\n", false},
	{"post: media as a bare file", Post, "media: [affiche.jpg]\n", false},
	{"post: ambiguous date", Post, "publish_at: 01/12/2026 09:30\n", false},
	{"post: date without time", Post, "publish_at: 2026-12-01\n", false},
	{"post: offset without T", Post, "publish_at: 2026-12-01 09:30:00+01:00\n", true}, // crieur reads it (pipeline.ParseTime)
	{"post: Feb 30", Post, "publish_at: 2026-02-30 09:30\n", false},
	{"post: Feb 29 of a leap year", Post, "publish_at: 2028-02-29 09:30\n", true},
	{"post: Feb 29 of 2100", Post, "publish_at: 2100-02-29 09:30\n", false},
	{"post: title in digits", Post, "publish_at: 2026-12-01 09:30\ntitle: 2026\n", true},
	{"post: scheduled without date", Post, "status: scheduled\n", false},
	{"config: unknown time zone", Config, "timezone: Europe/Bruxelles\nchannels: {m: {type: outbox}}\n", false},
	{"post: month 13", Post, "publish_at: 2026-13-01 09:30\n", false},
	{"post: lang in words", Post, "lang: français\n", false},
	{"post: repeat without end", Post, "repeat: {every: week}\n", false},
	{"post: repeat without every", Post, "repeat: {count: 3}\n", false},
	{"post: repeat every fortnight in French", Post, "repeat: {every: 2 semaines, count: 3}\n", false},
	{"post: sponsored yes", Post, "sponsored: oui\n", false},
	{"post: campaign with spaces", Post, "campaign: saison 2026\n", false},
	{"post: publication key", Post, "publications: {mastodon: {posted: true}}\n", false},
	{"post: duplicated channel", Post, "channels: [mastodon, mastodon]\n", false},

	{"config: unknown key", Config, "timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\ntz: UTC\n", false},
	{"config: no timezone", Config, "channels: {m: {type: outbox}}\n", false},
	{"config: no channels", Config, "timezone: Europe/Brussels\n", false},
	{"config: unknown type", Config, "timezone: Europe/Brussels\nchannels: {m: {type: mastadon}}\n", false},
	{"config: token in clear", Config, "timezone: Europe/Brussels\nchannels: {m: {type: mastodon, secrets: {token: abcd1234efgh}}}\n", false},
	{"config: token at channel level", Config, "timezone: Europe/Brussels\nchannels: {m: {type: mastodon, token: MASTODON_TOKEN}}\n", false},
	{"config: channel name in capitals", Config, "timezone: Europe/Brussels\nchannels: {Mastodon: {type: mastodon}}\n", false},

	{"charter: unknown key", Charter, "hashtag: {max: 3}\n", false},
	{"charter: bad severity", Charter, "severity: {spelling: fatal}\n", false},
	{"charter: bad address", Charter, "tone: {address: toi}\n", false},
	{"charter: bad hours", Charter, "schedule: {hours: 8h-21h}\n", false},
	{"charter: blackout of one day", Charter, "schedule: {blackouts: [{from: 2026-08-15}]}\n", true},
	{"charter: blackout from a time without end", Charter, "schedule: {blackouts: [{from: \"2026-08-15 20:00\"}]}\n", false},
	{"charter: substitution without replacement", Charter, "substitutions: [{term: Bxl}]\n", false},
	{"charter: rule without pattern or tokens", Charter, "rules: [{id: a.b, kind: existence}]\n", false},
	{"charter: substitution rule without replace", Charter, "rules: [{id: a.b, kind: substitution, tokens: [x]}]\n", false},
	{"charter: occurrence rule without bounds", Charter, "rules: [{id: a.b, kind: occurrence, tokens: [x]}]\n", false},
	{"charter: rule with a bad regexp", Charter, "rules: [{id: a.b, kind: existence, pattern: \"(\"}]\n", false},
}

func TestSchemas(t *testing.T) {
	schemas := compile(t)
	for _, tt := range schemaCases {
		t.Run(tt.name, func(t *testing.T) {
			err := schemas[tt.schema].Validate(fromYAML(t, tt.doc))
			if tt.valid && err != nil {
				t.Errorf("should be valid:\n%v", err)
			}
			if err != nil {
				t.Log(err)
			}
			if !tt.valid && err == nil {
				t.Errorf("should be invalid:\n%s", tt.doc)
			}
		})
	}
}

// TestSchemasAreDocumented checks that every property a user can write
// has a description: it is what VS Code shows on hover.
func TestSchemasAreDocumented(t *testing.T) {
	for _, name := range []string{Post, Config, Charter} {
		data, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema is %v", name, doc["$schema"])
		}
		var walk func(path string, s map[string]any)
		walk = func(path string, s map[string]any) {
			props, _ := s["properties"].(map[string]any)
			for key, p := range props {
				ps := p.(map[string]any)
				if d, _ := ps["description"].(string); d == "" {
					t.Errorf("%s: %s.%s has no description", name, path, key)
				}
				walk(path+"."+key, ps)
			}
		}
		walk("", doc)
		defs, _ := doc["$defs"].(map[string]any)
		for key, d := range defs {
			walk("$defs."+key, d.(map[string]any))
		}
	}
}

// deliberate lists the posts of content-example/ that are wrong on purpose,
// to show what crieur reports, with what the schema says about them.
var deliberate = map[string]string{
	"posts/2026/11/coulisses-salle.md": "missing property 'alt'",
}

// TestContentExample validates the example repository, when it is there.
func TestContentExample(t *testing.T) {
	root := filepath.Join("..", "content-example")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no content-example/ yet")
	}
	schemas := compile(t)
	checked := 0
	for file, schema := range map[string]string{"crieur.yml": Config, "charte.yml": Charter} {
		data, err := os.ReadFile(filepath.Join(root, file))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := schemas[schema].Validate(fromYAML(t, string(data))); err != nil {
			t.Errorf("content-example/%s:\n%v", file, err)
		}
		checked++
	}
	posts := filepath.Join(root, "posts")
	err := filepath.WalkDir(posts, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		front, ok := frontMatter(string(data))
		if !ok {
			t.Errorf("%s: no front matter", path)
			return nil
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		err = schemas[Post].Validate(fromYAML(t, front))
		if want, ok := deliberate[rel]; ok {
			switch {
			case err == nil:
				t.Logf("content-example/%s was a deliberate mistake and is now valid: update deliberate", rel)
			case !strings.Contains(err.Error(), want):
				t.Errorf("content-example/%s: want only %q, got:\n%v", rel, want, err)
			}
		} else if err != nil {
			t.Errorf("content-example/%s:\n%v", rel, err)
		}
		checked++
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Skip("content-example/ has no crieur.yml, charte.yml or posts yet")
	}
	t.Logf("%d files of content-example/ checked", checked)
}

// frontMatter returns the YAML between the opening and closing --- lines.
func frontMatter(src string) (string, bool) {
	src = strings.TrimPrefix(src, "\ufeff")
	src = strings.ReplaceAll(src, "\r\n", "\n")
	lines := strings.Split(src, "\n")
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "" && start < 0 {
			continue
		}
		if start < 0 {
			if strings.TrimSpace(l) != "---" {
				return "", false
			}
			start = i + 1
			continue
		}
		if strings.TrimSpace(l) == "---" {
			return strings.Join(lines[start:i], "\n"), true
		}
	}
	return "", false
}
