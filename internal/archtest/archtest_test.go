package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Where the house keeps things. Our packages are named relative to the
// module (pipeline/content); others in full.
const (
	goGit           = "github.com/go-git" // go-git and its own modules (go-billy, gcfg)
	goGitHub        = "github.com/google/go-github"
	goGitHubActions = "github.com/sethvargo/go-githubactions"
	netHTTP         = "net/http"

	domainRoom   = "pipeline"
	contentRoom  = "pipeline/content"
	renderRoom   = "pipeline/render"
	registryRoom = "pipeline/channels"          // the registry of channel types; each adapter is a package under it
	sharedDir    = "pipeline/channels/internal" // what several adapters share: the HTTP client, Meta's Graph API
	gitRoom      = "pipeline/gitrepo"
	gitHubRoom   = "pipeline/github"
	lintersRoom  = "linters"
	ruleShared   = "linters/rule" // what the engine and the rule kinds share
	cmdRoom      = "cmd/crieur"   // wiring only
	helpersDir   = "internal"     // the test helpers, archtest among them
	archtest     = "internal/archtest"
)

// The libraries a room legitimately uses besides the ones STYLE.md names
// (go-git, go-github, go-githubactions); its row and its doc.go name them.
const (
	yamlV3   = "gopkg.in/yaml.v3"
	goldmark = "github.com/yuin/goldmark/..."
	uniseg   = "github.com/rivo/uniseg"
	// NFC, as X normalises a text before counting it (render).
	xTextNorm = "golang.org/x/text/unicode/norm"
	goIcal    = "github.com/emersion/go-ical"
	goSarif   = "github.com/owenrumney/go-sarif/v2/..."
	cgo       = "C"                              // spelling's libhunspell
	xSysUnix  = "golang.org/x/sys/unix"          // content's syncfs(2)
	rruleGo   = "github.com/teambition/rrule-go" // content expands repeat: calendar rules (RFC 5545)
	gospell   = "github.com/client9/gospell"     // spelling without cgo
	goI18n    = "github.com/nicksnyder/go-i18n/v2/..."
	xLanguage = "golang.org/x/text/language" // go-i18n's language tags
	glsp      = "github.com/tliron/glsp/..." // the LSP's types (editor)
	jsonrpc2  = "github.com/sourcegraph/jsonrpc2"
	// lint's text report in colour (linters/output); no net/http.
	fatihColor = "github.com/fatih/color"
)

// A rule says which packages may not import what, for a family of
// packages (the adapters, the linters) or for a library that lives in
// one room. Paths in the table are relative to the module
// (pipeline/content); third-party and standard library paths are written
// in full.
type rule struct {
	name string
	// applies picks the packages the rule constrains.
	applies func(pkg string) bool
	// transitive: the rule holds for everything the package depends on,
	// directly or through other packages (go list's Deps), not only for
	// what it imports itself. Rules about a room's own isolation are
	// transitive (a room cannot launder an import through another
	// package); rules that keep a library in one room are direct
	// (cmd/crieur depends on every room, and so on every library).
	transitive bool
	// forbidden reports whether pkg may not import imp; imp is relative to
	// the module when it is one of ours.
	forbidden func(pkg, imp string) bool
}

