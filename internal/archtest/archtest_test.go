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
	goGit           = "github.com/go-git/" // go-git and its own modules (go-billy, gcfg)
	goGitHub        = "github.com/google/go-github/"
	goGitHubActions = "github.com/sethvargo/go-githubactions"
	netHTTP         = "net/http"

	domainRoom  = "pipeline"
	adaptersDir = "pipeline/channels"          // the registry; each adapter is a package under it
	httpRoom    = "pipeline/httpapi"           // the HTTP client every adapter shares
	sharedDir   = "pipeline/channels/internal" // a protocol several adapters speak (Meta's Graph API)
	gitRoom     = "pipeline/gitrepo"
	gitHubRoom  = "pipeline/github" // may not exist yet
	publishRoom = "pipeline/publish"
	lintersRoom = "linters"
	wiring      = "cmd/crieur"
	archtest    = "internal/archtest"
)

// A rule says which packages may not import what. Paths in the table are
// relative to the module (pipeline/content); third-party and standard
// library paths are written in full.
type rule struct {
	name string
	// applies picks the packages the rule constrains.
	applies func(pkg string) bool
	// transitive: the rule holds for everything the package depends on,
	// directly or through other packages (go list's Deps), not only for
	// what it imports itself. Rules about a room's own isolation are
	// transitive (a room cannot launder an import through another
	// package); rules that keep a library in one room are direct (the
	// wiring depends on every room, and so on every library).
	transitive bool
	// forbidden reports whether pkg may not import imp; imp is relative to
	// the module when it is one of ours.
	forbidden func(pkg, imp string) bool
}

// rules is "The house" of STYLE.md as import rules, one row per rule.
// A package breaks a row when it matches applies and imports (or, for a
// transitive row, depends on) a path that forbidden names.
var rules = []rule{
	{
		// The domain is types and pure functions: the standard library
		// only. (STYLE.md tolerates yaml/goldmark types "only if truly
		// needed"; none is needed today, so none is allowed.)
		name:       "pipeline (the root package) imports only the standard library",
		applies:    is(domainRoom),
		transitive: true,
		forbidden:  func(_, imp string) bool { return !isStd(imp) },
	},
	{
		// Adapters do not know about one another; an adapter that needs
		// something another one has asks pipeline for an interface.
		// The registry (pipeline/channels itself) imports every adapter,
		// so an adapter cannot import it either.
		name:       "an adapter (pipeline/channels/<network>) never imports another adapter, nor the registry",
		applies:    isAdapter,
		transitive: true,
		forbidden: func(pkg, imp string) bool {
			return under(adaptersDir)(imp) && !under(sharedDir)(imp) && adapterOf(imp) != adapterOf(pkg)
		},
	},
	{
		// An adapter is the domain, the shared HTTP client and the
		// standard library: no third-party client library, so that each
		// network's contract is in our code, tested against its fake or
		// its real server.
		name:    "an adapter imports only pipeline, pipeline/httpapi, pipeline/channels/internal/..., its own sub-packages and the standard library",
		applies: isAdapter,
		forbidden: func(pkg, imp string) bool {
			return (!isStd(imp) || isOurs(imp)) && imp != domainRoom && imp != httpRoom && !under(sharedDir)(imp) && adapterOf(imp) != adapterOf(pkg)
		},
	},
	{
		// What several adapters share is a protocol, not a network: it
		// never reaches into an adapter.
		name:       "pipeline/channels/internal/... imports only pipeline, pipeline/httpapi and the standard library",
		applies:    under(sharedDir),
		transitive: true,
		forbidden:  func(_, imp string) bool { return (!isStd(imp) || isOurs(imp)) && imp != domainRoom && imp != httpRoom },
	},
	{
		// The shared HTTP client knows no network.
		name:       "pipeline/httpapi imports only pipeline and the standard library",
		applies:    is(httpRoom),
		transitive: true,
		forbidden:  func(_, imp string) bool { return (!isStd(imp) || isOurs(imp)) && imp != domainRoom },
	},
	{
		// An adapter talks to its network over HTTP; git and GitHub are
		// other rooms.
		name:       "an adapter never imports go-git, go-github or go-githubactions",
		applies:    isAdapter,
		transitive: true,
		forbidden:  func(_, imp string) bool { return isGit(imp) || isGitHub(imp) },
	},
	{
		// Linters judge prose: no network, no git, no publishing. They
		// see posts through pipeline, pipeline/content and
		// pipeline/render, never through an adapter or the publisher.
		name:       "linters/... never imports net/http, go-git, go-github, an adapter, the publisher or the git room",
		applies:    under(lintersRoom),
		transitive: true,
		forbidden: func(_, imp string) bool {
			return under(netHTTP)(imp) ||
				isGit(imp) || isGitHub(imp) ||
				under(adaptersDir)(imp) || under(publishRoom)(imp) || under(gitRoom)(imp) || under(gitHubRoom)(imp)
		},
	},
	{
		// go-git lives in pipeline/gitrepo; the wiring builds it.
		name:      "only pipeline/gitrepo and cmd/crieur import go-git",
		applies:   not(anyOf(under(gitRoom), is(wiring))),
		forbidden: func(_, imp string) bool { return isGit(imp) },
	},
	{
		// go-github and go-githubactions live in pipeline/github (not
		// written yet); the wiring builds the clients.
		name:      "only pipeline/github and cmd/crieur import go-github or go-githubactions",
		applies:   not(anyOf(under(gitHubRoom), is(wiring))),
		forbidden: func(_, imp string) bool { return isGitHub(imp) },
	},
	{
		// One explicit registry lists the channel types (STYLE.md,
		// practice 4): the rest of the code reaches an adapter through
		// it, or is the wiring.
		name:      "only the registry (pipeline/channels) and cmd/crieur import an adapter",
		applies:   not(anyOf(is(adaptersDir), is(wiring), isAdapter)),
		forbidden: func(_, imp string) bool { return isAdapter(imp) },
	},
}

