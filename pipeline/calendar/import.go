package calendar

import (
	"io"
	"time"

	"github.com/crieur/crieur/pipeline/content"
)

// Import reads a planning spreadsheet (name is for messages) into the post
// files to create, in the repository's zone loc; rows exported by crieur
// plan --csv for posts that exist are left out.
func Import(name string, r io.Reader, loc *time.Location) ([]content.NewPost, error) {
	rows, err := ReadCSV(name, r, loc)
	if err != nil {
		return nil, err
	}
	var posts []content.NewPost
	for _, row := range rows {
		if row.Path != "" {
			continue // an exported row of an existing post
		}
		rel, data := PostFile(row, loc)
		posts = append(posts, content.NewPost{Path: rel, Data: data, Line: row.Line})
	}
	return posts, nil
}
