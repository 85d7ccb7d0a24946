// Package schemas holds the JSON Schemas (draft 2020-12) of the files a
// content repository keeps: a post's front matter, crieur.yml and
// charte.yml. Editors use them to complete and check those files (VS
// Code's YAML extension reads them through a "# yaml-language-server:
// $schema=" line or the yaml.schemas setting); FS exposes them to Go code.
//
// The schemas stay within the keywords draft-07 tools understand as well
// ($defs is reached by JSON pointer), since VS Code's YAML extension
// validates with draft-07 semantics. The loader in pipeline/content
// remains the authority: it says more precisely what is wrong and where.
// The schemas accept exactly what it accepts, save what a schema cannot
// know (the channels and brands crieur.yml declares, whether a file
// exists, a local time the clocks skip, two values compared):
// agree_test.go runs both on the same files and fails on a difference.
// The timezone enum is the list of Go's tzdata (lib/time/zoneinfo.zip).
//
// Rule of the room: data, not a room of the house; imports the standard
// library only. internal/archtest checks the imports.
package schemas

import "embed"

// FS holds the schema files, by file name.
//
//go:embed *.json
var FS embed.FS

// The schema files in FS.
const (
	Post    = "post.schema.json"
	Config  = "crieur.schema.json"
	Charter = "charte.schema.json"
)