// rules are the "never" and "only" of STYLE.md's house, one row per rule.
// A package breaks a row when it matches applies and imports (or, for a
// transitive row, depends on) a path that forbidden names. What each
// package may import is the allowed table below.
var rules = []rule{
	{
		// Adapters do not know about one another; an adapter that needs
		// something another one has asks pipeline for an interface.
		// The registry (pipeline/channels itself) imports every adapter,
		// so an adapter cannot import it either.
		name:       "an adapter (pipeline/channels/<network>) never imports another adapter, nor the registry",
		applies:    isAdapter,
		transitive: true,
		forbidden: func(pkg, imp string) bool {
			return under(registryRoom)(imp) && !under(sharedDir)(imp) && adapterOf(imp) != adapterOf(pkg)
		},
	},
	{
		// The adapters' row of the house: the domain, what the adapters
		// share and the standard library. No third-party client library,
		// so that each network's contract is in our code, tested against
		// its fake or its real server.
		name:    "an adapter imports only pipeline, pipeline/channels/internal/..., its own sub-packages and the standard library",
		applies: isAdapter,
		forbidden: func(pkg, imp string) bool {
			return (!isStd(imp) || isOurs(imp)) && imp != domainRoom && imp != i18nRoom && !under(sharedDir)(imp) && adapterOf(imp) != adapterOf(pkg)
		},
	},
	{
		// What several adapters share is a protocol or a client, not a
		// network: it never reaches into an adapter.
		name:       "pipeline/channels/internal/... imports only pipeline, pipeline/channels/internal/... and the standard library",
		applies:    under(sharedDir),
		transitive: true,
		forbidden: func(_, imp string) bool {
			return (!isStd(imp) || isOurs(imp)) && imp != domainRoom && !under(sharedDir)(imp)
		},
	},
	{
		// Linters judge prose: no network, no git, no GitHub.
		name:       "linters/... never imports net/http, go-git or go-github, even through another package",
		applies:    under(lintersRoom),
		transitive: true,
		forbidden: func(_, imp string) bool {
			return under(netHTTP)(imp) || isGit(imp) || under(goGitHub)(imp)
		},
	},
	{
		// go-git lives in pipeline/gitrepo; cmd/crieur builds it.
		name:      "only pipeline/gitrepo and cmd/crieur import go-git",
		applies:   not(anyOf(under(gitRoom), is(cmdRoom))),
		forbidden: func(_, imp string) bool { return isGit(imp) },
	},
	{
		// go-github and go-githubactions live in pipeline/github;
		// cmd/crieur builds the clients.
		name:      "only pipeline/github and cmd/crieur import go-github or go-githubactions",
		applies:   not(anyOf(under(gitHubRoom), is(cmdRoom))),
		forbidden: func(_, imp string) bool { return isGitHub(imp) },
	},
	{
		// One explicit registry lists the channel types (STYLE.md,
		// practice 4): the rest of the code reaches an adapter through
		// it, or is cmd/crieur.
		name:      "only the registry (pipeline/channels) and cmd/crieur import an adapter",
		applies:   not(anyOf(is(registryRoom), is(cmdRoom), isAdapter)),
		forbidden: func(_, imp string) bool { return isAdapter(imp) },
	},
	{
		// The test helpers are for _test.go files (whose imports go list
		// keeps apart); no package built into crieur imports one.
		name:      "only tests import the test helpers (internal/...)",
		applies:   not(under(helpersDir)),
		forbidden: func(_, imp string) bool { return under(helpersDir)(imp) },
	},
}

// The third column of STYLE.md's house, "what it may import", besides the
// standard library. An entry ending in /... admits that package and every
// package below it.
var (
	stdOnly    = []string{}                                    // pipeline
	domainOnly = []string{domainRoom}                          // content, render
	useCase    = []string{domainRoom, contentRoom, renderRoom} // publish, review, metrics, report, calendar, planpage, journal; linters
	ruleKind   = with(useCase, ruleShared)                     // linters/<kind>: linters' row, and what the kinds share
	gitHubRow  = []string{domainRoom, goGitHub + "/...", goGitHubActions}
)

// with is a row and more.
func with(row []string, more ...string) []string {
	return append(append([]string{}, row...), more...)
}

