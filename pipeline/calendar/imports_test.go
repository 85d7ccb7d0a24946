package calendar

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports checks the rule of doc.go: pipeline, go-ical, yaml.v3 and
// the standard library, nothing else.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		"github.com/crieur/crieur/pipeline": true,
		"github.com/emersion/go-ical":       true,
		"gopkg.in/yaml.v3":                  true,
	}
	for _, imports := range [][]string{pkg.Imports, pkg.TestImports} {
		for _, imp := range imports {
			std := !strings.Contains(strings.Split(imp, "/")[0], ".")
			if !std && !allowed[imp] {
				t.Errorf("calendar imports %s: doc.go allows pipeline, go-ical, yaml.v3 and the standard library", imp)
			}
		}
	}
}
