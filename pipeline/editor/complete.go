package editor

import (
	"sort"
	"strings"

	"github.com/crieur/crieur/pipeline/content"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// complete offers, in the front matter, its keys at the start of a line,
// and after "channels:", "brand:", "lang:" or "campaign:" the values the
// repository knows: its channels, its brands, the languages crieur
// checks and the campaigns of the other posts.
func (s *Session) complete(_ *glsp.Context, p *protocol.CompletionParams) (any, error) {
	s.mu.Lock()
	d, ok := s.docs[p.TextDocument.URI]
	var text string
	if ok {
		text = d.text
	}
	repo, posts := s.repo, s.posts
	s.mu.Unlock()
	items := []protocol.CompletionItem{}
	line := int(p.Position.Line)
	if !ok || repo == nil || line == 0 || !inFront(text, line) {
		return items, nil
	}
	lines := strings.Split(text, "\n")
	if line >= len(lines) || strings.TrimSpace(lines[line]) == "---" {
		return items, nil
	}
	prefix := lines[line][:min(len(lines[line]), byteCol(lines[line], int(p.Position.Character)))]
	key, _, hasColon := strings.Cut(prefix, ":")
	if !hasColon {
		if strings.HasPrefix(prefix, " ") || strings.HasPrefix(prefix, "-") {
			return items, nil // inside a nested value (media, variants)
		}
		kind := protocol.CompletionItemKindProperty
		for _, k := range content.PostKeys() {
			insert := k + ": "
			items = append(items, protocol.CompletionItem{Label: k, Kind: &kind, InsertText: &insert})
		}
		return items, nil
	}
	var values []string
	switch strings.TrimSpace(key) {
	case "channels":
		for name := range repo.Config.Channels {
			values = append(values, name)
		}
	case "brand":
		for name := range repo.Config.Brands {
			values = append(values, name)
		}
	case "lang":
		values = []string{"fr", "nl", "en"}
	case "campaign":
		seen := map[string]bool{}
		for _, f := range posts {
			if c := f.Post.Campaign; c != "" && !seen[c] {
				seen[c] = true
				values = append(values, c)
			}
		}
	}
	sort.Strings(values)
	kind := protocol.CompletionItemKindValue
	for _, v := range values {
		items = append(items, protocol.CompletionItem{Label: v, Kind: &kind})
	}
	return items, nil
}

// byteCol is the byte offset in line of a column in UTF-16 units.
func byteCol(line string, units int) int {
	for i, r := range line {
		if units <= 0 {
			return i
		}
		units -= utf16Len(string(r))
	}
	return len(line)
}
