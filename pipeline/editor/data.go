package editor

import (
	"embed"

	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say speaks the reader's language: the titles of code actions and
// what hover shows.
var say = i18n.MustLoad(catalog, "messages")
