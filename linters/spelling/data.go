package spelling

import (
	"embed"
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed spelling.yml
var dataYAML []byte

// data is spelling.yml: everything the rule knows that is not code.
type data struct {
	Env           string              `yaml:"env"`
	Folders       []string            `yaml:"folders"`
	Bundled       string              `yaml:"bundled"`
	Languages     map[string]language `yaml:"languages"`
	Skip          []string            `yaml:"skip"`
	RomanOrdinals []string            `yaml:"roman_ordinals"`
	Domains       []string            `yaml:"domains"`
	Suggestions   int                 `yaml:"suggestions"`
	SuggestMax    int                 `yaml:"suggest_max_runes"`
	SuggestPost   int                 `yaml:"suggest_per_post"`
	SuggestCache  int                 `yaml:"suggest_cache"`
	FineCache     int                 `yaml:"fine_cache"`
	HashtagSplit  struct {
		Min int `yaml:"min_runes"`
		Max int `yaml:"max_runes"`
	} `yaml:"hashtag_split"`
	MaxLoaded int `yaml:"max_loaded"`

	skip   []*regexp.Regexp
	domain *regexp.Regexp
	// tldStart holds the first byte of every top-level domain: a text
	// without a dot followed by one holds no bare domain.
	tldStart [256]bool
}

// language is what a post language needs: dictionary names to try, the
// package that installs them, and its elisions and possessive endings.
type language struct {
	Name         string            `yaml:"name"`
	Dictionaries []string          `yaml:"dictionaries"`
	Package      string            `yaml:"package"`
	Regions      map[string]string `yaml:"regions"`
	Elisions     []string          `yaml:"elisions"`
	Inclusive    []string          `yaml:"inclusive_endings"`
	Possessives  []string          `yaml:"possessives"`
}

// conf is the parsed data; a broken spelling.yml is a bug of the build,
// caught by every test of the package.
var conf = mustParse(dataYAML)

func mustParse(b []byte) *data {
	d, err := parseData(b)
	if err != nil {
		panic("spelling.yml: " + err.Error())
	}
	return d
}

func parseData(b []byte) (*data, error) {
	var d data
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return nil, err
	}
	for _, s := range d.Skip {
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, fmt.Errorf("skip %q: %w", s, err)
		}
		d.skip = append(d.skip, re)
	}
	if len(d.Domains) > 0 {
		// A bare domain: labels of letters, digits and hyphens joined by
		// dots, ending with a known top-level domain, maybe a path.
		re, err := regexp.Compile(`(?:^|[^\p{L}\p{N}@._/-])((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:` +
			strings.Join(d.Domains, "|") + `)(?:/[^\s«»"<>]*[^\s«»"<>.,;:!?’'])?)(?:$|[^\p{L}\p{N}_-])`)
		if err != nil {
			return nil, fmt.Errorf("domains: %w", err)
		}
		d.domain = re
		for _, tld := range d.Domains {
			if tld == "" || strings.ContainsAny(tld[:1], `\\([.|?*+{^$`) {
				d.tldStart = [256]bool{} // a pattern: do not guess
				for c := range d.tldStart {
					d.tldStart[c] = true
				}
				break
			}
			d.tldStart[tld[0]] = true
		}
	}
	if d.Suggestions < 1 || d.MaxLoaded < 1 || d.FineCache < 1 {
		return nil, fmt.Errorf("suggestions, max_loaded and fine_cache must be at least 1")
	}
	return &d, nil
}

// messageKeys are the messages of the catalog the code says.
var messageKeys = []string{"unknown", "unknown_hint", "unknown_hint_none", "rejected", "rejected_hint", "rejected_hint_none",
	"dictionary", "dictionary_hint", "dictionary_hint_engine", "not_found", "no_folder", "about." + ID, "about." + IDDictionary}

//go:embed messages
var catalog embed.FS

// say is what the rule says, in each language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// languageName names a post's lang (fr-BE) in the reader's language l,
// with its region when the region spells differently (English (GB)).
func languageName(l i18n.Lang, lang, fallback string) string {
	base, region := langParts(lang)
	if !say.Has("language." + base) {
		return fallback
	}
	name := say.Text(l, "language."+base, nil)
	if _, ok := conf.Languages[base].Regions[region]; ok {
		name += " (" + region + ")"
	}
	return name
}