// allowed is each room's doc.go rule written as data: besides the
// standard library, the only imports (or import prefixes) a package may
// have. It replaces the per-package import tests the rooms used to carry.
var allowed = map[string][]string{
	"pipeline/render":   {"pipeline", "github.com/yuin/goldmark", "github.com/rivo/uniseg"},
	"pipeline/calendar": {"pipeline", "pipeline/content", "pipeline/render", "github.com/emersion/go-ical", "gopkg.in/yaml.v3"},
	"linters/output":    {"pipeline", "github.com/owenrumney/go-sarif/v2"},
	"linters/charte":    {"pipeline", "pipeline/content", "pipeline/render", "linters/rule", "gopkg.in/yaml.v3"},
	"linters/tone":      {"pipeline", "pipeline/content", "pipeline/render", "linters/rule", "gopkg.in/yaml.v3"},
	"linters/typo":      {"pipeline", "pipeline/content", "pipeline/render", "linters/rule", "gopkg.in/yaml.v3"},
	"linters/spelling":  {"pipeline", "pipeline/content", "pipeline/render", "linters/rule", "gopkg.in/yaml.v3", "C"},
	"linters/schedule":  {"pipeline", "pipeline/content", "pipeline/render", "linters/rule", "gopkg.in/yaml.v3"},
	"linters/grammar":   {"pipeline", "pipeline/content", "linters/rule"},
	"linters/core":      {"pipeline", "pipeline/content", "pipeline/render", "linters/rule"},
	"linters/rule":      {"pipeline", "pipeline/content"},
	"internal/testrepo": {"pipeline", "pipeline/content"},
	"pipeline/github":   {"pipeline", "github.com/google/go-github/v60", "github.com/sethvargo/go-githubactions"},
	"pipeline/planpage": {"pipeline", "pipeline/calendar", "pipeline/render"},
	"pipeline/report":   {"pipeline", "pipeline/content", "pipeline/journal", "pipeline/calendar", "pipeline/render"},
	"pipeline/metrics":  {"pipeline", "pipeline/journal"},
	"pipeline/journal":  {"pipeline"},
}

