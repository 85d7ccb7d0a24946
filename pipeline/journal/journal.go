// Package journal is the audit trail: one JSON object per line in
// journal/YYYY-MM.jsonl, appended and never rewritten, so that git history
// shows every publication, failure, recovery and retraction as an added
// line.
//
// Rule of the room: imports pipeline, pipeline/content and
// pipeline/render, besides the standard library; other rooms come in as
// interfaces and functions of its own. internal/archtest checks the
// imports.
package journal

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// Actions a record can hold.
const (
	Published = "published"
	Failed    = "failed"
	Recovered = "recovered" // an interrupted run had sent it; found and recorded
	Retracted = "retracted"
)

// Record is one line of the journal.
type Record struct {
	Time         time.Time `json:"time"`
	Action       string    `json:"action"`
	Post         string    `json:"post"`
	Channel      string    `json:"channel"`
	Network      string    `json:"network,omitempty"`
	Account      string    `json:"account,omitempty"`
	Key          string    `json:"key"`
	Occurrence   time.Time `json:"occurrence"`
	ContentHash  string    `json:"content_hash,omitempty"`
	RemoteID     string    `json:"remote_id,omitempty"`
	URL          string    `json:"url,omitempty"`
	Attempt      int       `json:"attempt,omitempty"`
	Error        string    `json:"error,omitempty"`
	SourceCommit string    `json:"source_commit,omitempty"`
	PullRequest  int       `json:"pull_request,omitempty"`
	Author       string    `json:"author,omitempty"`
	Approvers    []string  `json:"approvers,omitempty"`
}

// Provenance is where the version of a post that a record is about came
// from (pipeline's: the GitHub room finds it).
type Provenance = pipeline.Provenance

// Journal is the journal folder of a content repository.
type Journal struct {
	Dir string // absolute
}

// FileFor is the journal file of a record, relative to Dir.
func FileFor(t time.Time) string { return t.Format("2006-01") + ".jsonl" }

// Append writes records at the end of their month's file and syncs it to
// disk before returning, so that a record survives a killed process. It
// returns the files it wrote to.
func (j Journal) Append(recs ...Record) ([]string, error) {
	if err := os.MkdirAll(j.Dir, 0o755); err != nil {
		return nil, err
	}
	byFile := map[string][]Record{}
	for _, r := range recs {
		name := FileFor(r.Time)
		byFile[name] = append(byFile[name], r)
	}
	var files []string
	for name, rs := range byFile {
		path := filepath.Join(j.Dir, name)
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return files, err
		}
		w := bufio.NewWriter(f)
		for _, r := range rs {
			b, err := json.Marshal(r)
			if err != nil {
				f.Close()
				return files, err
			}
			w.Write(b)
			w.WriteByte('\n')
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return files, err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return files, err
		}
		if err := f.Close(); err != nil {
			return files, err
		}
		files = append(files, path)
	}
	sort.Strings(files)
	return files, nil
}

// Read returns every record, oldest file first, in file order. A line
// that is not a record is an error naming the file and line.
func (j Journal) Read() ([]Record, error) {
	entries, err := os.ReadDir(j.Dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Record
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".jsonl") {
			continue
		}
		recs, err := readFile(filepath.Join(j.Dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	return out, nil
}

func readFile(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var r Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: not a journal record: %v (restore the line from git history)", path, n, err)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}
