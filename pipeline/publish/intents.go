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
	at := map[string]int{} // key -> its place in out
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var in intent
		if json.Unmarshal(sc.Bytes(), &in) != nil || in.Key == "" {
			continue // a torn line (a run killed mid-write) is skipped
		}
		if i, ok := at[in.Key]; ok {
			out[i] = in // the same delivery tried by two killed runs: the latest attempt counts, once
			continue
		}
		at[in.Key] = len(out)
		out = append(out, in)
	}
	return out, sc.Err()
}

// add appends intents, in one write synced to disk.
func (l intentLog) add(ins ...intent) error {
	if len(ins) == 0 {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(l.path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(l.path, os.O_APPEND|os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	var b []byte
	for _, in := range ins {
		line, _ := json.Marshal(in)
		b = append(append(b, line...), '\n')
	}
	torn, err := endsTorn(f)
	if err != nil {
		f.Close()
		return err
	}
	if torn {
		b = append([]byte{'\n'}, b...) // a killed run's torn line must not swallow this one
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// endsTorn says whether the file's last line lacks its newline.
func endsTorn(f *os.File) (bool, error) {
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return false, err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, info.Size()-1); err != nil {
		return false, err
	}
	return last[0] != '\n', nil
}

// keep rewrites the log with only the given intents (the deliveries a
// cancelled run left in flight), in one rename; none clears it.
func (l intentLog) keep(ins []intent) error {
	if len(ins) == 0 {
		return l.clear()
	}
	var b []byte
	for _, in := range ins {
		line, _ := json.Marshal(in)
		b = append(append(b, line...), '\n')
	}
	tmp := l.path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, l.path)
}

func (l intentLog) clear() error {
	err := os.Remove(l.path)
	if os.IsNotExist(err) {
		return nil
	}
	return err
}
