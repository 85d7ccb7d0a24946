package report

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The rule of the room (doc.go): pipeline, pipeline/content,
// pipeline/render and the standard library; no file
// system of its own, no clock.
func TestImports(t *testing.T) {
	allowed := map[string]bool{
		"github.com/crieur/crieur/pipeline":         true,
		"github.com/crieur/crieur/pipeline/content": true,
		"github.com/crieur/crieur/pipeline/render":  true,
		"github.com/crieur/crieur/pipeline/i18n":    true,
	}
	forbidden := map[string]bool{"os": true, "io/fs": true, "path/filepath": true, "net/http": true, "os/exec": true}
	files, _ := filepath.Glob("*.go")
	clock := []string{"time.Now(", "time.Since(", "time.Until("}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range clock {
			if strings.Contains(string(src), c) {
				t.Errorf("%s reads the clock (%s): the caller passes the times", f, c)
			}
		}
		ast, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(strings.Split(p, "/")[0], ".") && !allowed[p] || forbidden[p] {
				t.Errorf("%s imports %s: report imports pipeline, pipeline/content, pipeline/render, pipeline/i18n and the standard library, without the file system", f, p)
			}
		}
	}
}
