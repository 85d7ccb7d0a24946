package content

import (
	"embed"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what the loader says about a post, in each reader's language
// (messages/*.yaml). crieur.yml's own findings are still written here in
// English: they come before the team's language is known.
var say = i18n.MustLoad(catalog, "messages")

// lang is the language the loader speaks to the reader: Language when
// the caller set it (cmd/crieur: crieur.yml's language:, else the
// environment's), else crieur.yml's, else English.
func (r *Repo) lang() i18n.Lang {
	if r.Language != "" {
		return r.Language
	}
	if r.Config != nil {
		if l, ok := i18n.Parse(r.Config.Language); ok {
			return l
		}
	}
	return i18n.English
}

// text is message id of the catalog in the document's language.
func (d *yamlDoc) text(id string, args i18n.Args) string {
	return say.Text(d.lang, id, args)
}

// said adds a finding whose message and hint are id.message and id.hint.
func (d *yamlDoc) said(n *yaml.Node, rule, id string, args i18n.Args) {
	d.add(n, rule, d.text(id+".message", args), d.text(id+".hint", args))
}

// q quotes a value from the file the way the language does: "x" (as Go's
// %q, escapes included) in English, « x » in French.
func (d *yamlDoc) q(s string) string {
	return quoteIn(d.lang, s)
}

// quoteIn is s quoted the way l does.
func quoteIn(l i18n.Lang, s string) string {
	quoted := strconv.Quote(s)
	return say.Text(l, "quoted", i18n.Args{"text": quoted[1 : len(quoted)-1]})
}

// where names a place for a message: the front matter in the reader's
// language, a key as written.
func (d *yamlDoc) where(s string) string {
	if s == frontMatter {
		return d.text("front_matter", nil)
	}
	return s
}

// frontMatter is how the loader names a post's front matter in code.
const frontMatter = "the front matter"

// suggest is "did you mean x?" in the document's language, or "".
func (d *yamlDoc) suggest(word string, candidates []string) string {
	if s := pipeline.Suggest(word, candidates); s != "" {
		return d.text("did_you_mean", i18n.Args{"word": s})
	}
	return ""
}
