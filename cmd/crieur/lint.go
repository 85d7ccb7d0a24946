package main

import (
	"errors"
	"flag"
	"io"
	"os"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/linters/output"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/review"
)

type lintOptions struct {
	format, failOn, now, output, color string
}

func (o *lintOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "output format: text, json or sarif")
	fs.StringVar(&o.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning or suggestion")
	fs.StringVar(&o.now, "now", "", "the time to judge posts at (default: now), e.g. 2026-12-01 09:30")
	fs.StringVar(&o.color, "color", "auto", "colours in the text report: auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.StringVar(&o.output, "output", "", "write the report to this file instead of the standard output (e.g. crieur.sarif for code scanning)")
}

func (o *lintOptions) run(e *env, paths []string) error {
	threshold, err := pipeline.ParseSeverity(o.failOn)
	if err != nil || threshold == 0 {
		return errors.New(e.say("usage.fail_on", nil))
	}
	style, err := output.StyleFor(o.format, o.color, e.said == io.Discard, o.output == "" && isTerminal(e.commands), e.getenv)
	if err != nil {
		return err
	}
	w, now, err := e.open(o.now)
	if err != nil {
		return err
	}
	runner, ev := w.actions()
	in := review.Input{Repo: w.repo, Language: w.linters().Language}
	if runner != nil && len(paths) == 0 {
		// A pull request: its posts (and the calendar rules over all);
		// nil outside one, which lints every post.
		paths = w.reviewScope(ev, &in)
	}
	if isTerminal(e.rawErr) && runner == nil && e.said != io.Discard {
		w.linters().Progress = output.ProgressBar(e.rawErr, "lint")
	}
	findings, checked, posts, err := w.linters().LintPaths(w.repo, paths, now)
	if err != nil {
		return err
	}
	if runner != nil {
		in.Posts, in.Findings = posts, findings
		w.reportLint(runner, ev, in)
	}
	if err := w.printLint(o.format, o.output, findings, checked, style); err != nil {
		return err
	}
	for _, f := range findings {
		if f.Severity >= threshold {
			return errFindings
		}
	}
	return nil
}

// printLint writes the findings in format to the file named out, or to
// the standard output when out is "".
func (w *workspace) printLint(format, out string, findings []pipeline.Finding, checked int, style output.TextStyle) error {
	dst := w.e.stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		dst = f
	}
	infos := func() []output.RuleInfo { return ruleInfos(w.linters()) }
	return output.Write(dst, format, findings, checked, infos, w.prefix(), currentBuild().Version, style.In(w.linters().Language))
}

func ruleInfos(engine *linters.Engine) []output.RuleInfo {
	var out []output.RuleInfo
	for _, i := range engine.Infos() {
		out = append(out, output.RuleInfo{ID: i.ID, Description: i.Description, Default: i.Default, Binding: linters.Binding(i.ID)})
	}
	return out
}
