package gitrepo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The index (.git/index) is the file a kill most often left unusable:
// go-git truncates it, then writes it. crieur writes it through
// safeStorage (beside, then renamed), stages with its own code, which
// reads the index once, adds every path and writes it once, and Open
// rebuilds an index it cannot read from HEAD (see repairIndex). Staging a
// path costs the path, not a status of the whole work tree as go-git's
// Worktree.Add does.

// stage puts the given files (relative to the work tree, with /) into the
// index as they are in the work tree, a missing file as removed, and
// reports whether the index now differs from HEAD for any of them.
func (r *Repo) stage(rels []string) (bool, error) {
	idx, err := r.git.Storer.Index()
	if err != nil {
		return false, fmt.Errorf("read the git index: %w", err)
	}
	for _, rel := range rels {
		if err := r.stageOne(idx, rel); err != nil {
			return false, err
		}
	}
	if err := r.writeIndex(idx); err != nil {
		return false, err
	}
	return r.differsFromHead(idx, rels)
}

// stageOne stages one file into idx: its content as a blob, its entry
// with the file's mode, size and time; a file that does not exist leaves
// the index (an error when it was not there either).
func (r *Repo) stageOne(idx *index.Index, rel string) error {
	abs := filepath.Join(r.Root, filepath.FromSlash(rel))
	info, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		if _, err := idx.Remove(rel); err != nil {
			return fmt.Errorf("git rm %s: %w", rel, err) // neither in the work tree nor in the index
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("git add %s: %w", rel, err)
	}
	mode, err := filemode.NewFromOSFileMode(info.Mode())
	if err != nil {
		return fmt.Errorf("git add %s: %w", rel, err)
	}
	h, err := r.writeBlob(abs, info)
	if err != nil {
		return fmt.Errorf("git add %s: %w", rel, err)
	}
	e, err := idx.Entry(rel)
	if errors.Is(err, index.ErrEntryNotFound) {
		e, err = idx.Add(rel), nil
	}
	if err != nil {
		return fmt.Errorf("git add %s: %w", rel, err)
	}
	e.Hash, e.Mode, e.ModifiedAt, e.Size = h, mode, info.ModTime(), uint32(info.Size())
	return nil
}

// writeBlob stores a file (or a symbolic link's target) as a blob.
func (r *Repo) writeBlob(abs string, info fs.FileInfo) (plumbing.Hash, error) {
	var data []byte
	var err error
	if info.Mode()&os.ModeSymlink != 0 {
		var target string
		target, err = os.Readlink(abs)
		data = []byte(filepath.ToSlash(target))
	} else {
		data, err = os.ReadFile(abs)
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	obj := r.git.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.git.Storer.SetEncodedObject(obj)
}

// differsFromHead says whether any of the paths is staged differently
// from HEAD: changed, added or removed.
func (r *Repo) differsFromHead(idx *index.Index, rels []string) (bool, error) {
	var tree *object.Tree
	if head, err := r.Head(); err != nil {
		return false, err
	} else if head != "" {
		c, err := r.commitObject(head)
		if err != nil {
			return false, err
		}
		if tree, err = c.Tree(); err != nil {
			return false, err
		}
	}
	for _, rel := range rels {
		e, err := idx.Entry(rel)
		inIndex := err == nil
		var te *object.TreeEntry
		if tree != nil {
			te, _ = tree.FindEntry(rel)
		}
		switch {
		case inIndex != (te != nil):
			return true, nil
		case inIndex && (e.Hash != te.Hash || e.Mode != te.Mode):
			return true, nil
		}
	}
	return false, nil
}

// gitDir is the folder of the repository's own files (.git).
func (r *Repo) gitDir() (string, error) {
	s, ok := r.git.Storer.(safeStorage)
	if !ok {
		return "", errors.New("the repository is not on disk")
	}
	return s.Filesystem().Root(), nil
}

// writeIndex replaces .git/index with idx in one rename (safeStorage).
func (r *Repo) writeIndex(idx *index.Index) error {
	if err := r.git.Storer.SetIndex(idx); err != nil {
		return fmt.Errorf("write the git index: %w", err)
	}
	return nil
}

// repairIndex rebuilds an index that cannot be read (a run killed while
// go-git or git wrote it) from HEAD's tree, and says what it did; "" when
// the index was sound. The work tree is not touched: what a killed run
// wrote there is kept, and committed by the next run that stages it.
func (r *Repo) repairIndex() (string, error) {
	_, readErr := r.git.Storer.Index()
	if readErr == nil {
		return "", nil
	}
	idx := &index.Index{Version: 2}
	head, err := r.Head()
	if err != nil {
		return "", fmt.Errorf("the git index cannot be read (%v) and neither can HEAD: %w", readErr, err)
	}
	if head != "" {
		c, err := r.commitObject(head)
		if err != nil {
			return "", err
		}
		files, err := c.Files()
		if err != nil {
			return "", err
		}
		err = files.ForEach(func(f *object.File) error {
			e := idx.Add(f.Name)
			e.Hash, e.Mode, e.Size = f.Hash, f.Mode, uint32(f.Size)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	if err := r.writeIndex(idx); err != nil {
		return "", err
	}
	return fmt.Sprintf("the git index could not be read (%v): rebuilt it from HEAD, the work tree is unchanged", readErr), nil
}

// tornBranch tells a branch whose file a killed run left empty (git and
// go-git truncate it, then write it) from the branch of an empty
// repository, which has no file: nil when HEAD's branch is not torn.
func (r *Repo) tornBranch() error {
	head, err := r.git.Storer.Reference(plumbing.HEAD)
	if err != nil || head.Type() != plumbing.SymbolicReference {
		return nil
	}
	dir, err := r.gitDir()
	if err != nil {
		return nil
	}
	name := head.Target().String()
	info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil || info.Size() > 0 {
		return nil
	}
	file := filepath.Join(dir, filepath.FromSlash(name))
	return fmt.Errorf("%s is empty (a run was killed while writing it): delete %s, then git update-ref %s <its last commit> (origin's when the last run pushed), or clone again", name, file, name)
}

// CanCommit checks, before anything is sent, that a commit will be
// possible: the index reads, HEAD resolves, and the repository's folder
// takes new files.
func (r *Repo) CanCommit() error {
	if _, err := r.git.Storer.Index(); err != nil {
		return fmt.Errorf("the git index cannot be read: %w", err)
	}
	if _, err := r.Head(); err != nil {
		return fmt.Errorf("HEAD cannot be read: %w", err)
	}
	dir, err := r.gitDir()
	if err != nil {
		return nil
	}
	f, err := os.CreateTemp(dir, "crieur-check-*")
	if err != nil {
		return fmt.Errorf("cannot write into %s: %w", dir, err)
	}
	_, err = io.WriteString(f, "crieur")
	f.Close()
	os.Remove(f.Name())
	if err != nil {
		return fmt.Errorf("cannot write into %s: %w", dir, err)
	}
	return nil
}
