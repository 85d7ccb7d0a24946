package main

import (
	"bytes"
	"context"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline/i18n"
)

// Every message of cmd/crieur's catalog is in English, French and Dutch,
// with the same placeholders.
func TestCatalog(t *testing.T) {
	for _, p := range words.Problems() {
		t.Error(p)
	}
}

// Every command has its summary, and every flag of every command its
// help, in the catalog (command.NAME, flag.NAME.FLAG): the English one
// is the flag's usage in the Go code, word for word; the catalog has no
// summary or help of a command or flag that does not exist.
func TestCatalogCoversCommandsAndFlags(t *testing.T) {
	want := map[string]bool{}
	for _, c := range commands() {
		want["command."+c.name] = true
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.options().flags(fs)
		fs.VisitAll(func(f *flag.Flag) {
			id := "flag." + c.name + "." + f.Name
			want[id] = true
			if got := words.Text(i18n.English, id, nil); got != f.Usage {
				t.Errorf("%s in messages/en.yaml is\n  %q\nthe flag's usage in Go is\n  %q", id, got, f.Usage)
			}
		})
	}
	for id := range want {
		if !words.Has(id) {
			t.Errorf("messages/en.yaml has no %s", id)
		}
	}
	for _, id := range append(words.IDs("command."), words.IDs("flag.")...) {
		if !want[id] {
			t.Errorf("messages/en.yaml: %s is no command's or flag's", id)
		}
	}
}

// What cmd/crieur says goes through the catalog: every message id its
// code names exists, every message is said somewhere, and no string literal it prints, returns as an
// error or passes as a message holds words (crieur, [-C DIR], format
// verbs and --flag names aside). The sentinel errors are never printed;
// "push:" names the step that failed, as a flag's name would.
func TestNoLiteralMessages(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	sayers := map[string]int{"say": 0, "usagef": 0, "noArgs": 1, "pushOr": 0, "Text": 1, "Count": 1} // the id's argument
	printers := map[string]bool{"Fprintf": true, "Fprintln": true, "Fprint": true, "Errorf": true, "New": true, "Sprintf": true}
	named := map[string]bool{}
	neutral := regexp.MustCompile(`crieur( [a-z]+:)?|\[-C DIR\]|%[a-z]|--[a-z-]+`)
	word := regexp.MustCompile(`[A-Za-z]{3,}`)
	allowed := map[string]bool{"help requested": true, "findings at error level": true, "push: %w": true}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn := ""
			switch x := call.Fun.(type) {
			case *ast.Ident:
				fn = x.Name
			case *ast.SelectorExpr:
				fn = x.Sel.Name
			}
			for i, arg := range call.Args {
				lit, ok := arg.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				s, _ := strconv.Unquote(lit.Value)
				named[s] = true
				if at, ok := sayers[fn]; ok && at == i && s != "" && !words.Has(s) {
					t.Errorf("%s: %s(%q): no such message in messages/en.yaml", name, fn, s)
				}
				if printers[fn] && !allowed[s] && word.MatchString(neutral.ReplaceAllString(s, "")) {
					t.Errorf("%s: %s(%q): a message written in Go, not in the catalog", name, fn, s)
				}
			}
			return true
		})
	}
	// Ids the code makes: command.NAME, flag.NAME.FLAG, usage.flag.ID.
	for _, id := range words.IDs("") {
		if !named[id] && !strings.HasPrefix(id, "command.") && !strings.HasPrefix(id, "flag.") && !strings.HasPrefix(id, "usage.flag.") {
			t.Errorf("messages/en.yaml: %s is said nowhere", id)
		}
	}
}

// Usage errors, the flag package's among them, and the help's headings
// and flags are said in the reader's language.
func TestUsageInLanguages(t *testing.T) {
	for _, c := range []struct {
		lang   string
		args   []string
		stdout bool
		want   []string
	}{
		{"", []string{"lint", "--formt", "json"}, false, []string{"crieur lint: flag provided but not defined: -formt\n", "usage: crieur lint [--format"}},
		{"fr_BE.UTF-8", []string{"lint", "--formt", "json"}, false, []string{"crieur lint: option inconnue\u00a0: -formt\n", "utilisation\u00a0: crieur lint [--format"}},
		{"nl_BE.UTF-8", []string{"lint", "--formt", "json"}, false, []string{"crieur lint: onbekende optie: -formt\n", "gebruik: crieur lint [--format"}},
		{"fr_BE.UTF-8", []string{"publish", "--tries", "plenty"}, false, []string{"valeur \"plenty\" invalide pour l’option -tries\n"}},
		{"nl_BE.UTF-8", []string{"lnt"}, false, []string{"crieur: onbekend commando: \"lnt\"\n", "bedoelt u crieur lint?\n"}},
		{"fr_BE.UTF-8", []string{"completion", "tcsh"}, false, []string{"nommez le shell\u00a0: "}},
		{"fr_BE.UTF-8", []string{"metrics", "--help"}, true, []string{"Utilisation\u00a0:\n", "\nOptions\u00a0:\n", "  -window string\n    \trelever les publications plus récentes que cette durée (par exemple 7d, 30d, 90d, 72h) (par défaut\u00a0: \"30d\")\n"}},
		{"nl_BE.UTF-8", []string{"publish", "--help"}, true, []string{"Gebruik:\n", "\nOpties:\n", "  -timeout duration\n    \thoelang er gewacht wordt op het antwoord van een netwerk op één oproep (standaard: 1m0s)\n"}},
	} {
		var stdout, stderr bytes.Buffer
		env := map[string]string{"LANG": c.lang}
		run(context.Background(), append([]string{"-C", t.TempDir()}, c.args...), nil, &stdout, &stderr, func(k string) string { return env[k] })
		out := stderr.String()
		if c.stdout {
			out = stdout.String()
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("LANG=%s crieur %v: %q not in\n%s", c.lang, c.args, w, out)
			}
		}
	}
}

// The help's flags in English are what the flag package prints.
func TestHelpFlagsAsGoPrintsThem(t *testing.T) {
	for _, c := range commands() {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.options().flags(fs)
		var want bytes.Buffer
		fs.SetOutput(&want)
		fs.PrintDefaults()
		var stdout bytes.Buffer
		run(context.Background(), []string{c.name, "--help"}, nil, &stdout, os.Stderr, func(string) string { return "" })
		if !strings.HasSuffix(stdout.String(), want.String()) {
			t.Errorf("crieur %s --help ends with\n%s\nwant\n%s", c.name, stdout.String(), want.String())
		}
	}
}