// allowed is the house as data, one row per package: besides the
// standard library, the only imports it may have. Each room's doc.go says
// the same in its "Rule of the room". Every package of the module has a
// row, except the adapters and pipeline/channels/internal/..., which the
// rules above check as families, and cmd/crieur, which may import
// everything. A row may name a package that does not exist (yet, or any
// more).
var allowed = map[string][]string{
	// The domain.
	domainRoom: stdOnly,
	// Where the repository keeps things, and each network's text.
	contentRoom: with(domainOnly, yamlV3, xSysUnix, rruleGo),
	renderRoom:  with(domainOnly, goldmark, uniseg, xTextNorm),
	// The catalogs of messages, which every row admits (allows).
	i18nRoom: {goI18n, xLanguage, yamlV3},
	// The registry of channel types builds every adapter.
	registryRoom: {domainRoom, registryRoom + "/..."},
	// The HTTP client the adapters share, where STYLE.md keeps it.
	sharedDir + "/httpapi": domainOnly,
	// The use cases and views.
	"pipeline/publish":  useCase,
	"pipeline/review":   useCase,
	"pipeline/metrics":  useCase,
	"pipeline/report":   useCase,
	"pipeline/calendar": with(useCase, goIcal),
	"pipeline/planpage": useCase,
	"pipeline/journal":  useCase,
	"pipeline/doctor":   useCase,
	"pipeline/fix":      with(useCase, "github.com/pmezard/go-difflib/difflib"),
	// crieur lsp: the rule engine on the text being typed.
	"pipeline/editor": with(useCase, lintersRoom+"/...", glsp, jsonrpc2),
	// git and GitHub.
	gitRoom:                   {domainRoom, goGit + "/..."},
	gitHubRoom:                gitHubRow,
	gitHubRoom + "/workflows": gitHubRow,
	// The rule engine and its registry of rule kinds; the kinds, reading
	// their embedded data with yaml.v3; the views of findings; the
	// measure of the linter against a labelled corpus.
	lintersRoom:        with(useCase, lintersRoom+"/..."),
	ruleShared:         useCase,
	"linters/core":     ruleKind,
	"linters/charte":   with(ruleKind, yamlV3),
	"linters/grammar":  with(ruleKind, yamlV3),
	"linters/schedule": with(ruleKind, yamlV3),
	"linters/spelling": with(ruleKind, yamlV3, cgo, gospell),
	"linters/tone":     with(ruleKind, yamlV3),
	"linters/typo":     with(ruleKind, yamlV3),
	"linters/output":   with(useCase, goSarif, fatihColor),
	"linters/quality":  with(useCase, lintersRoom),
	// Not rooms of the house: the JSON Schemas (data), and the test
	// helpers.
	"schemas":              stdOnly,
	"internal/testrepo":    {domainRoom, contentRoom},
	"internal/fakegithub":  stdOnly,
	"internal/faultproxy":  stdOnly,
	"internal/browser":     stdOnly,
	"internal/services":    stdOnly,
	"internal/reference":   stdOnly,
	"internal/testsummary": stdOnly,
	archtest:               stdOnly,
}

// A knownBreak is an import the code has today that a row or a rule
// forbids.
type knownBreak struct {
	pkg string // a package, or a folder of packages: pipeline/channels/...
	imp string
	why string
}

// breaks are where the code breaks the house today, listed so that the
// rest is checked; each is to be fixed. A break that no longer occurs
// fails TestHouse: delete its line.
var breaks = []knownBreak{}

// i18nRoom says things in the reader's language: every room may import it.
const i18nRoom = "pipeline/i18n"

// allows reports whether a row admits an import: the standard library
// (cgo aside), pipeline/i18n, the same path, or a package below an entry
// ending in /....
func allows(row []string, imp string) bool {
	if isStd(imp) && !isOurs(imp) && imp != cgo || imp == i18nRoom {
		return true
	}
	for _, a := range row {
		if imp == a {
			return true
		}
		if dir, ok := strings.CutSuffix(a, "/..."); ok && under(dir)(imp) {
			return true
		}
	}
	return false
}

// rowText says a row in words: "pipeline, pipeline/content and the
// standard library".
func rowText(row []string) string {
	if len(row) == 0 {
		return "the standard library"
	}
	return strings.Join(row, ", ") + " and the standard library"
}

// layout rules are about which packages exist, not about imports.
var layout = []struct {
	name string
	bad  func(pkg string) bool
}{
	// cmd/crieur is wiring only: flags, environment, clients, exit codes.
	// Logic that wants a package of its own belongs in its room.
	{"cmd/crieur contains no other package, and cmd/ holds only crieur", func(pkg string) bool {
		return under("cmd")(pkg) && pkg != cmdRoom
	}},
}

func is(names ...string) func(string) bool {
	return func(pkg string) bool {
		for _, n := range names {
			if pkg == n {
				return true
			}
		}
		return false
	}
}

// under matches a package and the packages below it.
func under(dir string) func(string) bool {
	return func(pkg string) bool { return pkg == dir || strings.HasPrefix(pkg, dir+"/") }
}

func not(f func(string) bool) func(string) bool { return func(s string) bool { return !f(s) } }

func anyOf(fs ...func(string) bool) func(string) bool {
	return func(s string) bool {
		for _, f := range fs {
			if f(s) {
				return true
			}
		}
		return false
	}
}

