//go:build !unix

package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// lock creates path exclusively, waiting up to wait for another run to
// remove it. Unlike flock, a killed run leaves the file behind: the error
// says to delete it.
func lock(path string, wait time.Duration) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) || time.Now().After(deadline) {
			return nil, fmt.Errorf("another crieur publish is running (delete %s if none is): %w", path, ErrBusy)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
