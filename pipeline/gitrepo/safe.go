package gitrepo

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// safeStorage is go-git's storage of a repository on disk, but for the
// two files a kill could leave unusable: go-git truncates the index and
// a branch's file, then writes them. safeStorage writes both beside and
// renames them into place, so a kill leaves the old version or the new
// one. Everything else (objects, packs, config) is go-git's.
type safeStorage struct {
	*filesystem.Storage
}

func (s safeStorage) SetIndex(idx *index.Index) error {
	return replaceFile(filepath.Join(s.Filesystem().Root(), "index"), func(w *bufio.Writer) error {
		return index.NewEncoder(w).Encode(idx)
	})
}

func (s safeStorage) SetReference(ref *plumbing.Reference) error {
	var line string
	switch ref.Type() {
	case plumbing.HashReference:
		line = ref.Hash().String() + "\n"
	case plumbing.SymbolicReference:
		line = "ref: " + ref.Target().String() + "\n"
	default:
		return s.Storage.SetReference(ref)
	}
	path := filepath.Join(s.Filesystem().Root(), filepath.FromSlash(ref.Name().String()))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return replaceFile(path, func(w *bufio.Writer) error {
		_, err := w.WriteString(line)
		return err
	})
}

// safe reopens a repository on disk over safeStorage; any other is kept.
func safe(r *git.Repository, wt *git.Worktree) (*git.Repository, error) {
	fs, ok := r.Storer.(*filesystem.Storage)
	if !ok {
		return r, nil
	}
	return git.Open(safeStorage{fs}, wt.Filesystem)
}

// replaceFile writes path with write, beside it then synced and renamed
// into place.
func replaceFile(path string, write func(*bufio.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".crieur-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails once renamed
	bw := bufio.NewWriter(tmp)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
