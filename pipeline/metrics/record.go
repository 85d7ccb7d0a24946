package metrics

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Window is how far back a run reads: the publications younger than Span.
// It prints as it was written ("30d", "72h").
type Window struct {
	Span time.Duration
	text string
}

func (w Window) String() string { return w.text }

// ParseWindow reads a window in days ("30d") or as Go writes a duration
// ("72h"); what it cannot read is said in l.
func ParseWindow(s string, l i18n.Lang) (Window, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		if _, err := fmt.Sscanf(d, "%d", &n); err != nil || n <= 0 || fmt.Sprint(n) != d {
			return Window{}, errors.New(say.Text(l, "window.days", i18n.Args{"value": strconv.Quote(s)}))
		}
		return Window{Span: time.Duration(n) * 24 * time.Hour, text: s}, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return Window{}, errors.New(say.Text(l, "window.duration", i18n.Args{"value": strconv.Quote(s)}))
	}
	return Window{Span: d, text: s}, nil
}

// Recorder is the metrics use case (crieur metrics): it reads the
// engagement of the journal's publications younger than Window on every
// channel that can tell, appends the readings to the metrics files and
// commits them. It says on Stdout, channel by channel, what it read or
// why it could not; the errors go to Stderr.
type Recorder struct {
	Config  *pipeline.Config // the channels, in their order
	Journal content.Journal  // the publications
	Store   Store            // where the readings go
	Root    string           // the content root: files are named relative to it
	Window  Window
	Now     time.Time        // the end of the window
	Clock   func() time.Time // dates the readings; nil is time.Now
	// Open opens the meter of a channel of crieur.yml. It returns why the
	// channel gives no numbers instead (its network has none), or an error
	// when the channel cannot be opened; no meter and no reason is an
	// adapter of this build that cannot read its network's numbers.
	Open func(cc pipeline.ChannelConfig) (m pipeline.Meter, why string, err error)
	// Commit commits the files written with a message and returns the
	// commit ("" when nothing changed); nil commits nothing.
	Commit func(paths []string, message string) (string, error)
	Stdout io.Writer
	Stderr io.Writer
	// Language is the reader's, in which Stdout is written
	// (messages/*.yaml); "" is English. Errors and the commit message
	// stay English.
	Language i18n.Lang
}

// Result is what a run recorded.
type Result struct {
	Readings []pipeline.Reading
	Files    []string // the metrics files appended to, absolute
	Commit   string
	// Incomplete: a channel could not be opened or read entirely; the
	// readings that were made are recorded all the same.
	Incomplete bool
}

// Run reads, records and commits. An error is one of the journal, the
// metrics files or the commit; a channel that fails only makes the
// result Incomplete.
func (r *Recorder) Run(ctx context.Context) (*Result, error) {
	recs, err := r.Journal.Read()
	if err != nil {
		return nil, err
	}
	targets := Targets(recs, r.Now.Add(-r.Window.Span))
	res := &Result{}
	meters := r.meters(targets, res)
	clock := r.Clock
	if clock == nil {
		clock = time.Now
	}
	readings, outcomes := Collector{Meters: meters, Now: clock}.Collect(ctx, targets)
	for _, o := range outcomes {
		line := say.Count(r.lang(), "read", o.Asked, i18n.Args{"channel": o.Channel, "read": o.Read})
		if o.Err != nil {
			fmt.Fprintf(r.stderr(), "crieur: %s: %v\n", o.Channel, o.Err)
			line += say.Text(r.lang(), "see_error", nil)
			res.Incomplete = true
		}
		fmt.Fprintln(r.stdout(), line)
	}
	if len(targets) == 0 {
		fmt.Fprintln(r.stdout(), say.Text(r.lang(), "none", i18n.Args{"window": r.Window}))
	}
	if len(readings) == 0 {
		return res, nil
	}
	return res, r.record(res, readings)
}

// meters opens the meter of every channel a target went out on, in the
// order of crieur.yml, and says why the others give no numbers.
func (r *Recorder) meters(targets []Target, res *Result) map[string]pipeline.Meter {
	asked := map[string]int{}
	for _, t := range targets {
		asked[t.Channel]++
	}
	meters := map[string]pipeline.Meter{}
	for _, name := range r.Config.ChannelOrder {
		if asked[name] == 0 {
			continue
		}
		cc := r.Config.Channels[name]
		m, why, err := r.Open(cc)
		switch {
		case why != "":
			fmt.Fprintln(r.stdout(), say.Text(r.lang(), "no_metrics", i18n.Args{"channel": name, "why": r.whyIn(cc.Type, why)}))
		case err != nil:
			fmt.Fprintf(r.stderr(), "crieur: %v\n", err)
			res.Incomplete = true
		case m == nil:
			fmt.Fprintln(r.stdout(), say.Text(r.lang(), "no_build", i18n.Args{"channel": name, "network": cc.Network}))
		default:
			meters[name] = m
		}
	}
	gone := make([]string, 0, len(asked))
	for name := range asked {
		if _, ok := r.Config.Channels[name]; !ok {
			gone = append(gone, name)
		}
	}
	sort.Strings(gone)
	for _, name := range gone {
		fmt.Fprintln(r.stdout(), say.Count(r.lang(), "gone", asked[name], i18n.Args{"channel": name}))
	}
	return meters
}

// record appends the readings to the metrics files and commits them.
func (r *Recorder) record(res *Result, readings []pipeline.Reading) error {
	files, err := r.Store.Append(readings...)
	if err != nil {
		return err
	}
	res.Readings, res.Files = readings, files
	fmt.Fprintln(r.stdout(), say.Count(r.lang(), "recorded", len(readings), i18n.Args{"files": r.relList(files)}))
	if r.Commit == nil {
		return nil
	}
	res.Commit, err = r.Commit(files, CommitMessage(readings))
	return err
}

// CommitMessage says how many readings per channel.
func CommitMessage(rs []pipeline.Reading) string {
	per := map[string]int{}
	for _, r := range rs {
		per[r.Channel]++
	}
	names := make([]string, 0, len(per))
	for n := range per {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "crieur: record %d metric %s\n\n", len(rs), plural(len(rs), "reading", "readings"))
	for _, n := range names {
		fmt.Fprintf(&b, "- %s: %d\n", n, per[n])
	}
	return b.String()
}

// relList writes paths relative to the content root, comma-separated.
func (r *Recorder) relList(paths []string) string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if rel, err := filepath.Rel(r.Root, p); err == nil {
			p = filepath.ToSlash(rel)
		}
		out[i] = p
	}
	return strings.Join(out, ", ")
}

func (r *Recorder) lang() i18n.Lang { return cmp.Or(r.Language, i18n.English) }

// whyIn is why a channel of type typ gives no numbers, in the reader's
// language: why as Open said it (English, pipeline's table or the
// registry) when the reader reads English or the catalog does not know
// the type.
func (r *Recorder) whyIn(typ, why string) string {
	if r.lang() == i18n.English || !say.Has("why."+typ) {
		return why
	}
	return say.Text(r.lang(), "why."+typ, nil)
}

func (r *Recorder) stdout() io.Writer { return orDiscard(r.Stdout) }
func (r *Recorder) stderr() io.Writer { return orDiscard(r.Stderr) }

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
