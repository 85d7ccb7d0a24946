package content

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
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
	tmp, err := os.CreateTemp(filepath.Dir(path), ".crieur-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is nothing left to remove
	if err := writeSynced(tmp, write); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
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

// writeSynced runs write through a buffer and syncs the file to disk.
func writeSynced(f *os.File, write func(io.Writer) error) error {
	b := bufio.NewWriter(f)
	if err := write(b); err != nil {
		return err
	}
	if err := b.Flush(); err != nil {
		return err
	}
	return f.Sync()
}
