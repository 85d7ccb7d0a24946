package editor

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/crieur/crieur/pipeline/content"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// watchID is the id of the file watchers' registration.
const watchID = "crieur-watched-files"

// initialized asks the client to watch the files the checks read, when
// it can be asked (dynamic registration of didChangeWatchedFiles):
// crieur.yml, the charters and vocabularies, and the posts, so that a
// change made outside the editor re-checks the open posts.
func (s *Session) initialized(*glsp.Context, *protocol.InitializedParams) error {
	if !s.watch || s.call == nil {
		return nil
	}
	opts := protocol.DidChangeWatchedFilesRegistrationOptions{}
	for _, g := range s.watched() {
		opts.Watchers = append(opts.Watchers, protocol.FileSystemWatcher{GlobPattern: g})
	}
	reg := protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: watchID, Method: string(protocol.MethodWorkspaceDidChangeWatchedFiles), RegisterOptions: opts,
	}}}
	// Not in the handler: the client's answer is read by the loop that
	// called it.
	go func() {
		if err := s.call(string(protocol.ServerClientRegisterCapability), reg, nil); err != nil {
			s.logWarning(fmt.Sprintf("crieur cannot watch the repository's files: %v", err))
		}
	}()
	return nil
}

// watched are the glob patterns of the files the checks read.
func (s *Session) watched() []string {
	names := []string{content.ConfigFile, "charte.yml", "vocabulaire.txt"}
	s.mu.Lock()
	if s.repo != nil {
		c := s.repo.Config
		names = append(names, c.Charter, c.Vocabulary)
		for _, b := range c.Brands {
			names = append(names, b.Charter, b.Vocabulary)
		}
	}
	s.mu.Unlock()
	var globs []string
	for _, n := range names {
		if n == "" {
			continue
		}
		if g := "**/" + filepath.ToSlash(filepath.Clean(n)); !slices.Contains(globs, g) {
			globs = append(globs, g)
		}
	}
	return append(globs, "**/posts/**/*.md")
}

// isPost says whether a file is a post of the repository.
func (s *Session) isPost(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.repo != nil && content.IsPostPath(s.repo.Rel(path))
}

// logWarning shows a message in the editor's log.
func (s *Session) logWarning(msg string) {
	s.notify(protocol.ServerWindowLogMessage, protocol.LogMessageParams{Type: protocol.MessageTypeWarning, Message: msg})
}

// unsaved are the texts of the open posts but uri, by path from the
// repository: the calendar rules read them rather than their files.
// The caller holds s.mu.
func (s *Session) unsaved(uri protocol.DocumentUri) map[string][]byte {
	if s.repo == nil {
		return nil
	}
	out := map[string][]byte{}
	for u, d := range s.docs {
		if rel := s.repo.Rel(pathOf(u)); u != uri && content.IsPostPath(rel) {
			out[rel] = []byte(d.text)
		}
	}
	return out
}
