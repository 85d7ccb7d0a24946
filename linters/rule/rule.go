// Package rule holds what the engine and the rule kinds share: the Rule
// interfaces, the Context a rule may look at, and helpers to make
// findings. Rule kinds live in sibling packages (core, spelling, tone…)
// and are listed in linters/registry.go.
//
// Rule of the room: imports pipeline, pipeline/content and
// pipeline/render, and pipeline/i18n (as every room may), besides the
// standard library; never net/http, go-git or go-github. internal/archtest checks the imports.
package rule

import (
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Context is what rules may look at besides the post.
type Context struct {
	Repo *content.Repo
	Now  time.Time
	// ErrorsOnly: the caller acts on error-level findings only (publish
	// refuses a post with one): the engine does not run the rules that
	// cannot report an error here, by their defaults and the charters'
	// severity overrides.
	ErrorsOnly bool
	// Language: the reader's, in which rules write their messages and
	// hints ("" is English).
	Language i18n.Lang
}

// Advisory is a rule whose findings are never errors unless a charter's
// severity overrides make them so: a run that acts on errors only
// (Context.ErrorsOnly: publish) does not run it otherwise.
type Advisory interface {
	Advisory()
}

// Info describes a rule id for help texts and SARIF.
type Info struct {
	ID          string
	Description string
	Default     pipeline.Severity
	// Once: the finding concerns the run, not the post (a dictionary that
	// is not installed): rules report it on every post concerned, and the
	// engine keeps it once per message, on the first of those posts in
	// path order, so that a run says it at the same place every time.
	Once bool
	// Yields: a rule id or family ("typo") that says the same things
	// better; the engine drops a finding of this rule where one of that
	// family covers the same place (same file and line, a column in
	// common), so that no mistake is reported twice.
	Yields string
}

// Described is the optional ability of a rule kind whose descriptions
// speak the reader's language: Describe says rule id in l. Info keeps the
// English one; Engine.Infos asks Describe for the engine's language.
type Described interface {
	Describe(l i18n.Lang, id string) string
}

// Rule is a rule kind that judges one post at a time.
type Rule interface {
	Infos() []Info
	Check(c *Context, f *content.File) []pipeline.Finding
}

// CalendarRule is a rule kind that judges the whole calendar at once
// (posting hours, gaps, posts per day). It sees every post; the engine
// keeps what it says about the files in scope.
type CalendarRule interface {
	Infos() []Info
	CheckAll(c *Context, files []*content.File) []pipeline.Finding
}

// Batched is the optional ability of a CalendarRule that judges each post
// on its own and takes them all at once only to start a program once
// (Grammalecte): the engine shows it the posts in scope only, so that
// linting one post does not check the whole calendar.
type Batched interface {
	CalendarRule
	Batched()
}

// At makes a finding at a position of a post.
func At(p *pipeline.Post, pos pipeline.Pos, id string, sev pipeline.Severity, msg, hint string) pipeline.Finding {
	return pipeline.Finding{Path: p.Path, Line: pos.Line, Col: pos.Col, Rule: id, Severity: sev, Message: msg, Hint: hint}
}
