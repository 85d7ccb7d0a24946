package charte

import (
	_ "embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed defaults.yml
var defaultsYAML []byte

// defaults is defaults.yml: the values the charter may leave out, the
// French word lists and the messages.
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
	Messages map[string]struct {
		Message string `yaml:"message"`
		Hint    string `yaml:"hint"`
	} `yaml:"messages"`
}

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

// say fills a message of defaults.yml: vars are name, value pairs.
func say(key string, vars ...string) (msg, hint string) {
	m, ok := data.Messages[key]
	if !ok {
		panic("charte: no message " + key + " in defaults.yml")
	}
	r := strings.NewReplacer(braced(vars)...)
	return r.Replace(m.Message), r.Replace(m.Hint)
}

func braced(vars []string) []string {
	out := make([]string, len(vars))
	for i, v := range vars {
		if i%2 == 0 {
			v = "{" + v + "}"
		}
		out[i] = v
	}
	return out
}

// quoted writes mentions as « A » or « B ».
func quoted(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = "« " + s + " »"
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
