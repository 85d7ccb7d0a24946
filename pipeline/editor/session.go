package editor

import (
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/linters/grammar"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Session is one client's: the repository, the calendar and the open
// documents.
type Session struct {
	o        Options
	protocol protocol.Handler
	notify   glsp.NotifyFunc
	call     func(method string, params, result any) error // a request to the client
	// grammalecte is Grammalecte kept running for the session's checks.
	grammalecte *grammar.Process
	watch       bool // the client registers file watchers when asked

	mu      sync.Mutex
	repo    *content.Repo   // nil when crieur.yml cannot be read
	engine  *linters.Engine // every rule
	quick   *linters.Engine // all but the slow ones (Grammalecte), for each change
	posts   []*content.File // the calendar as saved on disk, loaded once
	docs    map[protocol.DocumentUri]*document
	openErr error // why the repository could not be opened
	// settings are openErr's problems by file, paths from settingsRoot.
	settings     map[string][]pipeline.Finding
	settingsRoot string
}

// document is an open post: its text, and what was found in which text.
type document struct {
	uri     protocol.DocumentUri
	version protocol.Integer
	text    string
	timer   *time.Timer
	checked *checked // the last check's, for code actions and hover

	checkedQuick        []pipeline.Finding // what the last quick check found
	slow                []kept             // what only the slow rules found, last time
	slowBusy, slowAgain bool               // a slow check runs; the text changed since it started
	// slowText is the text the slow rules last judged: they judge each
	// post on its own, so another post's change does not run them again.
	slowText string
}

func newSession(o Options) *Session {
	if o.Delay == 0 {
		o.Delay = 150 * time.Millisecond
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	s := &Session{o: o, docs: map[protocol.DocumentUri]*document{}, notify: func(string, any) {}}
	s.grammalecte = &grammar.Process{Log: s.logWarning}
	s.protocol = protocol.Handler{
		Initialize:                     s.initialize,
		Initialized:                    s.initialized,
		Shutdown:                       func(*glsp.Context) error { return s.grammalecte.Close() },
		Exit:                           func(*glsp.Context) error { return nil },
		SetTrace:                       func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen:            s.didOpen,
		TextDocumentDidChange:          s.didChange,
		TextDocumentDidSave:            s.didSave,
		TextDocumentDidClose:           s.didClose,
		WorkspaceDidChangeWatchedFiles: s.didChangeWatchedFiles,
		TextDocumentCodeAction:         s.codeAction,
		TextDocumentHover:              s.hover,
		TextDocumentCompletion:         s.complete,
	}
	return s
}

func (s *Session) initialize(_ *glsp.Context, p *protocol.InitializeParams) (any, error) {
	if p.RootURI != nil && (s.o.Dir == "" || s.o.Dir == ".") {
		s.o.Dir = pathOf(*p.RootURI)
	}
	if w := p.Capabilities.Workspace; w != nil && w.DidChangeWatchedFiles != nil && w.DidChangeWatchedFiles.DynamicRegistration != nil {
		s.watch = *w.DidChangeWatchedFiles.DynamicRegistration
	}
	s.reopen()
	full := protocol.TextDocumentSyncKindFull
	yes := true
	version := "lsp"
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: protocol.TextDocumentSyncOptions{
				OpenClose: &yes,
				Change:    &full,
				Save:      &protocol.SaveOptions{},
			},
			CodeActionProvider: true,
			HoverProvider:      true,
			CompletionProvider: &protocol.CompletionOptions{},
		},
		ServerInfo: &protocol.InitializeResultServerInfo{Name: "crieur", Version: &version},
	}, nil
}

// reopen opens the repository and loads the calendar again.
func (s *Session) reopen() {
	repo, err := content.OpenIn(s.dirOrDot(), i18n.FromEnv(s.o.Getenv))
	var posts []*content.File
	var engine, quick *linters.Engine
	if err == nil {
		if paths, perr := repo.PostPaths(); perr == nil {
			posts, _ = repo.LoadPosts(paths)
		}
		engine = linters.New()
		for i, r := range engine.CalendarRules {
			if g, ok := r.(grammar.Grammar); ok {
				g.Process = s.grammalecte
				engine.CalendarRules[i] = g
			}
		}
		engine.Language = repo.Language
		quick = &linters.Engine{Rules: engine.Rules, Language: engine.Language}
		for _, r := range engine.CalendarRules {
			if _, slow := r.(rule.Batched); !slow {
				quick.CalendarRules = append(quick.CalendarRules, r)
			}
		}
	}
	s.mu.Lock()
	s.repo, s.engine, s.quick, s.posts, s.openErr = repo, engine, quick, posts, err
	for _, d := range s.docs {
		d.slowText = "" // the settings may judge them otherwise
	}
	s.mu.Unlock()
	s.publishSettings()
}

