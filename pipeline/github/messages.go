package github

import (
	"embed"

	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what crieur writes on GitHub in its own words, in each reader's
// language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")
