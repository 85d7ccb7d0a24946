package schemas

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// mutations are the values put in place of each value of a good file, one
// at a time: every type YAML has, and the edge of each.
var mutations = []string{`2026`, `2.5`, `-1`, `0`, `true`, `yes`, `null`, `""`, `"x y"`, `[]`, `[a]`, `{}`, `{a: b}`, `A`}

// mutants are the files made from src by replacing one of its values
// (at any depth) with each mutation.
func mutants(src string) []string {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		panic(err)
	}
	var out []string
	var slots []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.DocumentNode:
			walk(n.Content[0])
		case yaml.MappingNode:
			for i := 1; i < len(n.Content); i += 2 {
				slots = append(slots, n.Content[i])
				walk(n.Content[i])
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				slots = append(slots, c)
				walk(c)
			}
		}
	}
	walk(&doc)
	for _, slot := range slots {
		saved := *slot
		for _, m := range mutations {
			var v yaml.Node
			if err := yaml.Unmarshal([]byte("v: "+m), &v); err != nil {
				panic(err)
			}
			*slot = *v.Content[0].Content[1]
			b, err := yaml.Marshal(&doc)
			if err != nil {
				panic(fmt.Sprint(m, err))
			}
			out = append(out, string(b))
		}
		*slot = saved
	}
	return dedupe(out)
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] && strings.TrimSpace(s) != "" {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
