package metrics

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/crieur/crieur/pipeline"
)

// The columns before the metrics, in the order of a new file.
const (
	colTime    = "time"
	colPost    = "post"
	colChannel = "channel"
	colNetwork = "network"
	colID      = "id"
)

// Header returns the header of a new metrics file: the five columns that
// say which publication was read and when, then pipeline.Metrics.
func Header() []string {
	h := []string{colTime, colPost, colChannel, colNetwork, colID}
	for _, m := range pipeline.Metrics {
		h = append(h, string(m))
	}
	return h
}

// hint is what to do about a damaged row: the files are appended by runs
// and kept in git, so the last good version of a line is in its history.
const hint = "restore the line from git history: git log -p -- "

// Store is the metrics folder of a content repository.
type Store struct {
	Dir string // absolute
}

// FileFor is the name of the file, relative to Dir, of a reading at t: the
// month of t in UTC.
func FileFor(t time.Time) string { return t.UTC().Format("2006-01") + ".csv" }

// RowError is what is wrong with one line of a metrics file, or with one
// cell of it when Cell is not 0.
type RowError struct {
	File   string
	Line   int    // 1-based line of the file
	Cell   int    // 1-based number of the cell in its row (not a character), 0 for the whole line
	Column string // the header's name of the cell, when known
	Msg    string
	Hint   string
}

func (e *RowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d", e.File, e.Line)
	if e.Cell > 0 {
		fmt.Fprintf(&b, ":%d", e.Cell)
	}
	b.WriteString(": ")
	if e.Column != "" {
		b.WriteString("column " + e.Column + ": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (" + e.Hint + ")")
	}
	return b.String()
}

// Append writes readings at the end of the file of their month, after a
// header when the file is new, and syncs each file to disk before
// returning, so that a reading survives a killed process. A file that
// already exists keeps its own header: its rows are written in its
// columns, and a metric it has no column for is left out of that month.
// Sub-second precision of the times is dropped (RFC 3339, UTC).
// Append returns the files it wrote to, sorted. A reading without time,
// post, channel or id, with a metric crieur does not know or a negative
// count is refused before anything is written.
func (s Store) Append(readings ...pipeline.Reading) ([]string, error) {
	for i, r := range readings {
		if err := check(r); err != nil {
			return nil, fmt.Errorf("metrics: reading %d (%s on %s): %w", i+1, r.Post, r.Channel, err)
		}
	}
	if len(readings) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	byFile := map[string][]pipeline.Reading{}
	for _, r := range readings {
		name := FileFor(r.Time)
		byFile[name] = append(byFile[name], r)
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	sort.Strings(names)
	var files []string
	for _, name := range names {
		path := filepath.Join(s.Dir, name)
		if err := appendFile(path, byFile[name]); err != nil {
			return files, fmt.Errorf("metrics: append to %s: %w", path, err)
		}
		files = append(files, path)
	}
	return files, nil
}

// check refuses a reading that could not be read back as it is.
func check(r pipeline.Reading) error {
	if r.Time.IsZero() {
		return errors.New("no time")
	}
	if y := r.Time.UTC().Year(); y < 1 || y > 9999 {
		return fmt.Errorf("time %s is out of the years 1 to 9999 that RFC 3339 can write", r.Time)
	}
	for _, f := range []struct{ name, v string }{{colPost, r.Post}, {colChannel, r.Channel}, {colID, r.ID}, {colNetwork, r.Network}} {
		if f.v == "" && f.name != colNetwork {
			return fmt.Errorf("no %s", f.name)
		}
		if strings.IndexFunc(f.v, unicode.IsControl) >= 0 {
			return fmt.Errorf("%s %q has a control character", f.name, f.v)
		}
	}
	for m, v := range r.Engagement {
		if metricIndex(string(m)) < 0 {
			return fmt.Errorf("unknown metric %q (crieur records %s)", m, strings.Join(Header()[5:], ", "))
		}
		if v < 0 {
			return fmt.Errorf("%s is negative (%d)", m, v)
		}
	}
	return nil
}

func appendFile(path string, rs []pipeline.Reading) (err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	l, newline, err := existing(f, path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if newline {
		w.WriteByte('\n') // a last line cut short stays on its own line, where Read names it
	}
	header := l == nil
	if header {
		l, _ = parseHeader(path, Header(), nil)
	}
	if err := writeRows(w, l, header, rs); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Sync()
}

// existing reads the layout of a file that has content (nil for a new or
// empty file) and whether its last line lacks its newline.
func existing(f *os.File, path string) (*layout, bool, error) {
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return nil, false, err
	}
	cr := csv.NewReader(io.NewSectionReader(f, 0, st.Size()))
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, false, nil // only blank lines
	}
	if err != nil {
		return nil, false, csvError(path, err)
	}
	l, err := parseHeader(path, rec, func(int) int { return 1 })
	if err != nil {
		return nil, false, err
	}
	var last [1]byte
	if _, err := f.ReadAt(last[:], st.Size()-1); err != nil {
		return nil, false, err
	}
	return l, last[0] != '\n', nil
}

