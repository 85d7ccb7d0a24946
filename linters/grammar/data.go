package grammar

import (
	_ "embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed french.yml
var frenchYAML []byte

// ruleText is what one of crieur's French rules says.
type ruleText struct {
	ID          string `yaml:"id"`
	Description string `yaml:"description"`
	Message     string `yaml:"message"`
	Hint        string `yaml:"hint"`
}

// frWords is the data file of crieur's French rules (french.yml).
type frWords struct {
	Dictionaries       []string                     `yaml:"dictionaries"`
	Rules              []ruleText                   `yaml:"rules"`
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

	byID map[string]ruleText
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

// frenchIDs are the rules french.go reports, each of which the data file
// must describe.
var frenchIDs = []string{idParticiple, idInfinitive, idPlein, idAdjective, idEtre, idAvoir, idA, idSe, idNe, idEst}

func parse(b []byte) (*frWords, error) {
	var w frWords
	if err := yaml.Unmarshal(b, &w); err != nil {
		return nil, fmt.Errorf("french.yml: %w", err)
	}
	w.byID = map[string]ruleText{}
	for _, r := range w.Rules {
		w.byID[r.ID] = r
	}
	for _, id := range frenchIDs {
		r, ok := w.byID[id]
		if !ok || r.Message == "" || r.Hint == "" || r.Description == "" {
			return nil, fmt.Errorf("french.yml: rule %s needs a description, a message and a hint", id)
		}
	}
	if w.Plein["before"] == "" || w.Plein["word"] == "" || w.Plein["fix"] == "" {
		return nil, fmt.Errorf("french.yml: plein needs before, word and fix")
	}
	if len(w.Adjectives["masculine"]) == 0 || len(w.Adjectives["feminine"]) == 0 {
		return nil, fmt.Errorf("french.yml: adjectives needs masculine and feminine")
	}
	return &w, nil
}

// say fills a rule's message and hint; pairs are placeholder, value.
func (w *frWords) say(id string, pairs ...string) (msg, hint string) {
	r := strings.NewReplacer(pairs...)
	t := w.byID[id]
	return r.Replace(t.Message), r.Replace(t.Hint)
}
