package output

import (
	"bytes"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSARIFSchema validates the SARIF output against the official SARIF
// 2.1.0 JSON schema when SARIF_SCHEMA names a local copy of it
// (sarif-schema-2.1.0.json from github.com/oasis-tcs/sarif-spec). The
// schema is not vendored; TestSARIFForGitHub checks the structure always.
func TestSARIFSchema(t *testing.T) {
	path := os.Getenv("SARIF_SCHEMA")
	if path == "" {
		t.Skip("set SARIF_SCHEMA to a copy of sarif-schema-2.1.0.json to validate against it")
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
