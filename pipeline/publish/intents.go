package publish

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// intent is written before a network call and kept until the run's
// commit: a run that finds one left over knows a delivery may have gone
// out without being recorded.
type intent struct {
	Key        string    `json:"key"`
	Post       string    `json:"post"`
	Channel    string    `json:"channel"`
	Occurrence time.Time `json:"occurrence"`
	Started    time.Time `json:"started"`
}

// intentLog is an append-only file, synced after each line.
type intentLog struct{ path string }

func (l intentLog) read() ([]intent, error) {
	f, err := os.Open(l.path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []intent
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var in intent
		if json.Unmarshal(sc.Bytes(), &in) == nil && in.Key != "" {
			out = append(out, in) // a torn last line (killed mid-write) is skipped
		}
	}
	return out, sc.Err()
}

func (l intentLog) add(in intent) error {
	if err := os.MkdirAll(filepath.Dir(l.path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(l.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(in)
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (l intentLog) clear() error {
	err := os.Remove(l.path)
	if os.IsNotExist(err) {
		return nil
	}
	return err
}
