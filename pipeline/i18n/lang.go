package i18n

import (
	"io/fs"
	"path"
	"strings"
)

// Lang is a language crieur speaks, as a two-letter code.
type Lang string

// The languages crieur speaks; English is the default.
const (
	English Lang = "en"
	French  Lang = "fr"
	Dutch   Lang = "nl"
)

// Langs are the languages every catalog holds, English first.
var Langs = []Lang{English, French, Dutch}

// Parse reads a language as crieur.yml or a locale writes it: "fr",
// "FR", "fr-BE", "fr_BE.UTF-8", "nl_BE@euro". It reports false for a
// language crieur does not speak (and for "C" or "POSIX").
func Parse(s string) (Lang, bool) {
	code := strings.ToLower(s)
	if i := strings.IndexAny(code, "_-.@"); i >= 0 {
		code = code[:i]
	}
	for _, l := range Langs {
		if code == string(l) {
			return l, true
		}
	}
	return "", false
}

// FromEnv is the language of the environment's locale: the first of
// LC_ALL, LC_MESSAGES and LANG that is set decides, as in POSIX; English
// when it names a language crieur does not speak, or when none is set.
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if l, ok := Parse(v); ok {
			return l
		}
		return English
	}
	return English
}

// Choose is the language to speak: the team's (crieur.yml's language:)
// when it is set, else the environment's.
func Choose(team Lang, getenv func(string) string) Lang {
	if team != "" {
		return team
	}
	return FromEnv(getenv)
}

// ForPage is the language of a page the team reads and shares (the
// calendar page, the monthly report): the flag when it is given, as
// written (the page refuses a language it does not speak); else the
// team's (crieur.yml's language:); else the environment's when it names
// a language crieur speaks; else French, what those pages spoke before
// they spoke others. CI runners' C.UTF-8 thus keeps them French.
func ForPage(flag, team string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
	if l, ok := Parse(team); ok {
		return string(l)
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if l, ok := Parse(v); ok {
				return string(l)
			}
			break
		}
	}
	return string(French)
}

// ReadFile reads dir/<lang>/name from fsys, else dir/name: a text kept
// in English with its translations beside it (the CLI's help).
func ReadFile(fsys fs.FS, dir, name string, lang Lang) ([]byte, error) {
	if b, err := fs.ReadFile(fsys, path.Join(dir, string(lang), name)); err == nil {
		return b, nil
	}
	return fs.ReadFile(fsys, path.Join(dir, name))
}