func (s *Session) didOpen(_ *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	s.mu.Lock()
	unopened := s.repo == nil
	s.mu.Unlock()
	if unopened {
		// The editor was started outside the content repository: look
		// for crieur.yml above the post.
		s.o.Dir = filepath.Dir(pathOf(p.TextDocument.URI))
		s.reopen()
	}
	s.mu.Lock()
	d := &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: p.TextDocument.Text}
	s.docs[d.uri] = d
	s.mu.Unlock()
	go s.check(d.uri)
	return nil
}

func (s *Session) didChange(_ *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		return nil
	}
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			d.text = c.Text
		case protocol.TextDocumentContentChangeEvent:
			d.text = applyChange(d.text, c) // a client that sends ranges all the same
		}
	}
	d.version = p.TextDocument.Version
	if d.timer != nil {
		d.timer.Stop()
	}
	uri := d.uri
	d.timer = time.AfterFunc(s.o.Delay, func() {
		s.check(uri)
		s.checkOthers(uri) // what they say of this post's date may change
	})
	return nil
}

func (s *Session) didSave(_ *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	if s.isSetting(pathOf(p.TextDocument.URI)) {
		s.recheckAll()
	}
	return nil
}

// didChangeWatchedFiles reopens the repository and re-checks the open
// posts when a setting or a post changed outside the editor (a git pull,
// another tool): what other posts say counts in calendar rules.
func (s *Session) didChangeWatchedFiles(_ *glsp.Context, p *protocol.DidChangeWatchedFilesParams) error {
	for _, c := range p.Changes {
		if path := pathOf(c.URI); s.isSetting(path) || s.isPost(path) {
			s.recheckAll()
			return nil
		}
	}
	return nil
}

func (s *Session) didClose(_ *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	if d, ok := s.docs[p.TextDocument.URI]; ok && d.timer != nil {
		d.timer.Stop()
	}
	delete(s.docs, p.TextDocument.URI)
	s.mu.Unlock()
	s.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{}})
	return nil
}

// isSetting says whether a file is one the repository is opened from:
// crieur.yml, a charter or a vocabulary (any brand's).
func (s *Session) isSetting(path string) bool {
	base := filepath.Base(path)
	if base == content.ConfigFile {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.repo == nil {
		return false
	}
	rel := s.repo.Rel(path)
	c := s.repo.Config
	names := []string{c.Charter, c.Vocabulary, "charte.yml", "vocabulaire.txt"}
	for _, b := range c.Brands {
		names = append(names, b.Charter, b.Vocabulary)
	}
	for _, n := range names {
		if n != "" && filepath.ToSlash(filepath.Clean(n)) == rel {
			return true
		}
	}
	return false
}

// checkOthers checks the open posts but uri again.
func (s *Session) checkOthers(uri protocol.DocumentUri) {
	s.mu.Lock()
	var uris []protocol.DocumentUri
	for u := range s.docs {
		if u != uri && s.repo != nil && content.IsPostPath(s.repo.Rel(pathOf(u))) {
			uris = append(uris, u)
		}
	}
	s.mu.Unlock()
	for _, u := range uris {
		s.check(u)
	}
}

// recheckAll reopens the repository and checks every open document.
func (s *Session) recheckAll() {
	s.reopen()
	s.mu.Lock()
	var uris []protocol.DocumentUri
	for u := range s.docs {
		uris = append(uris, u)
	}
	s.mu.Unlock()
	for _, u := range uris {
		s.check(u)
	}
}

// stop stops the pending checks and Grammalecte.
func (s *Session) stop() {
	s.mu.Lock()
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
	s.mu.Unlock()
	_ = s.grammalecte.Close()
}

// pathOf is a file: URI's path.
func pathOf(uri protocol.DocumentUri) string {
	u, err := url.Parse(string(uri))
	if err != nil || u.Scheme != "file" {
		return string(uri)
	}
	return filepath.FromSlash(u.Path)
}

// uriOf is a path's file: URI.
func uriOf(path string) protocol.DocumentUri {
	return protocol.DocumentUri((&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String())
}
