package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxPostSize is the largest post file crieur reads: 1 MiB. The longest
// network limit is a few tens of thousands of characters (a LinkedIn
// article's 110,000 at most), so a post file that is not mostly notes or
// comments is far below; the cap keeps a file that is not a post (a log,
// an export, a binary pasted by mistake) from costing seconds and memory
// on every run.
const MaxPostSize = 1 << 20

// FileError says why a file of the repository cannot be read as a post or
// an image, and how to put it right.
type FileError struct {
	Msg  string
	Hint string
}

func (e *FileError) Error() string { return e.Msg }

// RegularFile checks that rel (from the content root) names a regular file
// inside the repository: every symbolic link on its way resolved and
// checked to stay inside, folders, named pipes, devices and sockets
// refused. It reads nothing, and never opens the file: opening a named
// pipe blocks until someone writes to it. A missing file is the error of
// os.Stat (errors.Is(err, fs.ErrNotExist)). what names the file in hints:
// "a post", "an image".
func (r *Repo) RegularFile(rel, what string) (fs.FileInfo, error) {
	full := r.Abs(rel)
	lst, err := os.Lstat(full)
	if err != nil {
		return nil, err
	}
	real, err := r.realPath(full, lst.Mode()&fs.ModeSymlink != 0)
	if err != nil {
		return nil, &FileError{fmt.Sprintf("%s is a symbolic link to a file that does not exist", rel),
			"commit " + what + " itself, not a link to it"}
	}
	root, err := r.realRoot()
	if err != nil {
		return nil, err
	}
	if real != root && !strings.HasPrefix(real, root+string(filepath.Separator)) {
		return nil, &FileError{fmt.Sprintf("%s is a symbolic link to %s, outside the repository", rel, real),
			"copy the file into the repository instead of linking to it: crieur reads only what is committed"}
	}
	st := lst // not a link: what Lstat saw is the file itself
	if lst.Mode()&fs.ModeSymlink != 0 {
		if st, err = os.Stat(real); err != nil {
			return nil, err
		}
	}
	if kind := notRegular(st.Mode()); kind != "" {
		return nil, &FileError{fmt.Sprintf("%s is %s, not a file", rel, kind),
			what + " must be a regular file of the repository: remove " + rel + " or replace it with the file"}
	}
	return st, nil
}

// realPath is full with its symbolic links resolved (filepath.EvalSymlinks).
// When full is not itself a link (link false), its folder's resolution
// is remembered: ten thousand posts live in a few dozen folders, and
// resolving every path anew costs a system call per folder of the path.
func (r *Repo) realPath(full string, link bool) (string, error) {
	if link {
		return filepath.EvalSymlinks(full)
	}
	dir, base := filepath.Split(full)
	if real, ok := r.realDirs.Load(dir); ok {
		return filepath.Join(real.(string), base), nil
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	r.realDirs.Store(dir, real)
	return filepath.Join(real, base), nil
}

// notRegular names what a file that is not a regular file is; "" for a
// regular file.
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// ReadPost reads a post file (rel from the content root): a regular file
// inside the repository of at most MaxPostSize bytes. Its errors are a
// *FileError, or the os error of a file that does not exist.
func (r *Repo) ReadPost(rel string) ([]byte, error) {
	st, err := r.RegularFile(rel, "a post")
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxPostSize {
		return nil, tooBig(rel, st.Size())
	}
	src, err := readFile(r.Abs(rel), st.Size())
	if err != nil {
		return nil, err
	}
	if len(src) > MaxPostSize { // it grew since it was looked at
		return nil, tooBig(rel, int64(len(src)))
	}
	return src, nil
}

// readAll appends what r holds to buf until the end, as io.ReadAll does,
// MaxPostSize+1 bytes at most.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	r = io.LimitReader(r, MaxPostSize+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // let append grow it
		}
	}
}

func tooBig(rel string, size int64) error {
	return &FileError{fmt.Sprintf("%s weighs %.1f MiB: crieur reads posts of 1 MiB at most", rel, float64(size)/(1<<20)),
		"a post is a few thousand characters: keep notes, exports and data outside posts/, and split a long text into several posts or a thread"}
}

// fileFinding is the message and hint of an error from ReadPost or
// RegularFile.
func fileFinding(err error) (string, string) {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Msg, fe.Hint
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "the file does not exist", "check the path, from the repository root"
	}
	return err.Error(), ""
}
