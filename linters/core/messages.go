package core

import (
	"embed"
	"strings"

	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what the core rules say, in each language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// describe is the English description of a rule id (about.<id>).
func describe(id string) string {
	return say.Text(i18n.English, "about."+id, nil)
}

// unitID names in the catalog (unit.<id>) what a network counts, as
// pipeline.Counting.Unit says it.
func unitID(unit string) string {
	switch unit {
	case "weighted characters":
		return "weighted"
	case "UTF-16 code units":
		return "utf16"
	}
	return strings.ReplaceAll(unit, " ", "_")
}

// Describe says rule id in l (rule.Described).
func (Length) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}

// Describe says rule id in l (rule.Described).
func (Media) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}

// Describe says rule id in l (rule.Described).
func (PastDue) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}

// Describe says rule id in l (rule.Described).
func (Draft) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}

// Describe says rule id in l (rule.Described).
func (Replaces) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}

// Describe says rule id in l (rule.Described).
func (Frozen) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}

// Describe says rule id in l (rule.Described).
func (Body) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}
