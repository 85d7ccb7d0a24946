package content

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(data) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("content %q, mode %v; want new, 0600 kept", data, st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestWriteStream(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "plan.ics")
	if err := WriteStream(p, func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Repeat("x", 10000))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if len(data) != 10000 || st.Mode().Perm() != 0o644 {
		t.Errorf("%d bytes, mode %v; want 10000, 0644 for a new file", len(data), st.Mode().Perm())
	}
	// A write that fails leaves the old file whole, and no temporary file.
	boom := errors.New("boom")
	err := WriteStream(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	data, _ = os.ReadFile(p)
	if !errors.Is(err, boom) || len(data) != 10000 {
		t.Errorf("error %v, %d bytes; want boom and the old file", err, len(data))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}
