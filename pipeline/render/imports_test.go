package render

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports checks the rule of doc.go: besides the standard library,
// render imports pipeline, goldmark and uniseg only.
func TestImports(t *testing.T) {
	allowed := []string{
		"github.com/crieur/crieur/pipeline",
		"github.com/yuin/goldmark",
		"github.com/rivo/uniseg",
	}
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
			if !strings.Contains(strings.Split(path, "/")[0], ".") {
				continue // standard library
			}
			ok := false
			for _, a := range allowed {
				if path == a || strings.HasPrefix(path, a+"/") && a != allowed[0] {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s imports %s: render may import only pipeline, goldmark and uniseg", name, path)
			}
		}
	}
}
