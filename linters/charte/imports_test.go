package charte

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports checks the rule of doc.go: besides the standard library,
// charte imports pipeline, pipeline/content, pipeline/render, linters/rule
// and yaml.v3.
func TestImports(t *testing.T) {
	allowed := map[string]bool{
		"github.com/crieur/crieur/pipeline":         true,
		"github.com/crieur/crieur/pipeline/content": true,
		"github.com/crieur/crieur/pipeline/render":  true,
		"github.com/crieur/crieur/linters/rule":     true,
		"gopkg.in/yaml.v3":                          true,
	}
	forbidden := []string{"net/http"}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, spec := range f.Imports {
			path, _ := strconv.Unquote(spec.Path.Value)
			for _, bad := range forbidden {
				if path == bad || strings.HasPrefix(path, bad+"/") {
					t.Errorf("%s imports %s", name, path)
				}
			}
			if strings.Contains(strings.Split(path, "/")[0], ".") && !allowed[path] {
				t.Errorf("%s imports %s: charte may import only pipeline, pipeline/content, pipeline/render, linters/rule and yaml.v3", name, path)
			}
		}
	}
}