// isAdapter: a package under pipeline/channels/, at any depth.
// The shared packages under pipeline/channels/internal are not adapters.
func isAdapter(pkg string) bool {
	return strings.HasPrefix(pkg, registryRoom+"/") && !under(sharedDir)(pkg)
}

// adapterOf names the adapter a package belongs to: "outbox" for
// pipeline/channels/outbox and its sub-packages, "" for the registry.
func adapterOf(pkg string) string {
	rest, ok := strings.CutPrefix(pkg, registryRoom+"/")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "/")
	return name
}

func isGit(imp string) bool { return under(goGit)(imp) }

func isGitHub(imp string) bool { return under(goGitHub)(imp) || under(goGitHubActions)(imp) }

// isOurs: a package of this module (written relative to it, so without
// a dot like the standard library's): one under our top folders, made-up
// ones included, or a folder of this repository (the standard library
// has internal/ packages too).
func isOurs(imp string) bool {
	if anyOf(under("pipeline"), under("linters"), under("cmd"), under("schemas"))(imp) {
		return true
	}
	st, err := os.Stat(filepath.Join("..", "..", filepath.FromSlash(imp)))
	return err == nil && st.IsDir()
}

// isStd tells a standard library path by its first element, which has no
// dot: the rule the go command itself uses for import paths.
func isStd(imp string) bool {
	first, _, _ := strings.Cut(imp, "/")
	return !strings.Contains(first, ".")
}

// pkg is what the test reads of `go list -json`.
type pkg struct {
	ImportPath   string
	DepOnly      bool
	Imports      []string
	Deps         []string
	GoFiles      []string
	TestGoFiles  []string
	XTestGoFiles []string
	Module       *struct{ Path string }
	Error        *struct{ Err string }
}

// result is what check finds.
type result struct {
	broken  []string       // one line per package and rule or row broken, sorted
	applied map[string]int // how many packages each rule applied to
	excused []int          // how many imports each known break excused, by its index
}

// check checks packages against the rules, the rows and the layout;
// the known breaks excuse the imports they name. Package paths are
// relative to the module.
func check(pkgs []pkg, known []knownBreak) result {
	res := result{applied: map[string]int{}, excused: make([]int, len(known))}
	// excuse reports whether a known break names pkg's import of imp.
	excuse := func(pkg, imp string) bool {
		for i, b := range known {
			dir, folder := strings.CutSuffix(b.pkg, "/...")
			if imp == b.imp && (pkg == b.pkg || folder && under(dir)(pkg)) {
				res.excused[i]++
				return true
			}
		}
		return false
	}
	for _, r := range rules {
		for _, p := range pkgs {
			if !r.applies(p.ImportPath) {
				continue
			}
			res.applied[r.name]++
			imports := p.Imports
			if r.transitive {
				imports = p.Deps
			}
			var direct, indirect []string
			for _, imp := range imports {
				switch {
				case !r.forbidden(p.ImportPath, imp), excuse(p.ImportPath, imp):
				case contains(p.Imports, imp):
					direct = append(direct, imp)
				default:
					indirect = append(indirect, imp)
				}
			}
			// One line per package and rule, the direct imports first.
			switch {
			case len(direct) > 0:
				res.broken = append(res.broken, fmt.Sprintf("%s imports %s: %s", p.ImportPath, list(direct), r.name))
			case len(indirect) > 0:
				res.broken = append(res.broken, fmt.Sprintf("%s depends on %s through another package: %s", p.ImportPath, list(indirect), r.name))
			}
		}
	}
	for _, p := range pkgs {
		row, ok := allowed[p.ImportPath]
		switch {
		case ok:
			for _, imp := range p.Imports {
				if !allows(row, imp) && !excuse(p.ImportPath, imp) {
					res.broken = append(res.broken, fmt.Sprintf("%s imports %s: its row of the house allows only %s", p.ImportPath, imp, rowText(row)))
				}
			}
		case !anyOf(isAdapter, under(sharedDir), is(cmdRoom))(p.ImportPath):
			res.broken = append(res.broken, fmt.Sprintf("package %s: every package has a row in the house (allowed, in internal/archtest) and says it in its doc.go", p.ImportPath))
		}
		for _, l := range layout {
			if l.bad(p.ImportPath) {
				res.broken = append(res.broken, fmt.Sprintf("package %s: %s", p.ImportPath, l.name))
			}
		}
		// The archtest package is a test and nothing else.
		if contains(p.Imports, archtest) {
			res.broken = append(res.broken, fmt.Sprintf("%s imports %s: nothing imports archtest", p.ImportPath, archtest))
		}
	}
	sort.Strings(res.broken)
	return res
}

