package content

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// WriteFile replaces a file atomically: the data goes to a temporary file
// in the same folder, synced, then renamed over the old one, so a killed
// process never leaves half a post. The file keeps its permissions.
func WriteFile(path string, data []byte) error {
	return WriteStream(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteStream is WriteFile for a file written as it is made (a calendar,
// a report): write gets the temporary file, buffered. When write fails,
// the old file is left as it was and nothing else remains. A new file is
// made readable by all (0644).
func WriteStream(path string, write func(io.Writer) error) error {
	return replace(path, write, true)
}

// replace writes path beside it with write, through a buffer, synced to
// disk when sync says so, then renames it into place with the old file's
// permissions (0644 for a new one).
func replace(path string, write func(io.Writer) error, sync bool) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".crieur-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is nothing left to remove
	b := bufio.NewWriter(tmp)
	err = write(b)
	if err == nil {
		err = b.Flush()
	}
	if err == nil && sync {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode()
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Deferred writes files atomically, as WriteFile does, without waiting
// for the disk each time; Sync then makes every file it wrote durable at
// once. A run that writes many files (publish: a post and a journal line
// per delivery) pays for the disk once instead of twice a delivery.
// Until Sync, a killed process loses nothing (the data is the kernel's);
// only a machine that loses its power may, which is why publish claims
// each delivery before sending it and syncs before it lets the claims go.
type Deferred struct {
	mu    sync.Mutex
	paths map[string]bool
}

// WriteFile replaces path with data, atomically, not yet synced.
func (d *Deferred) WriteFile(path string, data []byte) error {
	if err := replace(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, false); err != nil {
		return err
	}
	d.touch(path)
	return nil
}

func (d *Deferred) touch(path string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.paths == nil {
		d.paths = map[string]bool{}
	}
	d.paths[path] = true
}

// Sync makes every file written since the last Sync durable, with the
// folders that hold them (the renames).
func (d *Deferred) Sync() error {
	d.mu.Lock()
	paths := d.paths
	d.paths = nil
	d.mu.Unlock()
	if len(paths) == 0 {
		return nil
	}
	list := make([]string, 0, len(paths))
	for p := range paths {
		list = append(list, p)
	}
	sort.Strings(list)
	return syncAll(list)
}

// syncEach syncs each file and each folder holding one: what syncAll
// does where the system cannot sync a whole file system at once.
func syncEach(paths []string) error {
	dirs := map[string]bool{}
	for _, p := range paths {
		dirs[filepath.Dir(p)] = true
		if err := syncPath(p); err != nil {
			return err
		}
	}
	for dir := range dirs {
		if err := syncPath(dir); err != nil {
			return err
		}
	}
	return nil
}

func syncPath(p string) error {
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		return nil // written, then removed: nothing to keep
	}
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// WriteOut writes a file named on the command line, relative to dir when
// it is not absolute, through a temporary file (a failure never leaves
// half a calendar behind), its folder made if needed; "-" writes to
// stdout. It returns the path written ("" for stdout).
func WriteOut(dir, name string, stdout io.Writer, write func(io.Writer) error) (string, error) {
	if name == "-" {
		return "", write(stdout)
	}
	if !filepath.IsAbs(name) {
		name = filepath.Join(dir, name)
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return "", err
	}
	if err := WriteStream(name, write); err != nil {
		return "", err
	}
	return name, nil
}
