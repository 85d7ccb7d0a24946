// Package workflows holds the GitHub workflows crieur init writes into a
// content repository: review on pull requests and publish on push and on
// a schedule (crieur.yml), the readings, report and calendar page
// (crieur-report.yml), SARIF for code scanning, and the Dependabot
// configuration that keeps their pinned actions current.
//
// Rule of the room: the github room's: imports pipeline, go-github and
// go-githubactions, besides the standard library (pipeline is all it
// needs). internal/archtest checks the imports.
package workflows

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed templates/*.yml
var templates embed.FS

// dependabot keeps the workflows' pinned actions current; init writes it
// at .github/dependabot.yml when the repository has none, and never
// replaces one (it may hold the repository's other ecosystems).
//
//go:embed extra/dependabot.yml
var dependabot []byte

// DependabotFile is where GitHub reads Dependabot's configuration.
const DependabotFile = ".github/dependabot.yml"

// Dir is where GitHub reads workflows, under the git repository's root.
const Dir = ".github/workflows"

// Data fills the templates.
type Data struct {
	Dir     string   // the content root relative to the git root ("." when they are one)
	Secrets []string // the environment variables crieur.yml's channels name
	// Action is what the workflows' uses: names for crieur's own action:
	// the release the running crieur was built from, pinned by its
	// commit ("crieur/crieur@<sha> # v1.4.2", see ActionFor), else the
	// moving major tag.
	Action string
	// Cadence is when publish runs on its own, besides every merge: the
	// charters' publishing slots, or every half hour of their posting
	// hours (schedule.Cadence). Without times, every half hour.
	Cadence pipeline.Cadence
}

// Crons are the publish workflow's schedule lines.
func (d Data) Crons() []pipeline.Cron { return d.cadence().Crons() }

// RunsPerMonth is the most scheduled publish runs in a month.
func (d Data) RunsPerMonth() int { return d.cadence().MostRunsInAMonth() }

// cadence is d's, or without times every pipeline.DefaultRunEvery all
// day, in UTC.
func (d Data) cadence() pipeline.Cadence {
	if len(d.Cadence.Times) == 0 {
		return pipeline.NewCadence(pipeline.Every(0, 24*60-1, pipeline.DefaultRunEvery), [7]bool{}, nil, false)
	}
	return d.Cadence
}

// Cost says what the publish workflow's schedule costs: GitHub bills
// every run of a private repository as one minute at least.
func (d Data) Cost() string { return d.CostIn(i18n.English) }

// CostIn is Cost in l.
func (d Data) CostIn(l i18n.Lang) string {
	return say.Count(l, "cost", d.RunsPerMonth(), i18n.Args{"when": d.WhenIn(l)})
}

// When says when the schedule runs, in words (the workflow's comment).
func (d Data) When() string { return d.WhenIn(i18n.English) }

// WhenIn is When in l.
func (d Data) WhenIn(l i18n.Lang) string {
	c := d.Cadence
	every := int(pipeline.DefaultRunEvery.Minutes())
	if len(c.Times) == 0 {
		return say.Text(l, "when.every", i18n.Args{"minutes": every})
	}
	var when string
	if c.Slots {
		ts := make([]string, len(c.Times))
		for i, t := range c.Times {
			ts[i] = pipeline.Clock(t)
		}
		when = say.Text(l, "when.at", i18n.Args{"times": strings.Join(ts, ", ")})
	} else {
		when = say.Text(l, "when.window", i18n.Args{"minutes": every, "from": pipeline.Clock(c.Times[0]), "to": pipeline.Clock(c.Times[len(c.Times)-1])})
	}
	if c.Days != [7]bool{} {
		var ds []string
		for i, on := range c.Days {
			if on {
				ds = append(ds, say.Text(l, "weekday."+strconv.Itoa(i), nil))
			}
		}
		when = say.Text(l, "when.days", i18n.Args{"when": when, "days": strings.Join(ds, ", ")})
	}
	return say.Text(l, "when.zone", i18n.Args{"when": when, "zone": c.Zone})
}

//go:embed messages
var catalog embed.FS

// say is what crieur init says of the schedule, in each reader's
// language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// ActionFor is crieur's own action as the workflows should use it: the
// commit of the release this binary was built from, with its version in
// a comment (as every third-party action: a tag can be moved, a commit
// cannot, and Dependabot keeps it current), when the build knows both;
// else crieur/crieur@v1.
func ActionFor(b pipeline.Build) string {
	if releaseRE.MatchString(b.Version) && commitRE.MatchString(b.Commit) {
		return "crieur/crieur@" + b.Commit + " # " + b.Version
	}
	return "crieur/crieur@v1"
}

var (
	releaseRE = regexp.MustCompile(`^v\d+\.\d+\.\d+$`)
	commitRE  = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// DataFor collects the variables every channel names, sorted.
func DataFor(cfg *pipeline.Config, dir string) Data {
	seen := map[string]bool{}
	d := Data{Dir: dir}
	for _, cc := range cfg.Channels {
		for _, env := range cc.Secrets {
			if !seen[env] {
				seen[env] = true
				d.Secrets = append(d.Secrets, env)
			}
		}
	}
	sort.Strings(d.Secrets)
	return d
}

// funcs are the templates' functions: yaml writes a value as a YAML
// double-quoted scalar (JSON's string syntax is YAML's), so that a folder
// named "a: b #c" stays one value.
var funcs = template.FuncMap{
	"yaml": func(s string) (string, error) {
		b, err := json.Marshal(s)
		return string(b), err
	},
}

// Render returns each workflow file's name and content.
func Render(d Data) (map[string][]byte, error) {
	if d.Action == "" {
		d.Action = ActionFor(pipeline.Build{})
	}
	names, err := fs.Glob(templates, "templates/*.yml")
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, n := range names {
		t, err := template.New(filepath.Base(n)).Delims("[[", "]]").Funcs(funcs).ParseFS(templates, n)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, d); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		out[filepath.Base(n)] = b.Bytes()
	}
	return out, nil
}

// ErrExists is what Write's Kept is (errors.Is): workflows already
// there, kept without force.
var ErrExists = errors.New("already exists")

// Kept is Write's error when workflows were already there and kept.
type Kept struct{ Paths []string }

func (k *Kept) Error() string        { return k.In(i18n.English) }
func (k *Kept) Is(target error) bool { return target == ErrExists }

// In says which workflows were kept and how to replace them, in l.
func (k *Kept) In(l i18n.Lang) string {
	return say.Count(l, "kept", len(k.Paths), i18n.Args{"paths": strings.Join(k.Paths, ", ")})
}

// Write writes the workflows under gitRoot/.github/workflows and returns
// the paths written. An existing file is kept unless force is set.
func Write(gitRoot string, d Data, force bool) ([]string, error) {
	files, err := Render(d)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(gitRoot, filepath.FromSlash(Dir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var written []string
	var exists []string
	for _, n := range names {
		p := filepath.Join(dir, n)
		if _, err := os.Stat(p); err == nil && !force {
			exists = append(exists, filepath.ToSlash(filepath.Join(Dir, n)))
			continue
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	dep := filepath.Join(gitRoot, filepath.FromSlash(DependabotFile))
	if _, err := os.Stat(dep); errors.Is(err, fs.ErrNotExist) {
		if err := os.WriteFile(dep, dependabot, 0o644); err != nil {
			return written, err
		}
		written = append(written, dep)
	}
	if len(exists) > 0 {
		return written, &Kept{exists}
	}
	return written, nil
}
