package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
	"gopkg.in/yaml.v3"
)

// LoadCharter reads a charter file (relative to root). A charter may name
// another one in extends: (relative to itself): the parent is read first,
// scalars and maps of the child override it, and the lists of terms,
// substitutions, custom rules, accepted and rejected words and blackouts
// add to it.
// Its findings are in English; Open's are in crieur.yml's language.
func LoadCharter(root, rel string) (*pipeline.Charter, error) {
	return loadCharter(root, rel, map[string]bool{}, i18n.English)
}

// loadCharter is LoadCharter, saying what is wrong in l.
func loadCharter(root, rel string, seen map[string]bool, l i18n.Lang) (*pipeline.Charter, error) {
	if seen[rel] {
		return nil, errors.New(say.Text(l, "charter.loop", i18n.Args{"file": rel}))
	}
	seen[rel] = true
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	d := &yamlDoc{path: rel, lang: l}
	node := d.parse(data)
	if node == nil {
		return nil, Problems(d.findings)
	}
	var own pipeline.Charter
	d.decode(node, &own, "charter")
	if len(d.findings) > 0 {
		return nil, Problems(d.findings)
	}
	d.checkCharter(&own)
	d.checkPatterns(node, &own)
	if len(d.findings) > 0 {
		return nil, Problems(d.findings)
	}
	if own.Extends == "" {
		return &own, nil
	}
	parentRel := path.Clean(path.Join(path.Dir(rel), own.Extends))
	if parentRel == ".." || strings.HasPrefix(parentRel, "../") {
		return nil, errors.New(d.text("charter.leaves", i18n.Args{"file": rel, "value": d.q(own.Extends)}))
	}
	parent, err := loadCharter(root, parentRel, seen, l)
	if err != nil {
		return nil, fmt.Errorf("%s extends %s: %w", rel, parentRel, err)
	}
	merged := *parent
	if err := node.Decode(&merged); err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	merged.Forbidden = append(parent.Forbidden, own.Forbidden...)
	merged.Substitute = append(parent.Substitute, own.Substitute...)
	merged.Rules = append(parent.Rules, own.Rules...)
	merged.Spelling.Accept = append(parent.Spelling.Accept, own.Spelling.Accept...)
	merged.Spelling.Reject = append(parent.Spelling.Reject, own.Spelling.Reject...)
	merged.Schedule.Blackouts = append(parent.Schedule.Blackouts, own.Schedule.Blackouts...)
	merged.Extends = ""
	return &merged, nil
}

// ruleIDRE is the form of a custom rule's id: lower-case words joined by
// dots, as the built-in rules' ids.
var ruleIDRE = regexp.MustCompile(`^[a-z0-9_-]+(\.[a-z0-9_-]+)*$`)

// checkCharter checks the values that have a closed set of choices.
func (d *yamlDoc) checkCharter(c *pipeline.Charter) {
	choose := func(key, val string, allowed ...string) {
		if val == "" {
			return
		}
		for _, a := range allowed {
			if val == a {
				return
			}
		}
		d.findings = append(d.findings, pipeline.Finding{Path: d.path, Line: 1, Col: 1, Rule: "schema.charter",
			Severity: pipeline.Error, Message: d.text("charter.choice", i18n.Args{"key": key, "value": d.q(val), "list": strings.Join(allowed, ", ")})})
	}
	choose("inclusive", c.Inclusive, "forbid", "require", "allow")
	choose("tone.address", c.Tone.Address, "vous", "tu", "any")
	for lang, a := range c.Tone.Addresses {
		choose("tone.addresses."+lang, a, "vous", "tu", "u", "je", "any")
	}
	choose("spelling.hashtags", c.Spelling.Hashtags, "split", "skip")
	choose("typography.space", c.Typography.Space, "narrow", "nbsp")
	atLeast0 := func(key string, n int) {
		if n < 0 {
			d.findings = append(d.findings, pipeline.Finding{Path: d.path, Line: 1, Col: 1, Rule: "schema.charter",
				Severity: pipeline.Error, Message: d.text("charter.negative.message", i18n.Args{"key": key, "n": n}), Hint: d.text("charter.negative.hint", nil)})
		}
	}
	atLeast0("hashtags.max", c.Hashtags.Max)
	atLeast0("emojis.max", c.Emojis.Max)
	atLeast0("media.alt_min", c.Media.AltMin)
	for i, r := range c.Rules {
		if r.ID != "" && !ruleIDRE.MatchString(r.ID) {
			d.findings = append(d.findings, pipeline.Finding{Path: d.path, Line: 1, Col: 1, Rule: "schema.charter",
				Severity: pipeline.Error, Message: d.text("charter.rule_id.message", i18n.Args{"index": i, "value": d.q(r.ID)}),
				Hint: d.text("charter.rule_id.hint", nil)})
		}
	}
	for id, s := range c.Severities {
		if _, err := pipeline.ParseSeverity(s); err != nil {
			d.findings = append(d.findings, pipeline.Finding{Path: d.path, Line: 1, Col: 1, Rule: "schema.charter",
				Severity: pipeline.Error, Message: fmt.Sprintf("severity.%s: %v", id, err)})
		}
	}
}

// checkPatterns compiles the pattern of each rule of the charter within
// pipeline's budget (CompilePattern) and reports one that is invalid or
// too costly at its place in the file, once, rather than on every post.
func (d *yamlDoc) checkPatterns(node *yaml.Node, c *pipeline.Charter) {
	rules := valueOf(node, "rules")
	for i, r := range c.Rules {
		if r.Pattern == "" {
			continue
		}
		_, err := pipeline.CompilePattern(r.Pattern)
		var pe *pipeline.PatternError
		if !errors.As(err, &pe) {
			continue
		}
		at := rules
		if rules != nil && rules.Kind == yaml.SequenceNode && i < len(rules.Content) {
			at = rules.Content[i]
			if v := valueOf(at, "pattern"); v != nil {
				at = v
			}
		}
		d.add(at, "schema.charter", fmt.Sprintf("rules[%d] (%s): %s", i, r.ID, pe.Msg), pe.Hint)
	}
}

// valueOf is the value of key in a mapping node, nil when there is none.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// LoadVocabulary reads a word list: one word or phrase per line, blank
// lines and lines starting with # ignored. A missing file is an empty list.
func LoadVocabulary(root, rel string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var words []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words = append(words, line)
	}
	return words, nil
}