// writeRows writes readings as CSV rows in a layout's columns, after its
// header when asked.
func writeRows(w io.Writer, l *layout, header bool, rs []pipeline.Reading) error {
	cw := csv.NewWriter(w)
	if header {
		cw.Write(l.names)
	}
	row := make([]string, len(l.kinds))
	for _, r := range rs {
		for i, k := range l.kinds {
			switch k {
			case fieldTime:
				row[i] = r.Time.UTC().Format(time.RFC3339)
			case fieldPost:
				row[i] = r.Post
			case fieldChannel:
				row[i] = r.Channel
			case fieldNetwork:
				row[i] = r.Network
			case fieldID:
				row[i] = r.ID
			case fieldUnknown:
				row[i] = ""
			default:
				if v, ok := r.Engagement[pipeline.Metrics[k-fieldMetric]]; ok {
					row[i] = strconv.FormatInt(v, 10)
				} else {
					row[i] = ""
				}
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// Read returns the readings taken in [from, to), oldest file first, in
// file order, reading only the month files that can hold them. A zero to
// has no end. A row that cannot be read is an error naming the file, the
// line and the cell.
func (s Store) Read(from, to time.Time) ([]pipeline.Reading, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	var paths []string
	var size int64
	for _, e := range entries { // sorted by name, so by month
		month, ok := monthOf(e.Name())
		if !ok || e.IsDir() {
			continue
		}
		if (!to.IsZero() && !month.Before(to)) || !month.AddDate(0, 1, 0).After(from) {
			continue
		}
		if info, err := e.Info(); err == nil {
			size += info.Size()
		}
		paths = append(paths, filepath.Join(s.Dir, e.Name()))
	}
	// A row takes some 70 bytes or more: room for all of them at once,
	// rather than growing a slice of 100,000 readings step by step.
	out := make([]pipeline.Reading, 0, size/64)
	in := interner{}
	for _, path := range paths {
		if out, err = readFile(path, from, to, out, in); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// monthOf is the first instant (UTC) of the month of a file named
// YYYY-MM.csv.
func monthOf(name string) (time.Time, bool) {
	base, ok := strings.CutSuffix(name, ".csv")
	if !ok || len(base) != len("2006-01") {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01", base)
	return t, err == nil
}

func readFile(path string, from, to time.Time, dst []pipeline.Reading, in interner) ([]pipeline.Reading, error) {
	f, err := os.Open(path)
	if err != nil {
		return dst, fmt.Errorf("metrics: %w", err)
	}
	defer f.Close()
	// The whole file in one string: the cells are slices of it, so that a
	// row allocates nothing but its engagement map.
	var b strings.Builder
	if st, err := f.Stat(); err == nil {
		b.Grow(int(st.Size()))
	}
	if _, err := io.Copy(&b, f); err != nil {
		return dst, fmt.Errorf("metrics: read %s: %w", path, err)
	}
	return parse(path, b.String(), from, to, dst, in)
}

// parse appends to dst the readings in [from, to) of one metrics file. in
// shares the strings that repeat (paths, channels, ids) between rows and
// files. A file without a double quote is split by hand, the usual case
// and the fast one; encoding/csv reads the others (a post path with a
// comma). Both give the same readings and errors (FuzzParse checks it).
func parse(name, data string, from, to time.Time, dst []pipeline.Reading, in interner) ([]pipeline.Reading, error) {
	p := &rows{name: name, from: from, to: to, in: in, dst: dst}
	var err error
	if strings.IndexByte(data, '"') >= 0 {
		err = p.csv(data)
	} else {
		err = p.plain(data)
	}
	if err != nil {
		return nil, err
	}
	return p.dst, nil
}

// rows is the state of the reading of one file.
type rows struct {
	name     string
	from, to time.Time
	in       interner
	l        *layout // nil until the header is read
	dst      []pipeline.Reading
}

// plain splits a file without quotes as encoding/csv would: lines end at
// \n, a \r before it (or before the end) is dropped, blank lines are
// skipped, cells end at commas.
func (p *rows) plain(data string) error {
	line := 0
	lineOf := func(int) int { return line }
	var rec []string
	for len(data) > 0 {
		line++
		text := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			text, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		text = strings.TrimSuffix(text, "\r")
		if text == "" {
			continue
		}
		rec = rec[:0]
		for {
			i := strings.IndexByte(text, ',')
			if i < 0 {
				rec = append(rec, text)
				break
			}
			rec = append(rec, text[:i])
			text = text[i+1:]
		}
		if err := p.take(rec, lineOf); err != nil {
			return err
		}
	}
	return nil
}

func (p *rows) csv(data string) error {
	cr := csv.NewReader(strings.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	lineOf := func(i int) int {
		line, _ := cr.FieldPos(i)
		return line
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(p.name, err)
		}
		if err := p.take(rec, lineOf); err != nil {
			return err
		}
	}
}

// take reads the header, then one row; lineOf gives the line of a cell.
func (p *rows) take(rec []string, lineOf func(cell int) int) error {
	if p.l == nil {
		l, err := parseHeader(p.name, rec, lineOf)
		p.l = l
		return err
	}
	r, cell, msg := p.l.row(rec, p.in)
	if msg != "" {
		e := &RowError{File: p.name, Line: lineOf(max(cell, 0)), Msg: msg, Hint: hint + p.name}
		if cell >= 0 {
			e.Cell, e.Column = cell+1, p.l.names[cell]
		}
		return e
	}
	if !r.Time.Before(p.from) && (p.to.IsZero() || r.Time.Before(p.to)) {
		p.dst = append(p.dst, r)
	}
	return nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RowError{File: name, Line: pe.Line, Msg: pe.Err.Error(), Hint: hint + name}
	}
	return fmt.Errorf("metrics: read %s: %w", name, err)
}

// What a column of a file holds: one of the fields of a reading, a metric
// (fieldMetric + its index in pipeline.Metrics) or a column this version
// does not know (left empty when appending, ignored when reading).
const (
	fieldUnknown = iota
	fieldTime
	fieldPost
	fieldChannel
	fieldNetwork
	fieldID
	fieldMetric
)

// layout is the header of one file.
type layout struct {
	names []string
	kinds []int
}

func metricIndex(name string) int {
	for i, m := range pipeline.Metrics {
		if string(m) == name {
			return i
		}
	}
	return -1
}

func parseHeader(file string, rec []string, lineOf func(int) int) (*layout, error) {
	l := &layout{names: make([]string, len(rec)), kinds: make([]int, len(rec))}
	seen := map[string]int{}
	for i, cell := range rec {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(cell, "\uFEFF")))
		l.names[i] = name
		if j, dup := seen[name]; dup && name != "" {
			return nil, &RowError{File: file, Line: lineOf(i), Cell: i + 1, Column: name, Msg: fmt.Sprintf("the header names %s twice (cells %d and %d)", name, j+1, i+1), Hint: "restore the header from git history: git log -p -- " + file}
		}
		seen[name] = i
		switch name {
		case colTime:
			l.kinds[i] = fieldTime
		case colPost:
			l.kinds[i] = fieldPost
		case colChannel:
			l.kinds[i] = fieldChannel
		case colNetwork:
			l.kinds[i] = fieldNetwork
		case colID:
			l.kinds[i] = fieldID
		default:
			if m := metricIndex(name); m >= 0 {
				l.kinds[i] = fieldMetric + m
			}
		}
	}
	for _, need := range []string{colTime, colPost, colChannel} {
		if _, ok := seen[need]; !ok {
			return nil, &RowError{File: file, Line: lineOf(0), Msg: fmt.Sprintf("the header has no %s column: it is not a metrics file or its first line is damaged", need), Hint: "a metrics file starts with " + strings.Join(Header(), ",")}
		}
	}
	return l, nil
}

// row reads one row of the file. What is wrong with it is msg, about the
// cell at index cell, or the whole row when cell is -1.
func (l *layout) row(rec []string, in interner) (r pipeline.Reading, cell int, msg string) {
	if len(rec) != len(l.kinds) {
		return r, -1, fmt.Sprintf("%d cells where the header has %d", len(rec), len(l.kinds))
	}
	metrics := 0
	for i, k := range l.kinds {
		if k >= fieldMetric && rec[i] != "" {
			metrics++
		}
	}
	if metrics > 0 {
		r.Engagement = make(pipeline.Engagement, metrics)
	}
	for i, k := range l.kinds {
		s := rec[i]
		switch k {
		case fieldTime:
			t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
			if err != nil {
				return r, i, fmt.Sprintf("%q is not an RFC 3339 time such as 2026-12-01T09:30:00Z", s)
			}
			r.Time = t.UTC()
			if y := r.Time.Year(); y < 1 || y > 9999 || r.Time.IsZero() {
				return r, i, fmt.Sprintf("%q is out of range", s)
			}
		case fieldPost:
			if s == "" {
				return r, i, "empty: every reading names its post"
			}
			r.Post = in.get(s)
		case fieldChannel:
			if s == "" {
				return r, i, "empty: every reading names its channel"
			}
			r.Channel = in.get(s)
		case fieldNetwork:
			r.Network = in.get(s)
		case fieldID:
			r.ID = in.get(s)
		case fieldUnknown:
		default:
			if s == "" {
				continue // not available
			}
			v, ok := count(s)
			if !ok {
				return r, i, fmt.Sprintf("%q is not a count (a whole number, or an empty cell when the network does not report %s)", s, l.names[i])
			}
			r.Engagement[pipeline.Metrics[k-fieldMetric]] = v
		}
	}
	return r, 0, ""
}

// count reads a non-negative whole number, spaces around allowed.
func count(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > (1<<63-1-int64(c-'0'))/10 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// interner shares equal strings between rows: a post is read many times.
type interner map[string]string

func (in interner) get(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	s = strings.Clone(s) // not the whole line the reader allocated
	in[s] = s
	return s
}
