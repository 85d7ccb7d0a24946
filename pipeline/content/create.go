package content

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/crieur/crieur/pipeline"
)

// NewPost is a post file to create (crieur new, crieur import): its path
// relative to the content root, its bytes, and the number of the
// spreadsheet row it was made from (0 when none; the header is row 1).
type NewPost struct {
	Path string
	Data []byte
	Row  int
}

// ExistsError says that a new post's path is taken, by a file or by
// another of the new posts.
type ExistsError struct {
	Post NewPost
}

func (e *ExistsError) Error() string { return e.Post.Path + " already exists" }

// CheckNew checks new posts before anything is written, so that they are
// created all or none: each must load as any post (its channels, media
// and dates checked against crieur.yml), and its path must be free. It
// returns the problems of the posts, a post made from a row saying the
// row's number, and stops at the first post whose path is taken with an
// *ExistsError.
func (r *Repo) CheckNew(posts []NewPost) ([]pipeline.Finding, error) {
	var problems []pipeline.Finding
	taken := map[string]bool{}
	for _, p := range posts {
		_, fs := r.ParsePost(p.Path, p.Data)
		for _, f := range fs {
			if p.Row > 0 {
				f.Message = fmt.Sprintf("row %d: %s", p.Row, f.Message)
			}
			problems = append(problems, f)
		}
		if _, err := os.Stat(r.Abs(p.Path)); err == nil || taken[p.Path] {
			return problems, &ExistsError{Post: p}
		}
		taken[p.Path] = true
	}
	return problems, nil
}

// CreatePost writes a new post file, and the folders it goes in. It never
// overwrites: a file already at its path is an *ExistsError.
func (r *Repo) CreatePost(p NewPost) error {
	abs := r.Abs(p.Path)
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(abs, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, os.ErrExist) {
		return &ExistsError{Post: p}
	}
	if err != nil {
		return err
	}
	_, err = f.Write(p.Data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
