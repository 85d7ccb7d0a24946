package spelling

import (
	"go/parser"
	gotoken "go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports checks the rule of doc.go.
func TestImports(t *testing.T) {
	allowed := map[string]bool{
		"github.com/crieur/crieur/pipeline":         true,
		"github.com/crieur/crieur/pipeline/content": true,
		"github.com/crieur/crieur/pipeline/render":  true,
		"github.com/crieur/crieur/linters/rule":     true,
		"gopkg.in/yaml.v3":                          true,
		"C":                                         true,
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(gotoken.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, spec := range f.Imports {
			path, _ := strconv.Unquote(spec.Path.Value)
			if !strings.Contains(strings.Split(path, "/")[0], ".") && path != "C" {
				continue // standard library
			}
			if !allowed[path] {
				t.Errorf("%s imports %s: spelling may import only pipeline, pipeline/content, pipeline/render, linters/rule and yaml.v3", name, path)
			}
		}
	}
}
