package content

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/crieur/crieur/pipeline"
)

// Journal is the journal folder of a content repository: the audit trail,
// one pipeline.Record as a JSON object per line in YYYY-MM.jsonl
// (JournalFile), appended and never rewritten, so that git history shows
// every publication, failure, recovery and retraction as an added line.
type Journal struct {
	Dir string // absolute
	// Ledger holds the records of the ledger branch: Read gives them too,
	// once each (a record written both here and there is one record).
	Ledger []pipeline.Record
	// Deferred, when set, leaves Append's syncing to its Sync.
	Deferred *Deferred
}

// Append writes records at the end of their month's file and syncs it to
// disk before returning, so that a record survives a killed process. It
// returns the files it wrote to.
func (j Journal) Append(recs ...pipeline.Record) ([]string, error) {
	if err := os.MkdirAll(j.Dir, 0o755); err != nil {
		return nil, err
	}
	byFile := map[string][]pipeline.Record{}
	for _, r := range recs {
		name := JournalFile(r.Time)
		byFile[name] = append(byFile[name], r)
	}
	var files []string
	for name, rs := range byFile {
		path := filepath.Join(j.Dir, name)
		if err := appendRecords(path, rs, j.Deferred == nil); err != nil {
			return files, err
		}
		if j.Deferred != nil {
			j.Deferred.touch(path)
		}
		files = append(files, path)
	}
	sort.Strings(files)
	return files, nil
}

// appendRecords writes records at the end of one file, one a line, and
// syncs it when asked.
func appendRecords(path string, recs []pipeline.Record, sync bool) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			f.Close()
			return err
		}
		w.Write(b)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if sync {
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// Read returns every record, oldest file first, in file order. A line
// that is not a record is an error naming the file and line.
func (j Journal) Read() ([]pipeline.Record, error) {
	entries, err := os.ReadDir(j.Dir)
	if os.IsNotExist(err) {
		return pipeline.Union(nil, j.Ledger), nil
	}
	if err != nil {
		return nil, err
	}
	var out []pipeline.Record
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".jsonl") {
			continue
		}
		recs, err := readRecords(filepath.Join(j.Dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	if len(j.Ledger) > 0 {
		out = pipeline.Union(out, j.Ledger)
	}
	return out, nil
}

// readRecords reads one journal file.
func readRecords(path string) ([]pipeline.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return scanRecords(f, path)
}

// scanRecords reads journal lines; name says where they come from.
func scanRecords(f io.Reader, path string) ([]pipeline.Record, error) {
	var out []pipeline.Record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var r pipeline.Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: not a journal record: %v (restore the line from git history)", path, n, err)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}
