package metrics

import (
	"embed"

	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what crieur metrics says, in each reader's language
// (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")
