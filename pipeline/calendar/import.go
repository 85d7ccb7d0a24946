package calendar

import (
	"io"
	"time"

	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/render"
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
		posts = append(posts, row.newPost(loc))
	}
	return posts, nil
}

// newPost is the post file the row makes, which content writes
// (content.Draft.NewPost); render reads the first line of the row's text
// when the file's name has to be made from it.
func (row Row) newPost(loc *time.Location) content.NewPost {
	post := row.Draft.NewPost(loc, render.FirstLine)
	post.Line = row.Line
	return post
}
