package github

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/crieur/crieur/pipeline"
)

// Runner is what a step of a GitHub Actions job sees of the runner: the
// environment it was given and the log it writes workflow commands to.
// Both are injected, so that a test (or a run outside Actions) decides
// what they are.
type Runner struct {
	act    *githubactions.Action
	getenv func(string) string
}

// NewRunner reads the environment through getenv (os.Getenv in main) and
// writes workflow commands to w (the step's standard output).
func NewRunner(getenv func(string) string, w io.Writer) *Runner {
	return &Runner{
		act:    githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(w)),
		getenv: getenv,
	}
}

// InActions reports whether the process runs as a step of a GitHub
// Actions job (GITHUB_ACTIONS=true).
func (r *Runner) InActions() bool { return r.getenv("GITHUB_ACTIONS") == "true" }

// Annotate writes one workflow command per finding: ::error for an
// error, ::warning for a warning, ::notice for a suggestion; a finding
// whose severity is off is left out. The annotation carries the file (the
// finding's path, which the caller has made relative to the root of the
// git repository: GitHub places annotations by that path), the line and,
// when the finding ends on a later line, endLine; the columns (col,
// endColumn) only when the finding holds on one line, as GitHub's
// annotations support columns on one line only; the rule id as title. The
// hint, if any, follows the message on a line of its own.
//
// GitHub shows at most 10 annotations of each level per step (50 per
// job): the job summary is where the whole list belongs.
func (r *Runner) Annotate(findings []pipeline.Finding) error {
	return guard("annotate", func() {
		for _, f := range findings {
			a := r.act.WithFieldsMap(annotationFields(f))
			msg := f.Message
			if f.Hint != "" {
				msg += "\n" + f.Hint
			}
			switch {
			case f.Severity >= pipeline.Error:
				a.Errorf("%s", msg)
			case f.Severity == pipeline.Warning:
				a.Warningf("%s", msg)
			case f.Severity == pipeline.Suggestion:
				a.Noticef("%s", msg)
			}
		}
	})
}

// annotationFields are the properties of a finding's workflow command.
// go-githubactions escapes them and writes them in alphabetical order.
func annotationFields(f pipeline.Finding) map[string]string {
	m := map[string]string{}
	if f.Path != "" {
		m["file"] = f.Path
	}
	if f.Rule != "" {
		m["title"] = f.Rule
	}
	if f.Line < 1 {
		return m // the whole file
	}
	m["line"] = strconv.Itoa(f.Line)
	if f.EndLine > f.Line {
		m["endLine"] = strconv.Itoa(f.EndLine)
		return m // columns hold on one line only
	}
	if f.Col >= 1 {
		m["col"] = strconv.Itoa(f.Col)
		if f.EndCol >= f.Col {
			m["endColumn"] = strconv.Itoa(f.EndCol)
		}
	}
	return m
}

// Summary appends markdown to the job summary, the file named by
// GITHUB_STEP_SUMMARY. When that variable is unset (outside Actions) it
// does nothing and returns nil; go-githubactions alone would panic.
func (r *Runner) Summary(markdown string) error {
	if r.getenv("GITHUB_STEP_SUMMARY") == "" {
		return nil
	}
	return guard("write the job summary", func() { r.act.AddStepSummary(markdown) })
}

// SetOutput sets the step output name to value, in the file named by
// GITHUB_OUTPUT (a value may span lines). When that variable is unset it
// does nothing and returns nil.
func (r *Runner) SetOutput(name, value string) error {
	if r.getenv("GITHUB_OUTPUT") == "" {
		return nil
	}
	return guard("set output "+name, func() { r.act.SetOutput(name, value) })
}

// Mask asks the runner to hide secret in the rest of the log
// (::add-mask::). The runner masks line by line, so a secret of several
// lines is masked one line at a time; blank lines are not masked (they
// would hide every blank line of the log).
func (r *Runner) Mask(secret string) error {
	return guard("mask a secret", func() {
		for _, line := range strings.Split(secret, "\n") {
			if line = strings.TrimRight(line, "\r"); strings.TrimSpace(line) != "" {
				r.act.AddMask(line)
			}
		}
	})
}

// guard turns go-githubactions' panics (a log or a file that cannot be
// written) into an error.
func guard(what string, f func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if e, ok := p.(error); ok {
				err = fmt.Errorf("%s: %w", what, e)
				return
			}
			err = fmt.Errorf("%s: %v", what, p)
		}
	}()
	f()
	return nil
}

// ReportRun gives the job what a run found: its outputs, its summary,
// and annotations for the findings (prefixed with the content root's
// path from the git root). It returns what could not be written.
func (r *Runner) ReportRun(outputs map[string]string, summary string, findings []pipeline.Finding, prefix string) []error {
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(outputs)) {
		if err := r.SetOutput(name, outputs[name]); err != nil {
			errs = append(errs, err)
		}
	}
	if err := r.Summary(summary); err != nil {
		errs = append(errs, err)
	}
	if err := r.Annotate(pipeline.Prefixed(findings, prefix)); err != nil {
		errs = append(errs, fmt.Errorf("annotations: %w", err))
	}
	return errs
}

// MaskSecrets asks GitHub Actions to hide secret values, and every form a
// server may echo of them (pipeline.SecretForms), in the job's log;
// outside Actions it does nothing.
func (r *Runner) MaskSecrets(secrets []string) {
	if !r.InActions() {
		return
	}
	for _, s := range secrets {
		for _, form := range pipeline.SecretForms(s) {
			r.Mask(form)
		}
	}
}
