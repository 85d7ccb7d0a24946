//go:build !linux

package content

import "os"

// readFile reads the regular file at path, seen size bytes long, up to
// MaxPostSize+1 bytes.
func readFile(path string, size int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, make([]byte, 0, size+1))
}
