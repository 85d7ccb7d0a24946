package typo

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

//go:embed typo.yml
var dataYAML []byte

// template is one message of the data file, with its hint.
type template struct {
	Message string `yaml:"message"`
	Hint    string `yaml:"hint"`
}

// words is the data file: what the rules say and the lists they use.
type words struct {
	Rules []struct {
		ID          string `yaml:"id"`
		Description string `yaml:"description"`
	} `yaml:"rules"`
	Spaces        map[string]string   `yaml:"spaces"`
	OtherSpace    string              `yaml:"other_space"`
	SeveralSpaces string              `yaml:"several_spaces"`
	Breaks        string              `yaml:"breaks"`
	Messages      map[string]template `yaml:"messages"`
	Guillemets    map[string]string   `yaml:"guillemets"`
	Apostrophes   []string            `yaml:"apostrophes"`
	Emoticons     []string            `yaml:"emoticons"`

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
	for _, key := range messageKeys {
		t, ok := w.Messages[key]
		if !ok || t.Message == "" || t.Hint == "" {
			return nil, fmt.Errorf("typo.yml: messages.%s needs a message and a hint", key)
		}
	}
	for _, id := range ruleIDs {
		found := false
		for _, r := range w.Rules {
			found = found || r.ID == id && r.Description != ""
		}
		if !found {
			return nil, fmt.Errorf("typo.yml: rules: %s needs a description", id)
		}
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

// describe returns the description of a rule id.
func (w *words) describe(id string) string {
	for _, r := range w.Rules {
		if r.ID == id {
			return strings.Join(strings.Fields(r.Description), " ")
		}
	}
	return id
}

// spaceName names a run of spaces for a message: "plain space",
// "narrow no-break space (U+202F)", "2 spaces".
func (w *words) spaceName(gap string) string {
	if n := utf8.RuneCountInString(gap); n > 1 {
		return strings.ReplaceAll(w.SeveralSpaces, "{n}", fmt.Sprint(n))
	}
	if name, ok := w.Spaces[gap]; ok {
		return name
	}
	r, _ := utf8.DecodeRuneInString(gap)
	return strings.ReplaceAll(w.OtherSpace, "{code}", fmt.Sprintf("U+%04X", r))
}

// render fills the message and hint of an issue.
func (w *words) render(is issue) (msg, hint string) {
	t := w.Messages[is.key]
	got, want, breaks := is.got, is.want, ""
	if is.gap {
		got = w.spaceName(is.got)
		if want != "" {
			want = w.spaceName(want)
		}
		if breakable(is.got) {
			breaks = w.Breaks
		}
	}
	r := strings.NewReplacer("{punct}", is.punct, "{got}", got, "{want}", want, "{breaks}", breaks)
	return r.Replace(t.Message), r.Replace(t.Hint)
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