// list shows a few paths, and how many more there are.
func list(paths []string) string {
	const most = 3
	if len(paths) <= most {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:most], ", "), len(paths)-most)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// load runs go list over the module.
func load(t *testing.T) []pkg {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not in PATH: cannot list the module's packages to check the import rules of STYLE.md")
	}
	out, err := exec.Command(goTool, "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == "/dev/null" || gomod == "NUL" {
		t.Fatal("not inside a Go module: go env GOMOD is empty")
	}
	root := filepath.Dir(gomod)

	cmd := exec.Command(goTool, "list", "-e", "-deps", "-json", "./...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err = cmd.Output()
	if err != nil {
		t.Fatalf("go list in %s: %v\n%s", root, err, stderr.Bytes())
	}
	mod := exec.Command(goTool, "list", "-m")
	mod.Dir = root
	mpath, err := mod.Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	module := strings.TrimSpace(string(mpath))

	var pkgs []pkg
	rel := func(p string) string {
		if p == module {
			return "." // the module's root package
		}
		if r, ok := strings.CutPrefix(p, module+"/"); ok {
			return r
		}
		return p
	}
	relAll := func(ps []string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = rel(p)
		}
		return out
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("reading go list's output: %v", err)
		}
		if p.DepOnly || p.Module == nil || p.Module.Path != module {
			continue
		}
		if p.Error != nil {
			if len(p.GoFiles) == 0 && len(p.TestGoFiles)+len(p.XTestGoFiles) > 0 {
				continue // a folder of tests only: nothing is built from it
			}
			t.Errorf("cannot check %s: %s", p.ImportPath, p.Error.Err)
			continue
		}
		p.ImportPath = rel(p.ImportPath)
		p.Imports = relAll(p.Imports)
		p.Deps = relAll(p.Deps)
		pkgs = append(pkgs, p)
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no package of the module")
	}
	return pkgs
}

// TestHouse checks every package of the module against the house.
func TestHouse(t *testing.T) {
	res := check(load(t), breaks)
	for _, b := range res.broken {
		t.Error(b)
	}
	// A rule that applies to nothing checks nothing: a room was renamed
	// and the table not updated.
	for _, r := range rules {
		if res.applied[r.name] == 0 {
			t.Errorf("rule %q applies to no package of the module", r.name)
		}
	}
	// A break that no longer occurs was fixed: the house holds there now.
	for i, b := range breaks {
		if res.excused[i] == 0 {
			t.Errorf("%s no longer imports %s (%s): delete this break from breaks in internal/archtest", b.pkg, b.imp, b.why)
		}
	}
	if t.Failed() {
		t.Log("the rules are STYLE.md's \"The house\"; see the tables in internal/archtest/archtest_test.go")
	}
}

