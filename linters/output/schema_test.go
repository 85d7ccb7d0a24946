package output

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/crieur/crieur/internal/reference"
)

// TestSARIFSchema validates the SARIF output against the official SARIF
// 2.1.0 JSON schema (2.1.0-rtm.5), as @microsoft/jest-sarif ships it
// from the npm registry: scripts/deps.sh --tests installs it beside the
// other reference packages (internal/reference). SARIF_SCHEMA may name
// another copy (sarif-schema-2.1.0.json from oasis-tcs/sarif-spec).
// Without node, and so without the package, the test says so and skips.
func TestSARIFSchema(t *testing.T) {
	path := os.Getenv("SARIF_SCHEMA")
	if path == "" {
		path = filepath.Join(reference.Dir(), "node_modules", "@microsoft", "jest-sarif", "lib", "schemas", "sarif-2.1.0-rtm.5.json")
		if _, err := os.Stat(path); err != nil {
			if _, nerr := exec.LookPath("node"); nerr != nil {
				t.Skip("node is not installed, nor the SARIF schema with it: scripts/deps.sh --tests installs both")
			}
			t.Fatalf("the SARIF schema is not installed (%v): run scripts/deps.sh --tests", err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		var b bytes.Buffer
		if err := SARIF(&b, c.findings, infos, "1.2.3"); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(&b)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
