package tone

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline/i18n"
)

// The word lists (one file per language, named after its lang: code) and
// the limits (rules.yml) are data: see the comments at the top of
// data/fr.yml and data/rules.yml.
//
//go:embed data/*.yml
var dataFS embed.FS

//go:embed messages
var catalog embed.FS

// say is what the rules say, in each reader's language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// saysAll reports what the catalog lacks of what the code says: a message
// and a hint for each finding, a description for each rule id.
func saysAll(c *i18n.Catalog) error {
	for _, k := range messageKeys {
		if !c.Has(k+".message") || !c.Has(k+".hint") {
			return fmt.Errorf("messages: %s needs a message and a hint", k)
		}
	}
	for _, in := range (Tone{}).Infos() {
		if !c.Has("about." + in.ID) {
			return fmt.Errorf("messages: about.%s: the rule needs a description", in.ID)
		}
	}
	return nil
}

// describe says rule id in l, on one line.
func describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}

// entry is a word with its forms ([connard, connards]) or one phrase.
type entry []string

func (e *entry) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*e = entry{n.Value}
		return nil
	case yaml.SequenceNode:
		var forms []string
		if err := n.Decode(&forms); err != nil {
			return err
		}
		*e = forms
		return nil
	}
	return fmt.Errorf("line %d: a word, a phrase or a list of forms", n.Line)
}

// langFile is one language file.
type langFile struct {
	Elisions  map[string][]string `yaml:"elisions"`
	Profanity struct {
		Insults []entry `yaml:"insults"`
		Vulgar  []entry `yaml:"vulgar"`
		Aimed   struct {
			Words  []entry  `yaml:"words"`
			Frames []string `yaml:"frames"`
		} `yaml:"aimed"`
		Except []string `yaml:"except"`
	} `yaml:"profanity"`
	Aggressive struct {
		Phrases []entry  `yaml:"phrases"`
		Except  []string `yaml:"except"`
	} `yaml:"aggressive"`
	Address struct {
		Names       map[string]string `yaml:"names"`
		Tu          map[string]entry  `yaml:"tu"`
		Vous        map[string]entry  `yaml:"vous"`
		Imperatives map[string]entry  `yaml:"imperatives"`
		Except      []string          `yaml:"except"`
	} `yaml:"address"`
}

// rulesFile is rules.yml.
type rulesFile struct {
	Shouting struct {
		Ratio      float64 `yaml:"ratio"`
		MinWord    int     `yaml:"min_word"`
		MinWords   int     `yaml:"min_words"`
		AcronymMax int     `yaml:"acronym_max"`
		WordMin    int     `yaml:"word_min"`
	} `yaml:"shouting"`
	Punctuation struct {
		Same  int               `yaml:"same"`
		Mixed int               `yaml:"mixed"`
		Marks map[string]string `yaml:"marks"`
	} `yaml:"punctuation"`
}

// messageKeys are the findings the catalog must say (a message and a
// hint each).
var messageKeys = []string{"insult", "vulgar", "words", "aggressive", "address", "shouting_sentence", "shouting_word", "punctuation"}

// data is everything the rules read from data/, compiled.
type data struct {
	rules rulesFile
	marks map[rune]string // mark -> the marks it stands for
	langs map[string]*lang
	none  *lang // for a language without a file: no lists, no elisions

	words sync.Map // charter words, compiled per language: wordsKey -> *matcher
}

var langFileRE = regexp.MustCompile(`^[a-z]{2,3}\.yml$`)

// loadData reads and compiles the files of fsys (data/*.yml).
func loadData(fsys fs.FS) (*data, error) {
	d := &data{langs: map[string]*lang{}, none: &lang{}}
	raw, err := fs.ReadFile(fsys, "data/rules.yml")
	if err != nil {
		return nil, err
	}
	if err := decodeStrict(raw, &d.rules); err != nil {
		return nil, fmt.Errorf("rules.yml: %w", err)
	}
	if err := d.checkRules(); err != nil {
		return nil, fmt.Errorf("rules.yml: %w", err)
	}
	names, err := fs.Glob(fsys, "data/*.yml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		base := path.Base(name)
		if base == "rules.yml" {
			continue
		}
		if !langFileRE.MatchString(base) {
			return nil, fmt.Errorf("%s: a language file is named after its language code (fr.yml)", base)
		}
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var lf langFile
		if err := decodeStrict(raw, &lf); err != nil {
			return nil, fmt.Errorf("%s: %w", base, err)
		}
		l, err := compileLang(&lf)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", base, err)
		}
		d.langs[strings.TrimSuffix(base, ".yml")] = l
	}
	return d, nil
}