// TestRulesCatch feeds the checker made-up packages, one that breaks each
// rule and row and one that keeps it, so that no rule is a rule in name
// only.
func TestRulesCatch(t *testing.T) {
	const (
		adapterOnly  = "an adapter imports only pipeline, pipeline/channels/internal/..., its own sub-packages and the standard library"
		sharedOnly   = "pipeline/channels/internal/... imports only pipeline, pipeline/channels/internal/... and the standard library"
		noOtherAdapt = "an adapter (pipeline/channels/<network>) never imports another adapter, nor the registry"
		lintersNever = "linters/... never imports net/http, go-git or go-github, even through another package"
		onlyRegistry = "only the registry (pipeline/channels) and cmd/crieur import an adapter"
		useCaseRow   = "its row of the house allows only pipeline, pipeline/content, pipeline/render and the standard library"
		noRow        = "every package has a row in the house (allowed, in internal/archtest) and says it in its doc.go"
	)
	tests := []struct {
		pkg     string
		imports []string // direct
		deps    []string // transitive, besides imports
		broken  string   // a rule, row or layout rule it must break, "" when it breaks none
	}{
		{"pipeline", []string{"time", "strings"}, nil, ""},
		{"pipeline", []string{"gopkg.in/yaml.v3"}, nil, "its row of the house allows only the standard library"},
		{"pipeline/content", []string{"pipeline", "gopkg.in/yaml.v3"}, nil, ""},
		{"pipeline/content", []string{"github.com/adrg/frontmatter"}, nil, "its row of the house allows only pipeline, gopkg.in/yaml.v3, golang.org/x/sys/unix, github.com/teambition/rrule-go and the standard library"},
		{"pipeline/content", []string{"pipeline/render"}, nil, "its row of the house allows only pipeline, gopkg.in/yaml.v3, golang.org/x/sys/unix, github.com/teambition/rrule-go and the standard library"},
		{"pipeline/render", []string{"pipeline", "github.com/yuin/goldmark/ast", "unicode"}, nil, ""},

		{"pipeline/channels/mastodon", []string{"pipeline", "net/http"}, nil, ""},
		{"pipeline/channels/x", []string{"pipeline", "pipeline/channels/internal/httpapi", "crypto/hmac"}, nil, ""},
		{"pipeline/channels/x", []string{"github.com/dghubble/oauth1"}, nil, adapterOnly},
		{"pipeline/channels/x", []string{"pipeline/render"}, nil, adapterOnly},
		{"pipeline/channels/x", []string{"pipeline/httpapi"}, nil, adapterOnly},
		{"pipeline/channels/slack", []string{"github.com/go-git/go-git/v5"}, nil, adapterOnly},
		{"pipeline/channels/slack", []string{"github.com/google/go-github/v60/github"}, nil, adapterOnly},
		{"pipeline/channels/internal/httpapi", []string{"pipeline", "net/http"}, nil, ""},
		{"pipeline/channels/internal/httpapi", []string{"pipeline/content"}, nil, sharedOnly},
		{"pipeline/channels/facebook", []string{"pipeline/channels/internal/graph"}, nil, ""},
		{"pipeline/channels/internal/graph", []string{"pipeline", "pipeline/channels/internal/httpapi"}, nil, ""},
		{"pipeline/channels/internal/graph", []string{"pipeline/channels/facebook"}, nil, sharedOnly},
		{"pipeline/channels/mastodon/internal/oauth", []string{"pipeline/channels/mastodon"}, nil, ""},
		{"pipeline/channels/mastodon", []string{"pipeline/channels/bluesky"}, nil, noOtherAdapt},
		{"pipeline/channels/mastodon", []string{"pipeline/util"}, []string{"pipeline/channels/bluesky/facets"}, noOtherAdapt},
		{"pipeline/channels/mastodon", []string{"pipeline/channels"}, nil, noOtherAdapt},
		{"pipeline/channels", []string{"pipeline", "pipeline/channels/outbox", "net/http"}, nil, ""},

		{"pipeline/review", []string{"pipeline", "pipeline/content", "pipeline/render"}, nil, ""},
		{"pipeline/metrics", []string{"pipeline/journal"}, nil, useCaseRow},
		{"pipeline/planpage", []string{"pipeline/calendar"}, nil, useCaseRow},
		{"pipeline/publish", []string{"pipeline/gitrepo"}, nil, useCaseRow},
		{"pipeline/calendar", []string{"pipeline/content", "github.com/emersion/go-ical"}, nil, ""},
		{"pipeline/publish", []string{"pipeline/channels/outbox"}, nil, onlyRegistry},

		{"pipeline/gitrepo", []string{"github.com/go-git/go-git/v5/plumbing"}, nil, ""},
		{"pipeline/publish", []string{"github.com/go-git/go-git/v5"}, nil, "only pipeline/gitrepo and cmd/crieur import go-git"},
		{"pipeline/github", []string{"pipeline", "github.com/google/go-github/v60/github", "github.com/sethvargo/go-githubactions"}, nil, ""},
		{"pipeline/github/workflows", []string{"pipeline", "text/template"}, nil, ""},
		{"pipeline/content", []string{"github.com/sethvargo/go-githubactions"}, nil, "only pipeline/github and cmd/crieur import go-github or go-githubactions"},
		{"cmd/crieur", []string{"github.com/go-git/go-git/v5", "github.com/google/go-github/v60/github", "github.com/sethvargo/go-githubactions", "pipeline/channels/outbox"}, nil, ""},

		{"linters", []string{"pipeline", "pipeline/content", "linters/rule", "linters/core"}, nil, ""},
		{"linters", []string{"pipeline/publish"}, nil, "its row of the house allows only pipeline, pipeline/content, pipeline/render, linters/... and the standard library"},
		{"linters/tone", []string{"pipeline", "pipeline/content", "pipeline/render", "linters/rule", "gopkg.in/yaml.v3", "net/url"}, nil, ""},
		{"linters/spelling", []string{"net/http"}, nil, lintersNever},
		{"linters/spelling", []string{"net/http/httputil"}, nil, lintersNever},
		{"linters/core", []string{"pipeline/content"}, []string{"github.com/go-git/go-git/v5"}, lintersNever},
		{"linters/output", []string{"pipeline/channels/outbox"}, nil, onlyRegistry},
		{"linters/typo", []string{"github.com/yuin/goldmark"}, nil, "its row of the house allows only pipeline, pipeline/content, pipeline/render, linters/rule, gopkg.in/yaml.v3 and the standard library"},
		{"linters/grammar", []string{"C"}, nil, "its row of the house allows only pipeline, pipeline/content, pipeline/render, linters/rule, gopkg.in/yaml.v3 and the standard library"},
		{"linters/spelling", []string{"C", "linters/rule"}, nil, ""},
		{"linters/typo", []string{"pipeline/i18n"}, nil, ""},
		{"pipeline/channels/mastodon", []string{"pipeline", "pipeline/i18n"}, nil, ""},

		{"pipeline/newroom", nil, nil, noRow},
		{"cmd/crieur/internal/flags", nil, nil, "cmd/crieur contains no other package, and cmd/ holds only crieur"},
		{"cmd/other", nil, nil, "cmd/crieur contains no other package, and cmd/ holds only crieur"},
		{"pipeline/content", []string{"internal/archtest"}, nil, "nothing imports archtest"},
		{"pipeline/content", []string{"internal/fakegithub"}, nil, "only tests import the test helpers (internal/...)"},
		{"internal/testrepo", []string{"pipeline", "pipeline/content", "testing"}, nil, ""},
	}
	for _, tc := range tests {
		name := tc.pkg + " -> " + strings.Join(append(append([]string(nil), tc.imports...), tc.deps...), ",")
		t.Run(name, func(t *testing.T) {
			p := pkg{ImportPath: tc.pkg, Imports: tc.imports, Deps: append(append([]string(nil), tc.imports...), tc.deps...)}
			broken := check([]pkg{p}, nil).broken
			if tc.broken == "" {
				if len(broken) > 0 {
					t.Errorf("want no broken rule, got %q", broken)
				}
				return
			}
			found := false
			for _, b := range broken {
				found = found || strings.HasSuffix(b, ": "+tc.broken)
			}
			if !found {
				t.Errorf("want %q broken, got %q", tc.broken, broken)
			}
		})
	}
}

