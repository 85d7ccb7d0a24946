package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/crieur/crieur/pipeline/i18n"
)

// MaxPostSize is the largest post file crieur reads: 1 MiB. The longest
// network limit is a few tens of thousands of characters (a LinkedIn
// article's 110,000 at most), so a post file that is not mostly notes or
// comments is far below; the cap keeps a file that is not a post (a log,
// an export, a binary pasted by mistake) from costing seconds and memory
// on every run.
const MaxPostSize = 1 << 20

// FileError says why a file of the repository cannot be read as a post or
// an image, and how to put it right: Msg and Hint in English, In in the
// reader's language.
type FileError struct {
	Msg  string
	Hint string
	id   string // the catalog's file.<id>
	args i18n.Args
}

func (e *FileError) Error() string { return e.Msg }

// fileError is the catalog's file.<id>, what ("a post", "an image")
// among its values.
func fileError(id, what string, args i18n.Args) *FileError {
	args["what"] = what
	e := &FileError{id: id, args: args}
	e.Msg, e.Hint = e.In(i18n.English)
	return e
}

// In is the error's message and hint in l.
func (e *FileError) In(l i18n.Lang) (msg, hint string) {
	if e.id == "" {
		return e.Msg, e.Hint
	}
	args := i18n.Args{}
	for k, v := range e.args {
		args[k] = v
		if s, ok := v.(string); ok && (k == "what" || k == "kind") {
			args[k] = say.Text(l, s, nil)
		}
	}
	return say.Text(l, "file."+e.id+".message", args), say.Text(l, "file."+e.id+".hint", args)
}

// whatID is the catalog's name of what a file is to be: "a post" is
// file.what.post.
func whatID(what string) string {
	switch what {
	case "a post":
		return "file.what.post"
	case "an image":
		return "file.what.image"
	}
	return what
}

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
		return nil, fileError("broken_link", whatID(what), i18n.Args{"path": rel})
	}
	root, err := r.realRoot()
	if err != nil {
		return nil, err
	}
	if real != root && !strings.HasPrefix(real, root+string(filepath.Separator)) {
		return nil, fileError("outside", whatID(what), i18n.Args{"path": rel, "target": real})
	}
	st := lst // not a link: what Lstat saw is the file itself
	if lst.Mode()&fs.ModeSymlink != 0 {
		if st, err = os.Stat(real); err != nil {
			return nil, err
		}
	}
	if kind := notRegular(st.Mode()); kind != "" {
		return nil, fileError("not_regular", whatID(what), i18n.Args{"path": rel, "kind": kind})
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

// notRegular names what a file that is not a regular file is (the
// catalog's file.kind.*); "" for a regular file.
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "file.kind.folder"
	case m&fs.ModeNamedPipe != 0:
		return "file.kind.fifo"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "file.kind.device"
	case m&fs.ModeSocket != 0:
		return "file.kind.socket"
	}
	return "file.kind.irregular"
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
	return fileError("too_big", "file.what.post", i18n.Args{"path": rel, "size": fmt.Sprintf("%.1f", float64(size)/(1<<20))})
}

// fileFinding is the message and hint of an error from ReadPost or
// RegularFile, in l.
func fileFinding(err error, l i18n.Lang) (string, string) {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.In(l)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return say.Text(l, "file.missing.message", nil), say.Text(l, "file.missing.hint", nil)
	}
	return err.Error(), ""
}
