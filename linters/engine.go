package linters

import (
	"embed"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what the engine itself says, in each reader's language
// (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// The types rules share live in linters/rule; these aliases keep the
// engine's API readable.
type (
	Context      = rule.Context
	Info         = rule.Info
	Rule         = rule.Rule
	CalendarRule = rule.CalendarRule
)

// Engine runs rules and applies what the charter and the posts say about
// them: severity overrides, and silencing comments.
type Engine struct {
	Rules         []Rule
	CalendarRules []CalendarRule
	// Progress, when set, hears how many posts the per-post rules have
	// checked, of how many, one call at a time (a terminal's progress bar).
	Progress func(done, total int)
	// Language: the reader's, for a Context that names none.
	Language i18n.Lang
	// Workers is how many posts are checked at once; 0 is one per core
	// the process may use (GOMAXPROCS). The findings are the same
	// whatever the number.
	Workers int
}

// New returns an engine with every registered rule kind.
func New() *Engine {
	k := Registry()
	return &Engine{Rules: k.Rules, CalendarRules: k.CalendarRules}
}

// Infos lists every rule id the engine can report, schema checks included.
func (e *Engine) Infos() []Info {
	out := append([]Info(nil), SchemaInfos...)
	if e.Language != "" && e.Language != i18n.English {
		for i := range out {
			out[i].Description = say.Line(e.Language, "about."+out[i].ID, nil)
		}
	}
	for _, r := range e.Rules {
		out = append(out, e.described(r, r.Infos())...)
	}
	for _, r := range e.CalendarRules {
		out = append(out, e.described(r, r.Infos())...)
	}
	return out
}

// described gives infos the descriptions of a rule kind that speaks the
// engine's language (rule.Described); the others keep theirs.
func (e *Engine) described(r any, infos []Info) []Info {
	d, ok := r.(rule.Described)
	if !ok || e.Language == "" || e.Language == i18n.English {
		return infos
	}
	for i := range infos {
		infos[i].Description = d.Describe(e.Language, infos[i].ID)
	}
	return infos
}

// Lint checks the files in scope. all is the whole calendar, for calendar
// rules (pass scope again when it is the whole calendar); loadFindings are
// the problems found while loading, which go through the same overrides.
func (e *Engine) Lint(c *Context, scope, all []*content.File, loadFindings []pipeline.Finding) []pipeline.Finding {
	if c.Language == "" && e.Language != "" {
		in := *c
		in.Language = e.Language
		c = &in
	}
	byPath := map[string]*content.File{}
	for _, f := range all {
		byPath[f.Post.Path] = f
	}
	inScope := map[string]bool{}
	for _, f := range scope {
		inScope[f.Post.Path] = true
		byPath[f.Post.Path] = f
	}
	rules, calendar := e.Rules, e.CalendarRules
	if c.ErrorsOnly {
		rules, calendar = e.canError(c, scope)
	}
	var raw []pipeline.Finding
	raw = append(raw, loadFindings...)
	raw = append(raw, e.checkFiles(c, rules, scope)...)
	for _, r := range calendar {
		shown := all
		if _, ok := r.(rule.Batched); ok {
			shown = scope
		}
		for _, fd := range r.CheckAll(c, shown) {
			if inScope[fd.Path] {
				raw = append(raw, fd)
			}
		}
	}
	raw = e.yield(raw)
	var out []pipeline.Finding
	for _, fd := range raw {
		brand := ""
		if f, ok := byPath[fd.Path]; ok {
			brand = f.Post.Brand
			if silenced(f.Post, fd) {
				continue
			}
		}
		if c.Repo != nil {
			if sev, ok := override(c.Repo.CharterFor(brand).Severities, fd.Rule); ok {
				if sev == 0 {
					continue
				}
				fd.Severity = sev
			}
		}
		out = append(out, fd)
	}
	Sort(out)
	return e.once(out)
}

// canError drops the advisory rules (rule.Advisory) that cannot report
// an error on the files: none of their ids is made an error by the
// severity override of a charter the files speak for.
func (e *Engine) canError(c *Context, files []*content.File) ([]Rule, []CalendarRule) {
	brands := map[string]bool{}
	for _, f := range files {
		brands[f.Post.Brand] = true
	}
	can := func(r any, infos []rule.Info) bool {
		if _, advisory := r.(rule.Advisory); !advisory || c.Repo == nil {
			return true
		}
		for _, in := range infos {
			for brand := range brands {
				if sev, ok := override(c.Repo.CharterFor(brand).Severities, in.ID); ok && sev >= pipeline.Error {
					return true
				}
			}
		}
		return false
	}
	var rules []Rule
	for _, r := range e.Rules {
		if can(r, r.Infos()) {
			rules = append(rules, r)
		}
	}
	var calendar []CalendarRule
	for _, r := range e.CalendarRules {
		if can(r, r.Infos()) {
			calendar = append(calendar, r)
		}
	}
	return rules, calendar
}

// once keeps the findings of rules whose Info says Once at their first
// place, in path order, for each message: the posts are checked in
// parallel, and a rule that reported such a finding on whichever post
// came first would move it from run to run (and code scanning would
// close and reopen its alert).
func (e *Engine) once(fs []pipeline.Finding) []pipeline.Finding {
	ids := map[string]bool{}
	for _, r := range e.Rules {
		for _, in := range r.Infos() {
			if in.Once {
				ids[in.ID] = true
			}
		}
	}
	if len(ids) == 0 {
		return fs
	}
	seen := map[[2]string]bool{}
	out := fs[:0]
	for _, f := range fs {
		if ids[f.Rule] {
			key := [2]string{f.Rule, f.Message}
			if seen[key] {
				continue
			}
			seen[key] = true
		}
		out = append(out, f)
	}
	return out
}

// yield drops the findings of rules whose Info names a family they yield
// to (Yields) where a finding of that family covers the same place: same
// file and line, overlapping columns. Grammalecte's typography says
// nothing crieur's typo rules have said already.
func (e *Engine) yield(fs []pipeline.Finding) []pipeline.Finding {
	to := map[string]string{}
	for _, in := range e.Infos() {
		if in.Yields != "" {
			to[in.ID] = in.Yields
		}
	}
	if len(to) == 0 {
		return fs
	}
	type place struct {
		path string
		line int
	}
	byLine := map[place][]pipeline.Finding{}
	for _, f := range fs {
		if _, ok := to[f.Rule]; !ok {
			byLine[place{f.Path, f.Line}] = append(byLine[place{f.Path, f.Line}], f)
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if fam, ok := to[f.Rule]; ok && covered(f, fam, byLine[place{f.Path, f.Line}]) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// covered says whether one of others, of the family fam, shares a column
// with f on its line (end columns are exclusive; a finding that ends on
// another line runs to the end of this one; one with no width, an
// insertion, covers the characters on both sides of it).
func covered(f pipeline.Finding, fam string, others []pipeline.Finding) bool {
	span := func(g pipeline.Finding) (int, int) {
		switch {
		case g.EndLine > g.Line:
			return g.Col, 1 << 30
		case g.EndCol <= g.Col:
			return g.Col - 1, g.Col + 1
		}
		return g.Col, g.EndCol
	}
	fs, fe := span(f)
	for _, o := range others {
		if start, end := span(o); matches(fam, o.Rule) && start < fe && fs < end {
			return true
		}
	}
	return false
}

// LintSource checks one version of a post, given as its bytes (a version
// from git's history), alone at now: its load problems and its findings.
func (e *Engine) LintSource(repo *content.Repo, rel string, src []byte, now time.Time) []pipeline.Finding {
	f, problems := repo.ParsePost(rel, src)
	if f == nil {
		return nil
	}
	return e.Lint(&Context{Repo: repo, Now: now}, []*content.File{f}, []*content.File{f}, problems)
}

// LintPaths loads every post of repo, checks the ones paths names (every
// post when paths is nil; none, only the calendar rules, when it is empty:
// a pull request that changes no post) at now, and returns the findings,
// how many files were checked and the posts checked. Calendar rules see
// the whole calendar and report on the posts checked. A path outside the
// posts folder is refused.
func (e *Engine) LintPaths(repo *content.Repo, paths []string, now time.Time) ([]pipeline.Finding, int, []*content.File, error) {
	all, err := repo.PostPaths()
	if err != nil {
		return nil, 0, nil, err
	}
	named := all
	if paths != nil && len(paths) == 0 {
		named = nil
	} else if len(paths) > 0 {
		if named, err = repo.PostPaths(paths...); err != nil {
			return nil, 0, nil, err
		}
		for _, p := range named {
			if !content.IsPostPath(p) {
				return nil, 0, nil, errors.New(say.Text(e.Language, "outside_posts", i18n.Args{"path": p, "posts": content.PostsDir}))
			}
		}
	}
	// Load the whole calendar once: the named files are a subset of it
	// (files outside posts/ were refused above).
	files, loadFindings := repo.LoadPosts(all)
	inScope := map[string]bool{}
	for _, p := range named {
		inScope[p] = true
	}
	var scope []*content.File
	for _, f := range files {
		if inScope[f.Post.Path] {
			scope = append(scope, f)
		}
	}
	var mine []pipeline.Finding
	for _, f := range loadFindings {
		if inScope[f.Path] {
			mine = append(mine, f)
		}
	}
	// What crieur.yml needs of the publish workflow is said whatever the
	// scope: a pull request that switches a channel to a network changes
	// no post.
	mine = append(mine, repo.WorkflowFindings()...)
	return e.Lint(&Context{Repo: repo, Now: now}, scope, files, mine), len(named), scope, nil
}

// checkFiles runs the per-post rules on every file, spread over the
// machine's cores (rules are safe for concurrent use: each keeps its
// shared state behind a lock); the findings come back in file order.
func (e *Engine) checkFiles(c *Context, rules []Rule, files []*content.File) []pipeline.Finding {
	per := make([][]pipeline.Finding, len(files))
	var mu sync.Mutex
	done := 0
	pipeline.Parallel(len(files), e.Workers, func(i int) {
		for _, r := range rules {
			per[i] = append(per[i], r.Check(c, files[i])...)
		}
		if e.Progress != nil {
			mu.Lock()
			done++
			e.Progress(done, len(files))
			mu.Unlock()
		}
	})
	var out []pipeline.Finding
	for _, fs := range per {
		out = append(out, fs...)
	}
	return out
}

// Sort orders findings by path, line, column and rule.
func Sort(fs []pipeline.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Rule < b.Rule
	})
}

// matches reports whether a silencing or override id covers a rule id:
// the same id, or a family prefix, written with or without its final dot
// ("media" and "media." cover "media.alt"; the charter schema documents
// "schedule.").
func matches(id, rule string) bool {
	if id == rule || id == "all" {
		return true
	}
	family := strings.TrimSuffix(id, ".")
	return family != "" && strings.HasPrefix(rule, family+".")
}

// Binding reports whether a rule can be neither silenced nor lowered: a
// file that cannot be read (schema.*), a text that would not go out as
// lint read it (body.*). Those are not a matter of style.
func Binding(rule string) bool {
	return strings.HasPrefix(rule, "schema.") || strings.HasPrefix(rule, "body.")
}

func silenced(p *pipeline.Post, fd pipeline.Finding) bool {
	if Binding(fd.Rule) {
		return false
	}
	for _, id := range p.Disabled {
		if matches(id, fd.Rule) {
			return true
		}
	}
	for _, id := range p.DisabledLines[fd.Line] {
		if matches(id, fd.Rule) {
			return true
		}
	}
	return false
}

// override finds the charter's severity for a rule: the longest matching
// id wins. Binding rules (schema.*, body.*) cannot be lowered.
func override(sev map[string]string, rule string) (pipeline.Severity, bool) {
	if Binding(rule) {
		return 0, false
	}
	best := ""
	for id := range sev {
		if matches(id, rule) && len(id) > len(best) {
			best = id
		}
	}
	if best == "" {
		return 0, false
	}
	s, err := pipeline.ParseSeverity(sev[best])
	return s, err == nil
}

func schema(id string) Info {
	return Info{ID: id, Description: say.Line(i18n.English, "about."+id, nil), Default: pipeline.Error}
}

// SchemaInfos describe the problems found while loading posts, in English
// (Engine.Infos says them in the engine's language; messages/ holds the
// descriptions).
var SchemaInfos = []Info{
	schema("schema.yaml"),
	schema("schema.front_matter"),
	schema("schema.encoding"),
	schema("schema.unknown_key"),
	schema("schema.type"),
	schema("schema.publish_at"),
	schema("schema.channel"),
	schema("schema.channels"),
	schema("schema.brand"),
	schema("schema.lang"),
	schema("schema.campaign"),
	schema("schema.id"),
	schema("schema.media"),
	schema("schema.repeat"),
	schema("schema.status"),
	schema("schema.body"),
	schema("schema.thread"),
	schema("schema.duplicate"),
	schema("schema.publications"),
	schema("schema.timezone"),
	schema("schema.language"),
	schema("schema.network"),
	schema("schema.path"),
	schema("schema.secret"),
	schema("schema.workflow"),
	schema("schema.limit"),
	schema("schema.charter"),
	schema("schema.file"),
}
