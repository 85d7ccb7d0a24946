package i18n

import (
	"fmt"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n/template"
)

// braces is the catalogs' template language: {name} is the value of
// args["name"]. It is simpler than text/template for the people who
// translate ("{count} erreurs"), and what the rooms' data files wrote
// before they had catalogs.
type braces struct{}

var _ template.Parser = braces{}

func (braces) Cacheable() bool { return true }

func (braces) Parse(src, _, _ string) (template.ParsedTemplate, error) {
	return filled(src), nil
}

// filled is a message's text, filled on Execute.
type filled string

func (f filled) Execute(data any) (string, error) {
	args, _ := data.(Args)
	s := string(f)
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s, nil
	}
	return placeholderRE.ReplaceAllStringFunc(s, func(ph string) string {
		v, ok := args[ph[1:len(ph)-1]]
		if !ok {
			return ph
		}
		return fmt.Sprint(v)
	}), nil
}
