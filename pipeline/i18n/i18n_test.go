package i18n

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{
		"fr": French, "FR": French, "fr-BE": French, "fr_BE.UTF-8": French, "nl_BE@euro": Dutch,
		"nl": Dutch, "en_GB.utf8": English, "en": English,
	} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "C", "POSIX", "de_DE.UTF-8", "french"} {
		if got, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %q, true; want false", in, got)
		}
	}
}

func TestFromEnv(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want Lang
	}{
		{nil, English},
		{map[string]string{"LANG": "fr_BE.UTF-8"}, French},
		{map[string]string{"LANG": "fr_BE.UTF-8", "LC_MESSAGES": "nl_BE.UTF-8"}, Dutch},
		{map[string]string{"LANG": "fr_BE.UTF-8", "LC_MESSAGES": "nl_BE", "LC_ALL": "en_US.UTF-8"}, English},
		// The first one set decides, even when crieur does not speak it.
		{map[string]string{"LANG": "fr_BE.UTF-8", "LC_ALL": "C"}, English},
		{map[string]string{"LANG": "de_DE.UTF-8"}, English},
	} {
		getenv := func(k string) string { return c.env[k] }
		if got := FromEnv(getenv); got != c.want {
			t.Errorf("FromEnv(%v) = %q, want %q", c.env, got, c.want)
		}
		if got := Choose(Dutch, getenv); got != Dutch {
			t.Errorf("Choose(nl, %v) = %q: the team's language comes first", c.env, got)
		}
	}
}

