package grammar

import (
	"embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed french.yml
var frenchYAML []byte

//go:embed messages
var catalog embed.FS

// say is what the rules say, in each reader's language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// frWords is the data file of crieur's French rules (french.yml).
type frWords struct {
	Dictionaries       []string                     `yaml:"dictionaries"`
	ParticipleAfter    map[string]string            `yaml:"participle_after"`
	ParticipleExcept   set                          `yaml:"participle_except"`
	ParticipleSubjects set                          `yaml:"participle_subjects"`
	AvoirAnySubject    set                          `yaml:"avoir_any_subject"`
	SeVerbs            set                          `yaml:"se_verbs"`
	SeAlone            set                          `yaml:"se_alone"`
	NeVerbs            set                          `yaml:"ne_verbs"`
	NeWords            set                          `yaml:"ne_words"`
	EstDeterminers     set                          `yaml:"est_determiners"`
	SubjectDeterminers set                          `yaml:"subject_determiners"`
	ResterAnySubject   set                          `yaml:"rester_any_subject"`
	InfinitiveAfter    set                          `yaml:"infinitive_after"`
	InfinitivePrep     map[string]set               `yaml:"infinitive_prep"`
	ObjectPronouns     set                          `yaml:"object_pronouns"`
	InfinitiveExcept   set                          `yaml:"infinitive_except"`
	Plein              map[string]string            `yaml:"plein"`
	Adjectives         map[string]map[string]string `yaml:"adjectives"`
	AdjectiveExcept    set                          `yaml:"adjective_except"`
	NounExcept         set                          `yaml:"noun_except"`
	Determiners        set                          `yaml:"determiners"`
	EtreAfter          set                          `yaml:"etre_after"`
	EtreNouns          set                          `yaml:"etre_nouns"`
	AvoirAfter         set                          `yaml:"avoir_after"`
	AvoirAdverbs       set                          `yaml:"avoir_adverbs"`
	AvoirExcept        set                          `yaml:"avoir_except"`
	ASubjects          set                          `yaml:"a_subjects"`
	AObjects           set                          `yaml:"a_objects"`
	AParticiples       set                          `yaml:"a_participles"`
	Doublets           [][]string                   `yaml:"doublets"`
	AgreementTypes     set                          `yaml:"agreement_types"`
}

// set is a list of words in the data file, looked up by word.
type set map[string]bool

func (s *set) UnmarshalYAML(n *yaml.Node) error {
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*s = set{}
	for _, w := range list {
		(*s)[normal(w)] = true
	}
	return nil
}

// normal is how frWords are compared: lower case, ’ for the apostrophe.
func normal(w string) string { return strings.ReplaceAll(strings.ToLower(w), "'", "’") }

var data = mustParse(frenchYAML)

func mustParse(b []byte) *frWords {
	w, err := parse(b)
	if err != nil {
		panic(err)
	}
	return w
}

// frenchIDs are the rules french.go reports, each of which the catalog
// must describe and say.
var frenchIDs = []string{idParticiple, idInfinitive, idPlein, idAdjective, idEtre, idAvoir, idA, idSe, idNe, idEst}

func parse(b []byte) (*frWords, error) {
	var w frWords
	if err := yaml.Unmarshal(b, &w); err != nil {
		return nil, fmt.Errorf("french.yml: %w", err)
	}
	if w.Plein["before"] == "" || w.Plein["word"] == "" || w.Plein["fix"] == "" {
		return nil, fmt.Errorf("french.yml: plein needs before, word and fix")
	}
	if len(w.Adjectives["masculine"]) == 0 || len(w.Adjectives["feminine"]) == 0 {
		return nil, fmt.Errorf("french.yml: adjectives needs masculine and feminine")
	}
	return &w, nil
}

// saysAll reports what the catalog lacks of what the code says: a
// description for each rule id, a message and a hint for each of
// crieur's French rules.
func saysAll(c *i18n.Catalog) error {
	for _, in := range append(Grammar{}.Infos(), French{}.Infos()...) {
		if !c.Has("about." + in.ID) {
			return fmt.Errorf("messages: about.%s: the rule needs a description", in.ID)
		}
	}
	for _, id := range frenchIDs {
		if !c.Has("rules."+id+".message") || !c.Has("rules."+id+".hint") {
			return fmt.Errorf("messages: rules.%s needs a message and a hint", id)
		}
	}
	return nil
}

// describe says rule id in l, on one line.
func describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}

// sayMistake is the message and hint of a mistake in l; pairs are
// placeholder names and values, the value of gender an id of gender.*.
func sayMistake(l i18n.Lang, id string, pairs []string) (msg, hint string) {
	args := i18n.Args{}
	for i := 0; i+1 < len(pairs); i += 2 {
		args[pairs[i]] = pairs[i+1]
	}
	if g, ok := args["gender"].(string); ok {
		args["gender"] = say.Text(l, "gender."+g, nil)
	}
	return say.Text(l, "rules."+id+".message", args), say.Text(l, "rules."+id+".hint", args)
}