// TestBreaksExcuse: a known break excuses the import it names, in a
// package or a folder of packages, and nothing else.
func TestBreaksExcuse(t *testing.T) {
	known := []knownBreak{
		{"pipeline/channels/...", "pipeline/httpapi", "the shared client"},
		{"pipeline/metrics", "pipeline/journal", "a use case importing another"},
	}
	pkgs := []pkg{
		{ImportPath: "pipeline/channels/x", Imports: []string{"pipeline", "pipeline/httpapi"}},
		{ImportPath: "pipeline/channels/internal/graph", Imports: []string{"pipeline", "pipeline/httpapi"}},
		{ImportPath: "pipeline/metrics", Imports: []string{"pipeline", "pipeline/journal"}},
	}
	for i := range pkgs {
		pkgs[i].Deps = pkgs[i].Imports
	}
	res := check(pkgs, known)
	if len(res.broken) > 0 {
		t.Errorf("want the known breaks excused, got %q", res.broken)
	}
	if res.excused[0] != 2 || res.excused[1] != 1 {
		t.Errorf("excused %v, want [2 1]", res.excused)
	}
	if res := check(pkgs, nil); len(res.broken) != 3 {
		t.Errorf("without known breaks, want 3 lines, got %q", res.broken)
	}
	report := []pkg{{ImportPath: "pipeline/report", Imports: []string{"pipeline/journal"}, Deps: []string{"pipeline/journal"}}}
	if res := check(report, known); len(res.broken) != 1 {
		t.Errorf("a break of metrics excuses report: got %q", res.broken)
	}
}