func TestCatalog(t *testing.T) {
	c, err := Load(os.DirFS("testdata"), "good")
	if err != nil {
		t.Fatal(err)
	}
	if p := c.Problems(); len(p) > 0 {
		t.Fatalf("problems in a good catalog: %q", p)
	}
	for _, tc := range []struct {
		got, want string
	}{
		{c.Text(French, "greeting", Args{"name": "Lyon"}), "bonjour Lyon"},
		{c.Text("", "greeting", Args{"name": "Lyon"}), "hello Lyon"},
		{c.Text(Dutch, "greeting", nil), "hallo {name}"},
		{c.Text(Dutch, "group.hint", Args{"key": "x"}), "typ x"},
		{c.Text(French, "nothing.here", nil), "nothing.here"},
		{c.Count(English, "errors", 1, nil), "1 error"},
		{c.Count(English, "errors", 0, nil), "0 errors"},
		{c.Count(French, "errors", 0, nil), "0 erreur"},
		{c.Count(French, "errors", 2, nil), "2 erreurs"},
		{c.Count(Dutch, "errors", 1, nil), "1 fout"},
		{c.Count(Dutch, "errors", 3, nil), "3 fouten"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if got := strings.Join(c.IDs("gr"), " "); got != "greeting group.hint" {
		t.Errorf("IDs(gr) = %q", got)
	}
	if !c.Has("group.hint") || c.Has("group") {
		t.Error("Has: group.hint is a message, group is not")
	}
}

func TestProblems(t *testing.T) {
	c, err := Load(os.DirFS("testdata"), "bad")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(c.Problems(), "\n")
	for _, want := range []string{
		"bad/fr.yaml: greeting has placeholders {nom}, English has {name}",
		"bad/nl.yaml: greeting (other) is empty",
		"bad/fr.yaml: only_english is missing",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Problems lack %q; got\n%s", want, got)
		}
	}
	if strings.Contains(got, "errors") {
		t.Errorf("a plural form may leave out {count}: %s", got)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(os.DirFS("testdata"), "none"); err == nil {
		t.Error("Load of a missing folder: no error")
	}
}

// TestLine: a folded message comes on one line, its no-break spaces kept.
func TestLine(t *testing.T) {
	c, err := Load(fstest.MapFS{
		"m/en.yaml": {Data: []byte("about: >-\n  one\n  two\n")},
		"m/fr.yaml": {Data: []byte("about: \"un\\n\\tdeux\u00a0: trois\u202f!\"\n")},
		"m/nl.yaml": {Data: []byte("about: \"  een   twee \"\n")},
	}, "m")
	if err != nil {
		t.Fatal(err)
	}
	for l, want := range map[Lang]string{English: "one two", French: "un deux\u00a0: trois\u202f!", Dutch: "een twee"} {
		if got := c.Line(l, "about", nil); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}

func TestForPage(t *testing.T) {
	for _, c := range []struct {
		flag, team, lang, want string
	}{
		{"en", "nl", "fr_BE.UTF-8", "en"},
		{"de", "", "", "de"}, // the page refuses it
		{"", "nl", "fr_BE.UTF-8", "nl"},
		{"", "", "nl_BE.UTF-8", "nl"},
		{"", "", "en_US.UTF-8", "en"},
		{"", "", "C.UTF-8", "fr"},
		{"", "", "", "fr"},
	} {
		getenv := func(k string) string {
			if k == "LANG" {
				return c.lang
			}
			return ""
		}
		if got := ForPage(c.flag, c.team, getenv); got != c.want {
			t.Errorf("ForPage(%q, %q, LANG=%q) = %q, want %q", c.flag, c.team, c.lang, got, c.want)
		}
	}
}

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"help/lint.txt":    {Data: []byte("Checks")},
		"help/fr/lint.txt": {Data: []byte("Vérifie")},
		"help/plan.txt":    {Data: []byte("Prints")},
	}
	for _, c := range []struct {
		name string
		lang Lang
		want string
	}{
		{"lint.txt", French, "Vérifie"}, {"lint.txt", English, "Checks"}, {"lint.txt", Dutch, "Checks"},
		{"plan.txt", French, "Prints"},
	} {
		if got, err := ReadFile(fsys, "help", c.name, c.lang); err != nil || string(got) != c.want {
			t.Errorf("ReadFile(%s, %s) = %q, %v; want %q", c.name, c.lang, got, err, c.want)
		}
	}
	if _, err := ReadFile(fsys, "help", "new.txt", French); err == nil {
		t.Error("ReadFile of a file in no language: no error")
	}
}

// WriteFlags writes what flag.PrintDefaults writes when help and value
// say it in English.
func TestWriteFlags(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.String("format", "text", "output `format`")
	fs.String("now", "", "the time")
	fs.Bool("dry-run", false, "print only")
	fs.Bool("on", true, "switched on")
	fs.Int("tries", 3, "how many tries")
	fs.Int("zero", 0, "none")
	fs.Duration("timeout", time.Minute, "how long")
	var want, got strings.Builder
	fs.SetOutput(&want)
	fs.PrintDefaults()
	WriteFlags(&got, fs, "Flags:", func(v string) string { return "(default " + v + ")" })
	if "Flags:\n"+want.String() != got.String() {
		t.Errorf("WriteFlags wrote\n%s\nflag.PrintDefaults writes\n%s", got.String(), want.String())
	}
	got.Reset()
	WriteFlags(&got, flag.NewFlagSet("none", flag.ContinueOnError), "Flags:", nil)
	if got.String() != "" {
		t.Errorf("without flags, WriteFlags wrote %q", got.String())
	}
}

// FlagError recognises every error FlagSet.Parse makes, with its parts;
// another error is not one.
func TestFlagError(t *testing.T) {
	for _, c := range []struct {
		args []string
		id   string
		want Args
	}{
		{[]string{"-formt", "json"}, "undefined", Args{"flag": "-formt"}},
		{[]string{"--format"}, "needs_value", Args{"flag": "-format"}},
		{[]string{"---format"}, "syntax", Args{"flag": "---format"}},
		{[]string{"-tries", "many"}, "invalid", Args{"flag": "-tries", "value": `"many"`}},
		{[]string{"-tries", "99999999999999999999"}, "out_of_range", Args{"flag": "-tries", "value": `"99999999999999999999"`}},
		{[]string{"-timeout", "soon"}, "invalid", Args{"flag": "-timeout", "value": `"soon"`}},
		{[]string{"-dry-run=maybe"}, "invalid_bool", Args{"flag": "-dry-run", "value": `"maybe"`}},
	} {
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.String("format", "text", "")
		fs.Int("tries", 3, "")
		fs.Duration("timeout", time.Minute, "")
		fs.Bool("dry-run", false, "")
		err := fs.Parse(c.args)
		id, args := FlagError(err)
		if id != c.id || fmt.Sprint(args) != fmt.Sprint(c.want) {
			t.Errorf("%v: %v read as %q %v; want %q %v", c.args, err, id, args, c.id, c.want)
		}
	}
	if id, args := FlagError(errors.New("flag: something else")); id != "any" || args["error"] != "flag: something else" {
		t.Errorf("another error read as %q %v", id, args)
	}
}
