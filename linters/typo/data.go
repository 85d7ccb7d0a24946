package typo

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed typo.yml
var dataYAML []byte

//go:embed messages
var catalog embed.FS

// say is what the rules say, in each language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// spaceIDs name the spaces a text may hold in the catalog (space.narrow);
// others are named by code point (space.code).
var spaceIDs = map[string]string{"\u202F": "narrow", "\u00A0": "nbsp", " ": "plain", "\t": "tab"}

// words is the data file: the lists the rules use.
type words struct {
	Guillemets  map[string]string `yaml:"guillemets"`
	Apostrophes []string          `yaml:"apostrophes"`
	Emoticons   []string          `yaml:"emoticons"`

	opening, closing map[rune]bool // from Guillemets
	apostrophe       map[rune]bool
}

// data is the embedded data file, read once. A broken file is a bug of
// this package, caught by its tests: the package does not start with it.
var data = mustParse(dataYAML)

func mustParse(b []byte) *words {
	w, err := parse(b)
	if err != nil {
		panic(err)
	}
	return w
}

// parse reads a data file and checks that everything the code uses is
// there.
func parse(b []byte) (*words, error) {
	var w words
	if err := yaml.Unmarshal(b, &w); err != nil {
		return nil, fmt.Errorf("typo.yml: %w", err)
	}
	w.opening, w.closing, w.apostrophe = map[rune]bool{}, map[rune]bool{}, map[rune]bool{}
	for open, closing := range w.Guillemets {
		o, c := single(open), single(closing)
		if o < 0 || c < 0 {
			return nil, fmt.Errorf("typo.yml: guillemets: %q: %q is not one character each", open, closing)
		}
		w.opening[o], w.closing[c] = true, true
	}
	for _, a := range w.Apostrophes {
		r := single(a)
		if r < 0 {
			return nil, fmt.Errorf("typo.yml: apostrophes: %q is not one character", a)
		}
		w.apostrophe[r] = true
	}
	for _, e := range w.Emoticons {
		if !strings.HasPrefix(e, ":") && !strings.HasPrefix(e, ";") {
			return nil, fmt.Errorf("typo.yml: emoticons: %q does not start with : or ;", e)
		}
	}
	// Longest first, so that ":-)" is not taken for ":-".
	sort.SliceStable(w.Emoticons, func(i, j int) bool { return len(w.Emoticons[i]) > len(w.Emoticons[j]) })
	return &w, nil
}

// single returns the one character of s, or -1.
func single(s string) rune {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || n != len(s) || r == utf8.RuneError {
		return -1
	}
	return r
}

// saysAll reports what the catalog lacks of what the code says: a
// message and a hint for each issue, a description for each rule id.
func saysAll(c *i18n.Catalog) error {
	for _, key := range messageKeys {
		if !c.Has(key+".message") || !c.Has(key+".hint") {
			return fmt.Errorf("messages: %s needs a message and a hint", key)
		}
	}
	for _, id := range ruleIDs {
		if !c.Has("about." + id) {
			return fmt.Errorf("messages: about.%s: the rule needs a description", id)
		}
	}
	return nil
}

// describe returns the description of a rule id, in English.
func describe(id string) string {
	return say.Line(i18n.English, "about."+id, nil)
}

// spaceName names a run of spaces for a message: "plain space",
// "narrow no-break space (U+202F)", "2 spaces". typed names the space to
// type in a hint, with how to type it where the language says.
func spaceName(l i18n.Lang, gap string, typed bool) string {
	if n := utf8.RuneCountInString(gap); n > 1 {
		return say.Count(l, "space.several", n, nil)
	}
	if id, ok := spaceIDs[gap]; ok {
		if typed && say.Has("space_typed."+id) {
			return say.Text(l, "space_typed."+id, nil)
		}
		return say.Text(l, "space."+id, nil)
	}
	r, _ := utf8.DecodeRuneInString(gap)
	return say.Text(l, "space.code", i18n.Args{"code": fmt.Sprintf("U+%04X", r)})
}

// render fills the message and hint of an issue in l.
func render(l i18n.Lang, is issue) (msg, hint string) {
	got, want, wantTyped, breaks := is.got, is.want, is.want, ""
	if is.gap {
		got = spaceName(l, is.got, false)
		if want != "" {
			want, wantTyped = spaceName(l, is.want, false), spaceName(l, is.want, true)
		}
		if breakable(is.got) {
			breaks = say.Text(l, "breaks", nil)
		}
	}
	args := i18n.Args{"punct": is.punct, "got": got, "want": want, "breaks": breaks}
	msg = say.Text(l, is.key+".message", args)
	args["want"] = wantTyped
	return msg, say.Text(l, is.key+".hint", args)
}

// breakable reports whether a run of spaces lets the line break: it holds
// a space that is not a no-break one.
func breakable(gap string) bool {
	for _, r := range gap {
		switch r {
		case '\u00a0', '\u202f', '\u2007', '\u2060':
		default:
			return true
		}
	}
	return false
}
