package typo_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports checks the rule of the room (doc.go): besides the standard
// library, pipeline, pipeline/content, pipeline/render, linters/rule and
// yaml.v3 for the data file.
func TestImports(t *testing.T) {
	allowed := map[string]bool{
		"github.com/crieur/crieur/pipeline":         true,
		"github.com/crieur/crieur/pipeline/content": true,
		"github.com/crieur/crieur/pipeline/render":  true,
		"github.com/crieur/crieur/linters/rule":     true,
		"gopkg.in/yaml.v3":                          true,
	}
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, spec := range f.Imports {
			path, _ := strconv.Unquote(spec.Path.Value)
			if strings.Contains(strings.SplitN(path, "/", 2)[0], ".") && !allowed[path] {
				t.Errorf("%s imports %s, outside the rule of the room", name, path)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no source file found")
	}
}
