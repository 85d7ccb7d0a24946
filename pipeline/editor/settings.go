package editor

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// settingsProblems are the problems that kept the repository from
// opening, by file (crieur.yml, a charter: paths from the content root),
// and what to say when the error names no place.
func settingsProblems(err error) (map[string][]pipeline.Finding, string) {
	if err == nil {
		return nil, ""
	}
	var ps content.Problems
	if !errors.As(err, &ps) {
		return nil, err.Error()
	}
	out := map[string][]pipeline.Finding{}
	for _, f := range ps {
		out[f.Path] = append(out[f.Path], f)
	}
	return out, ""
}

// publishSettings shows the problems of the settings files that are not
// open (an open one shows its own when it is checked), and clears the
// ones that have none any more; an error that names no file is said in
// a message.
func (s *Session) publishSettings() {
	s.mu.Lock()
	root := content.FindRoot(s.dirOrDot())
	problems, msg := settingsProblems(s.openErr)
	old := s.settings
	s.settings, s.settingsRoot = problems, root
	open := map[string]bool{}
	for u := range s.docs {
		open[pathOf(u)] = true
	}
	s.mu.Unlock()
	if msg != "" {
		s.notify(protocol.ServerWindowShowMessage, protocol.ShowMessageParams{Type: protocol.MessageTypeError, Message: "crieur: " + msg})
	}
	for rel := range old {
		if _, still := problems[rel]; !still && !open[filepath.Join(root, rel)] {
			s.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uriOf(filepath.Join(root, rel)), Diagnostics: []protocol.Diagnostic{}})
		}
	}
	for rel, fs := range problems {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if open[path] {
			continue
		}
		data, _ := os.ReadFile(path)
		c := &checked{rel: rel, text: string(data), lines: pipeline.NewLines(string(data))}
		for _, f := range fs {
			c.add(f)
		}
		s.publish(uriOf(path), c)
	}
}

// dirOrDot is the folder the repository is looked for from.
func (s *Session) dirOrDot() string {
	if s.o.Dir == "" {
		return "."
	}
	return s.o.Dir
}

// settingsOf are the problems of a settings file (s.mu held).
func (s *Session) settingsOf(path string) []pipeline.Finding {
	if s.settings == nil {
		return nil
	}
	rel, err := filepath.Rel(s.settingsRoot, path)
	if err != nil {
		return nil
	}
	return s.settings[filepath.ToSlash(rel)]
}
