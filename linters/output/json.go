package output

import (
	"encoding/json"
	"io"

	"github.com/crieur/crieur/pipeline"
)

// jsonVersion is the version of the JSON document's shape. Bump it when a
// field changes meaning or goes away; adding a field does not bump it.
const jsonVersion = 1

type jsonReport struct {
	Version      int                `json:"version"`
	FilesChecked int                `json:"files_checked"`
	Summary      counts             `json:"summary"`
	Findings     []pipeline.Finding `json:"findings"`
}

// JSON writes the findings as one JSON document, indented by two spaces:
//
//	{"version": 1, "files_checked": 5,
//	 "summary": {"error": 3, "warning": 1, "suggestion": 0},
//	 "findings": [{"path": …, "line": …, "column": …, "rule": …, …}]}
//
// Findings are in reading order and always an array, empty when there are
// none. Each finding has the fields of pipeline.Finding's JSON tags.
func JSON(w io.Writer, fs []pipeline.Finding, filesChecked int) error {
	r := jsonReport{
		Version:      jsonVersion,
		FilesChecked: filesChecked,
		Summary:      count(fs),
		Findings:     sorted(fs),
	}
	if r.Findings == nil {
		r.Findings = []pipeline.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // hints quote <!-- crieur-disable … --> as is
	return enc.Encode(r)
}
