package charte

import (
	"embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed defaults.yml
var defaultsYAML []byte

// defaults is defaults.yml: the values the charter may leave out and the
// French word lists.
type defaults struct {
	Mentions struct {
		Sponsored []string `yaml:"sponsored"`
		Retouched []string `yaml:"retouched"`
		Virtual   []string `yaml:"virtual"`
	} `yaml:"mentions"`
	UTM struct {
		Source string `yaml:"source"`
		Medium string `yaml:"medium"`
	} `yaml:"utm"`
	French struct {
		Elided   []string `yaml:"elided"`
		Elidable []string `yaml:"elidable"`
		Vowels   string   `yaml:"vowels"`
	} `yaml:"french"`
	Inclusive struct {
		Median       string   `yaml:"median"`
		Lookalikes   string   `yaml:"lookalikes"`
		Suffixes     []string `yaml:"suffixes"`
		HyphenSingle []string `yaml:"hyphen_single"`
	} `yaml:"inclusive"`
}

//go:embed messages
var catalog embed.FS

// words is what the rules say, in each language (messages/*.yaml).
var words = i18n.MustLoad(catalog, "messages")

// data is defaults.yml, read once; a broken file is a bug of this
// package, caught by every test.
var data = mustDefaults(defaultsYAML)

func mustDefaults(b []byte) *defaults {
	var d defaults
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		panic(fmt.Sprintf("charte: defaults.yml: %v", err))
	}
	return &d
}

// say fills a message of the catalog in the reader's language: vars are
// name, value pairs. A message that has only a hint returns msg "".
func (k *check) say(key string, vars ...string) (msg, hint string) {
	l, args := k.ctx.Language, i18n.Args{}
	for i := 0; i+1 < len(vars); i += 2 {
		args[vars[i]] = vars[i+1]
	}
	if words.Has(key + ".message") {
		msg = words.Text(l, key+".message", args)
	}
	return msg, words.Text(l, key+".hint", args)
}

// word is one of the catalog's words (words.<id>) in the reader's
// language.
func (k *check) word(id string, args i18n.Args) string {
	return words.Text(k.ctx.Language, "words."+id, args)
}

// count is n hashtags, n emojis… in the reader's language (words.<id>).
func (k *check) count(id string, n int) string {
	return words.Count(k.ctx.Language, "words."+id, n, nil)
}

// or joins names: "a", "a or b", "a, b or c" (words.or).
func (k *check) or(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return k.word("or", i18n.Args{"first": strings.Join(names[:len(names)-1], ", "), "last": names[len(names)-1]})
}

// quoted writes mentions as « A » or « B ».
func (k *check) quoted(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = k.word("quote", i18n.Args{"text": s})
	}
	return k.or(q)
}

// describe is the English description of a rule id (about.<id>).
func describe(id string) string {
	return words.Text(i18n.English, "about."+id, nil)
}
