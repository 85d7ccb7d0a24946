package output

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

func TestStyleFor(t *testing.T) {
	for _, tc := range []struct {
		mode     string
		terminal bool
		env      map[string]string
		want     bool
	}{
		{"auto", true, nil, true},
		{"auto", false, nil, false},
		{"auto", true, map[string]string{"NO_COLOR": "1"}, false},
		{"auto", true, map[string]string{"NO_COLOR": ""}, true},
		{"auto", true, map[string]string{"TERM": "dumb"}, false},
		{"auto", true, map[string]string{"GITHUB_ACTIONS": "true"}, false},
		{"auto", false, map[string]string{"GITHUB_ACTIONS": "true", "FORCE_COLOR": "1"}, true},
		{"auto", false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"auto", false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{"auto", true, map[string]string{"NO_COLOR": "1", "FORCE_COLOR": "1"}, false},
		{"always", false, map[string]string{"NO_COLOR": "1"}, true},
		{"never", true, map[string]string{"FORCE_COLOR": "1"}, false},
	} {
		style, err := StyleFor("text", tc.mode, false, tc.terminal, func(k string) string { return tc.env[k] })
		if err != nil || style.Color != tc.want {
			t.Errorf("--color %s, terminal %v, %v: colour %v (%v), want %v", tc.mode, tc.terminal, tc.env, style.Color, err, tc.want)
		}
	}
	if _, err := StyleFor("text", "sometimes", false, true, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "use auto, always or never") {
		t.Errorf("--color sometimes: %v", err)
	}
	if _, err := StyleFor("xml", "auto", false, true, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "use text, json or sarif") {
		t.Errorf("--format xml: %v", err)
	}
}

func TestTextColours(t *testing.T) {
	fs := []pipeline.Finding{
		{Path: "posts/a.md", Line: 1, Col: 1, Rule: "schema.date", Severity: pipeline.Error, Message: "bad"},
		{Path: "posts/a.md", Line: 2, Col: 1, Rule: "typo.fr.nbsp", Severity: pipeline.Warning, Message: "space"},
		{Path: "posts/a.md", Line: 3, Col: 1, Rule: "tone.words", Severity: pipeline.Suggestion, Message: "word"},
	}
	var plain, coloured, quiet strings.Builder
	if err := TextStyled(&plain, fs, 1, TextStyle{Lang: i18n.English}); err != nil {
		t.Fatal(err)
	}
	if err := TextStyled(&coloured, fs, 1, TextStyle{Lang: i18n.English, Color: true}); err != nil {
		t.Fatal(err)
	}
	if err := TextStyled(&quiet, fs, 1, TextStyle{Lang: i18n.English, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Errorf("escape codes without colour:\n%q", plain.String())
	}
	for _, want := range []string{
		"posts/a.md:1:1: \x1b[31;1merror\x1b[0;22m \x1b[2mschema.date\x1b[22m: bad\n",
		"posts/a.md:2:1: \x1b[33mwarning\x1b[0m \x1b[2mtypo.fr.nbsp\x1b[22m: space\n",
		"posts/a.md:3:1: \x1b[36msuggestion\x1b[0m \x1b[2mtone.words\x1b[22m: word\n",
		"\x1b[1m1 error, 1 warning, 1 suggestion in 1 file\x1b[22m\n",
	} {
		if !strings.Contains(coloured.String(), want) {
			t.Errorf("coloured report lacks %q:\n%q", want, coloured.String())
		}
	}
	if quiet.String() != strings.TrimSuffix(plain.String(), "1 error, 1 warning, 1 suggestion in 1 file\n") || strings.Contains(quiet.String(), " in 1 file") {
		t.Errorf("quiet report:\n%q", quiet.String())
	}
}