// allows reports whether a room's list admits an import: the same path,
// or a package below a third-party prefix (goldmark/ast).
func allows(list []string, imp string) bool {
	if isStd(imp) && imp != "C" {
		return true
	}
	for _, a := range list {
		if imp == a || strings.Contains(a, ".") && strings.HasPrefix(imp, a+"/") {
			return true
		}
	}
	return false
}

// layout rules are about which packages exist, not about imports.
var layout = []struct {
	name string
	bad  func(pkg string) bool
}{
	// main is wiring only: flags, environment, clients, exit codes. Logic
	// that wants a package of its own belongs in pipeline or linters.
	{"cmd/crieur contains no other package, and cmd/ holds only crieur", func(pkg string) bool {
		return under("cmd")(pkg) && pkg != wiring
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
// The shared protocol packages under pipeline/channels/internal are not
// adapters.
func isAdapter(pkg string) bool {
	return strings.HasPrefix(pkg, adaptersDir+"/") && !under(sharedDir)(pkg)
}

// adapterOf names the adapter a package belongs to: "outbox" for
// pipeline/channels/outbox and its sub-packages, "" for the registry.
func adapterOf(pkg string) string {
	rest, ok := strings.CutPrefix(pkg, adaptersDir+"/")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "/")
	return name
}

func isGit(imp string) bool { return strings.HasPrefix(imp, goGit) }

func isGitHub(imp string) bool {
	return strings.HasPrefix(imp, goGitHub) || imp == goGitHubActions || strings.HasPrefix(imp, goGitHubActions+"/")
}

// isStd tells a standard library path by its first element, which has no
// dot: the rule the go command itself uses for import paths.
// isOurs: a package of this module (written relative to it).
// The standard library has internal/ packages too: one of ours is a
// folder of this repository.
func isOurs(imp string) bool {
	if anyOf(under("pipeline"), under("linters"), under("cmd"), under("schemas"))(imp) {
		return true
	}
	st, err := os.Stat(filepath.Join("..", "..", filepath.FromSlash(imp)))
	return strings.HasPrefix(imp, "internal/") && err == nil && st.IsDir()
}

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

// check returns one line per broken rule, and how many packages each
// rule applied to. Package paths are relative to the module.
func check(pkgs []pkg) (broken []string, applied map[string]int) {
	applied = map[string]int{}
	for _, r := range rules {
		for _, p := range pkgs {
			if !r.applies(p.ImportPath) {
				continue
			}
			applied[r.name]++
			imports := p.Imports
			if r.transitive {
				imports = p.Deps
			}
			var direct, indirect []string
			for _, imp := range imports {
				switch {
				case !r.forbidden(p.ImportPath, imp):
				case contains(p.Imports, imp):
					direct = append(direct, imp)
				default:
					indirect = append(indirect, imp)
				}
			}
			// One line per package and rule, the direct imports first.
			switch {
			case len(direct) > 0:
				broken = append(broken, fmt.Sprintf("%s imports %s: %s", p.ImportPath, list(direct), r.name))
			case len(indirect) > 0:
				broken = append(broken, fmt.Sprintf("%s depends on %s through another package: %s", p.ImportPath, list(indirect), r.name))
			}
		}
	}
	for _, p := range pkgs {
		if list, ok := allowed[p.ImportPath]; ok {
			applied["allowed imports of "+p.ImportPath]++
			for _, imp := range p.Imports {
				if !allows(list, imp) {
					broken = append(broken, fmt.Sprintf("%s imports %s: its doc.go allows only %s and the standard library", p.ImportPath, imp, strings.Join(list, ", ")))
				}
			}
		}
		for _, l := range layout {
			if l.bad(p.ImportPath) {
				broken = append(broken, fmt.Sprintf("package %s: %s", p.ImportPath, l.name))
			}
		}
		// The archtest package is a test and nothing else.
		if contains(p.Imports, archtest) {
			broken = append(broken, fmt.Sprintf("%s imports %s: nothing imports archtest", p.ImportPath, archtest))
		}
	}
	sort.Strings(broken)
	return broken, applied
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

// TestHouse checks every package of the module against the rules.
func TestHouse(t *testing.T) {
	broken, applied := check(load(t))
	for _, b := range broken {
		t.Error(b)
	}
	// A rule that applies to nothing checks nothing: a room was renamed
	// and the table not updated.
	for _, r := range rules {
		if applied[r.name] == 0 {
			t.Errorf("rule %q applies to no package of the module", r.name)
		}
	}
	for room := range allowed {
		if applied["allowed imports of "+room] == 0 {
			t.Errorf("the allowed imports of %s name no package of the module", room)
		}
	}
	if t.Failed() {
		t.Log("the rules are STYLE.md's \"The house\"; see the table in internal/archtest/archtest_test.go")
	}
}

// TestRulesCatch feeds the checker made-up packages, one that breaks each
// rule and one that keeps it, so that no rule is a rule in name only.
func TestRulesCatch(t *testing.T) {
	tests := []struct {
		pkg     string
		imports []string // direct
		deps    []string // transitive, besides imports
		broken  string   // a rule (or layout rule) it must break, "" when it breaks none
	}{
		{"pipeline", []string{"time", "strings"}, nil, ""},
		{"pipeline", []string{"gopkg.in/yaml.v3"}, nil, "pipeline (the root package) imports only the standard library"},
		{"pipeline", []string{"time"}, []string{"github.com/yuin/goldmark"}, "pipeline (the root package) imports only the standard library"},

		{"pipeline/channels/mastodon", []string{"pipeline", "net/http"}, nil, ""},
		{"pipeline/channels/x", []string{"pipeline", "pipeline/httpapi", "crypto/hmac"}, nil, ""},
		{"pipeline/channels/x", []string{"github.com/dghubble/oauth1"}, nil, "an adapter imports only pipeline, pipeline/httpapi, pipeline/channels/internal/..., its own sub-packages and the standard library"},
		{"pipeline/channels/x", []string{"pipeline/render"}, nil, "an adapter imports only pipeline, pipeline/httpapi, pipeline/channels/internal/..., its own sub-packages and the standard library"},
		{"pipeline/httpapi", []string{"pipeline", "net/http"}, nil, ""},
		{"pipeline/channels/facebook", []string{"pipeline/channels/internal/graph"}, nil, ""},
		{"pipeline/channels/internal/graph", []string{"pipeline", "pipeline/httpapi"}, nil, ""},
		{"pipeline/channels/internal/graph", []string{"pipeline/channels/facebook"}, nil, "pipeline/channels/internal/... imports only pipeline, pipeline/httpapi and the standard library"},
		{"pipeline/httpapi", []string{"pipeline/content"}, nil, "pipeline/httpapi imports only pipeline and the standard library"},
		{"pipeline/channels/mastodon/internal/oauth", []string{"pipeline/channels/mastodon"}, nil, ""},
		{"pipeline/channels/mastodon", []string{"pipeline/channels/bluesky"}, nil, "an adapter (pipeline/channels/<network>) never imports another adapter, nor the registry"},
		{"pipeline/channels/mastodon", []string{"pipeline/util"}, []string{"pipeline/channels/bluesky/facets"}, "an adapter (pipeline/channels/<network>) never imports another adapter, nor the registry"},
		{"pipeline/channels/mastodon", []string{"pipeline/channels"}, nil, "an adapter (pipeline/channels/<network>) never imports another adapter, nor the registry"},
		{"pipeline/channels/slack", []string{"github.com/go-git/go-git/v5"}, nil, "an adapter never imports go-git, go-github or go-githubactions"},
		{"pipeline/channels/slack", []string{"github.com/google/go-github/v60/github"}, nil, "an adapter never imports go-git, go-github or go-githubactions"},

		{"linters/tone", []string{"pipeline", "pipeline/content", "pipeline/render", "net/url"}, nil, ""},
		{"linters/spelling", []string{"net/http"}, nil, "linters/... never imports net/http, go-git, go-github, an adapter, the publisher or the git room"},
		{"linters/spelling", []string{"net/http/httputil"}, nil, "linters/... never imports net/http, go-git, go-github, an adapter, the publisher or the git room"},
		{"linters", []string{"pipeline/publish"}, nil, "linters/... never imports net/http, go-git, go-github, an adapter, the publisher or the git room"},
		{"linters/core", []string{"pipeline/content"}, []string{"pipeline/gitrepo"}, "linters/... never imports net/http, go-git, go-github, an adapter, the publisher or the git room"},
		{"linters/output", []string{"pipeline/channels/outbox"}, nil, "linters/... never imports net/http, go-git, go-github, an adapter, the publisher or the git room"},

		{"pipeline/gitrepo", []string{"github.com/go-git/go-git/v5/plumbing"}, nil, ""},
		{"cmd/crieur", []string{"github.com/go-git/go-git/v5", "github.com/google/go-github/v60/github", "github.com/sethvargo/go-githubactions", "pipeline/channels/outbox"}, nil, ""},
		{"pipeline/publish", []string{"github.com/go-git/go-git/v5"}, nil, "only pipeline/gitrepo and cmd/crieur import go-git"},
		{"pipeline/publish", []string{"pipeline/gitrepo"}, []string{"github.com/go-git/go-git/v5"}, ""}, // through the room: fine
		{"pipeline/github", []string{"github.com/google/go-github/v60/github", "github.com/sethvargo/go-githubactions"}, nil, ""},
		{"pipeline/content", []string{"github.com/sethvargo/go-githubactions"}, nil, "only pipeline/github and cmd/crieur import go-github or go-githubactions"},
		{"pipeline/publish", []string{"pipeline/channels/outbox"}, nil, "only the registry (pipeline/channels) and cmd/crieur import an adapter"},
		{"pipeline/channels", []string{"pipeline/channels/outbox"}, nil, ""},

		{"pipeline/render", []string{"pipeline", "github.com/yuin/goldmark/ast", "unicode"}, nil, ""},
		{"linters/typo", []string{"github.com/yuin/goldmark"}, nil, "its doc.go allows only pipeline, pipeline/content, pipeline/render, linters/rule, gopkg.in/yaml.v3 and the standard library"},
		{"linters/grammar", []string{"C"}, nil, "its doc.go allows only pipeline, pipeline/content, linters/rule and the standard library"},
		{"linters/spelling", []string{"C", "linters/rule"}, nil, ""},

		{"cmd/crieur/internal/flags", nil, nil, "cmd/crieur contains no other package, and cmd/ holds only crieur"},
		{"cmd/other", nil, nil, "cmd/crieur contains no other package, and cmd/ holds only crieur"},
		{"pipeline/content", []string{"internal/archtest"}, nil, "nothing imports archtest"},
	}
	for _, tc := range tests {
		name := tc.pkg + " -> " + strings.Join(append(append([]string(nil), tc.imports...), tc.deps...), ",")
		t.Run(name, func(t *testing.T) {
			p := pkg{ImportPath: tc.pkg, Imports: tc.imports, Deps: append(append([]string(nil), tc.imports...), tc.deps...)}
			broken, _ := check([]pkg{p})
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