// decodeStrict decodes YAML refusing unknown keys: a typo in a data file
// must not silently drop a list.
func decodeStrict(raw []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

func (d *data) checkRules() error {
	s := d.rules.Shouting
	if s.Ratio <= 0 || s.Ratio >= 1 || s.MinWord < 1 || s.MinWords < 1 || s.AcronymMax < 1 || s.WordMin < 0 {
		return fmt.Errorf("shouting: ratio between 0 and 1, min_word, min_words and acronym_max of 1 or more")
	}
	p := d.rules.Punctuation
	if p.Same < 2 || p.Mixed < 2 || len(p.Marks) == 0 {
		return fmt.Errorf("punctuation: same and mixed of 2 or more, and the marks")
	}
	d.marks = map[rune]string{}
	for k, v := range p.Marks {
		rs := []rune(k)
		if len(rs) != 1 || v == "" || strings.Trim(v, "!?") != "" {
			return fmt.Errorf("punctuation.marks: %q: one character, and the ! and ? it stands for", k)
		}
		d.marks[rs[0]] = v
	}
	return nil
}

// compileLang compiles a language file.
func compileLang(lf *langFile) (*lang, error) {
	l := &lang{elisions: map[string]bool{}, full: map[string][]string{}, elided: map[string][]string{}, address: map[string]*matcher{}}
	for e, fulls := range lf.Elisions {
		k := fold(e)
		if !strings.HasSuffix(k, "’") || len(fulls) == 0 {
			return nil, fmt.Errorf("elisions: %q: an elided form ends with an apostrophe and names its full forms", e)
		}
		l.elisions[k] = true
		for _, f := range fulls {
			l.full[k] = append(l.full[k], fold(f))
			l.elided[fold(f)] = append(l.elided[fold(f)], k)
		}
	}
	if len(l.elisions) == 0 {
		l.elisions = nil
	}
	var err error
	add := func(m **matcher, text, kind, use string, star [][]wordSet) {
		if err != nil {
			return
		}
		var p *phrase
		if p, err = l.compile(text, kind, star); err != nil {
			return
		}
		p.use = use
		if *m == nil {
			*m = &matcher{}
		}
		(*m).add(p)
	}
	entries := func(m **matcher, es []entry, kind string) {
		for _, e := range es {
			if len(e) == 0 {
				err = fmt.Errorf("%s: an empty entry", kind)
			}
			for _, form := range e {
				add(m, form, kind, "", nil)
			}
		}
	}
	pr := lf.Profanity
	entries(&l.profanity, pr.Insults, "insult")
	entries(&l.profanity, pr.Vulgar, "vulgar")
	var star [][]wordSet
	for _, e := range pr.Aimed.Words {
		for _, form := range e {
			ws := l.words(form)
			if len(ws) == 0 {
				return nil, fmt.Errorf("aimed.words: %q holds no word", form)
			}
			star = append(star, ws)
		}
	}
	if len(pr.Aimed.Frames) > 0 && len(star) == 0 {
		return nil, fmt.Errorf("aimed: frames without words")
	}
	for _, f := range pr.Aimed.Frames {
		if strings.Count(f, "*") != 1 || strings.Contains(f, "(*") {
			err = fmt.Errorf("aimed.frames: %q: one *, not optional", f)
			break
		}
		add(&l.profanity, f, "insult", "", star)
	}
	for _, x := range pr.Except {
		add(&l.profanityExcept, x, "except", "", nil)
	}
	entries(&l.aggressive, lf.Aggressive.Phrases, "aggressive")
	for _, x := range lf.Aggressive.Except {
		add(&l.aggressiveExcept, x, "except", "", nil)
	}
	if e := l.compileAddress(lf, add); e != nil {
		return nil, e
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

// compileAddress compiles the address section of a language file with
// add (compileLang's).
func (l *lang) compileAddress(lf *langFile, add func(m **matcher, text, kind, use string, star [][]wordSet)) error {
	for form, forms := range map[string]map[string]entry{"tu": lf.Address.Tu, "vous": lf.Address.Vous} {
		for _, w := range sortedKeys(forms) {
			use, ok := instead(forms[w])
			if !ok {
				return fmt.Errorf("address.%s: %q: say what to write instead", form, w)
			}
			m := l.address[form]
			add(&m, w, "address", use, nil)
			l.address[form] = m
		}
	}
	for _, w := range sortedKeys(lf.Address.Imperatives) {
		use, ok := instead(lf.Address.Imperatives[w])
		if !ok {
			return fmt.Errorf("address.imperatives: %q: say what to write instead", w)
		}
		add(&l.imperatives, w, "address", use, nil)
	}
	l.addressNames = lf.Address.Names
	for _, x := range lf.Address.Except {
		add(&l.addressExcept, x, "except", "", nil)
	}
	return nil
}

// instead is what to write instead of an address form: its forms joined
// with "|", which the hint says as a list (alternatives); false when
// there is none or one is empty.
func instead(e entry) (string, bool) {
	for _, f := range e {
		if strings.TrimSpace(f) == "" || strings.Contains(f, "|") {
			return "", false
		}
	}
	return strings.Join(e, "|"), len(e) > 0
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for w := range m {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	return keys
}

var loaded = sync.OnceValues(func() (*data, error) { return loadData(dataFS) })

// theData is the embedded data. It is checked by the tests: a broken file
// cannot ship, so a failure here is a bug in crieur, not in a post.
func theData() *data {
	d, err := loaded()
	if err != nil {
		panic("tone: embedded data: " + err.Error())
	}
	return d
}

// lang returns the compiled file of a language, or an empty one.
func (d *data) lang(code string) *lang {
	if l, ok := d.langs[code]; ok {
		return l
	}
	return d.none
}

type wordsKey struct {
	lang  string
	words string
}

// charterWords compiles the charter's tone.words for a language, once.
// They are written as the phrases of the data files (a|b, (optional)); one
// that does not read as such (a * in it, an optional first word) is
// matched word for word, and one without any word is skipped.
func (d *data) charterWords(code string, l *lang, words []string) *matcher {
	if len(words) == 0 {
		return nil
	}
	key := wordsKey{code, strings.Join(words, "\x00")}
	if m, ok := d.words.Load(key); ok {
		return m.(*matcher)
	}
	m := &matcher{}
	for _, w := range words {
		p, err := l.compile(w, "words", nil)
		if err != nil { // not a phrase of the data's syntax: its words as written
			p = &phrase{text: w, kind: "words", slots: []slot{{alts: [][]wordSet{l.words(w)}}}}
			if len(p.slots[0].alts[0]) == 0 {
				continue
			}
		}
		m.add(p)
	}
	d.words.Store(key, m)
	return m
}
