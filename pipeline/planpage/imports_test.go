package planpage

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestImports checks the rule of doc.go: pipeline, pipeline/content,
// pipeline/render and
// the standard library (the tests also build entries with
// calendar.Entries, as crieur plan does), and of the standard library
// nothing that reaches the file system, the network, other processes or
// the clock.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		"github.com/crieur/crieur/pipeline":         true,
		"github.com/crieur/crieur/pipeline/content": true,
		"github.com/crieur/crieur/pipeline/render":  true,
		"github.com/crieur/crieur/pipeline/i18n":    true,
	}
	testAllowed := map[string]bool{"github.com/crieur/crieur/pipeline/calendar": true}
	// The tests may read and write their golden files.
	forbidden := []string{"os", "io/fs", "io/ioutil", "path/filepath", "net", "syscall", "plugin", "unsafe", "runtime/cgo"}
	for _, imp := range pkg.Imports {
		if !std(imp) && !allowed[imp] {
			t.Errorf("planpage imports %s: doc.go allows pipeline, pipeline/content, pipeline/render and pipeline/i18n, besides the standard library", imp)
		}
	}
	for _, imp := range pkg.TestImports {
		if !std(imp) && !allowed[imp] && !testAllowed[imp] {
			t.Errorf("planpage's tests import %s: they may import pipeline, pipeline/content, pipeline/render, pipeline/i18n, pipeline/calendar and the standard library", imp)
		}
	}
	for _, imp := range pkg.Imports {
		for _, f := range forbidden {
			if imp == f || strings.HasPrefix(imp, f+"/") {
				t.Errorf("planpage imports %s: doc.go says it does no I/O of its own", imp)
			}
		}
	}

	// No clock: now is the caller's.
	fset := token.NewFileSet()
	for _, name := range pkg.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		timePkg := ""
		for _, is := range f.Imports {
			if p, _ := strconv.Unquote(is.Path.Value); p == "time" {
				timePkg = "time"
				if is.Name != nil {
					timePkg = is.Name.Name
				}
			}
		}
		if timePkg == "" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == timePkg {
				switch sel.Sel.Name {
				case "Now", "Since", "Until", "Local", "Sleep", "After", "Tick", "NewTimer", "NewTicker", "LoadLocation":
					t.Errorf("%s: time.%s: doc.go says planpage reads no clock and no zone database (callers pass now and the location)", fset.Position(sel.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
	}
}

// std tells a standard library path by its first element, which has no
// dot.
func std(imp string) bool { return !strings.Contains(strings.Split(imp, "/")[0], ".") }
