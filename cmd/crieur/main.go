// Command crieur lints, previews, plans and publishes social-media posts
// kept as Markdown in a git repository. This package is wiring only:
// flags, the environment, building the channels, exit codes.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/github"
)

// Exit codes, as vale and most linters use them.
const (
	exitOK       = 0 // clean, or published everything due
	exitFindings = 1 // an error-level finding, a refused post or a failed channel
	exitUsage    = 2 // bad usage, configuration or runtime error
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// env is what a command gets: the streams, the environment and the
// content directory chosen with -C.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	dir    string
	loc    *time.Location // the repository's zone, once it is open
}

// mask asks GitHub Actions to hide secret values in the job's log, before
// anything could print them (the workflow command ::add-mask::). Outside
// Actions it does nothing: crieur masks them in its own output anyway.
func (e *env) mask(secrets []string) {
	r := github.NewRunner(e.getenv, e.stdout)
	if !r.InActions() {
		return
	}
	for _, s := range secrets {
		r.Mask(s)
	}
}

type command struct {
	name    string
	summary string
	usage   string // the arguments after the command name
	help    string
	run     func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"lint", "check posts against the schema, the networks' limits and the charter", "[--format text|json|sarif] [--fail-on LEVEL] [--now TIME] [PATH...]", lintHelp, runLint},
		{"fix", "apply the safe fixes (typography, substitutions, UTM) or show them as a diff", "[--diff] [--rule IDS] [PATH...]", fixHelp, runFix},
		{"preview", "show a post as each of its channels will show it", "[--format text|json] FILE...", previewHelp, runPreview},
		{"plan", "print the editorial calendar, or export it as iCalendar or CSV", "[--from DATE] [--to DATE] [--ics FILE] [--csv FILE]", planHelp, runPlan},
		{"import", "create post files from a planning spreadsheet (CSV)", "[--dry-run] FILE.csv", importHelp, runImport},
		{"new", "create a post file", "[--at TIME] [--channels a,b] [--lang fr] TITLE", newHelp, runNew},
		{"publish", "publish what is due, record it and commit", "[--now TIME] [--dry-run] [--no-commit]", publishHelp, runPublish},
		{"freeze", "stop publishing (a crisis): one commit that every publish run honours", "[--until TIME] [--reason TEXT] [--no-commit]", freezeHelp, runFreeze},
		{"unfreeze", "lift the freeze", "[--no-commit]", unfreezeHelp, runUnfreeze},
		{"metrics", "read the engagement of recent publications and record it", "[--window 30d] [--no-commit] [--push]", metricsHelp, runMetrics},
		{"report", "draw a month's report: publications, engagement, what the review caught", "[--month YYYY-MM|last] [--brand B] [--format md|html|csv] [--out DIR] [--commit]", reportHelp, runReport},
		{"history", "print the audit trail of a post or of the repository", "[--format text|json] [PATH]", historyHelp, runHistory},
		{"init", "write the GitHub workflows (review pull requests, publish, code scanning)", "[--force]", initHelp, runInit},
		{"version", "print crieur's version", "", "", func(e *env, _ []string) int { fmt.Fprintln(e.stdout, "crieur", version); return exitOK }},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, dir: "."}
	for len(args) > 0 {
		switch a := args[0]; {
		case a == "-C" || a == "--dir":
			if len(args) < 2 {
				fmt.Fprintln(stderr, "crieur: -C needs a directory")
				return exitUsage
			}
			e.dir, args = args[1], args[2:]
			continue
		case strings.HasPrefix(a, "-C="), strings.HasPrefix(a, "--dir="):
			e.dir, args = a[strings.Index(a, "=")+1:], args[1:]
			continue
		case a == "-h" || a == "--help" || a == "help":
			if len(args) > 1 && a == "help" {
				return run(ctx, []string{args[1], "--help"}, stdin, stdout, stderr, getenv)
			}
			usage(stdout)
			return exitOK
		case a == "--version":
			fmt.Fprintln(stdout, "crieur", version)
			return exitOK
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(stderr, "crieur: unknown flag %s\n", a)
			usage(stderr)
			return exitUsage
		}
		break
	}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "crieur: unknown command %q\n", args[0])
	if s := closest(args[0]); s != "" {
		fmt.Fprintf(stderr, "did you mean crieur %s?\n", s)
	}
	fmt.Fprintln(stderr, "run crieur --help for the list of commands")
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `crieur publishes social-media posts kept as Markdown in git: it lints them
against the networks' limits and the brand charter, plans them, publishes
what is due and commits back what went out.

Usage:
  crieur [-C DIR] COMMAND [FLAGS] [ARGS]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Global flags:
  -C DIR     run in the content repository DIR (default: the current directory)
  --help     this help; crieur COMMAND --help explains a command
  --version  print the version

Exit codes: 0 clean, 1 findings at error level (or a post refused or a
channel failed), 2 usage, configuration or runtime error.
`)
}

func closest(name string) string {
	var names []string
	for _, c := range commands() {
		if strings.HasPrefix(c.name, name) {
			return c.name
		}
		names = append(names, c.name)
	}
	return pipeline.Suggest(name, names)
}

// fail prints an error and returns the exit code for it.
func (e *env) fail(err error) int {
	fmt.Fprintf(e.stderr, "crieur: %v\n", err)
	return exitUsage
}

// openAt opens the content repository and reads --now in its time zone.
func (e *env) openAt(nowFlag string) (*content.Repo, time.Time, error) {
	repo, err := content.Open(e.dir)
	if err != nil {
		return nil, time.Time{}, err
	}
	now, err := parseNow(nowFlag, repo.Config.Timezone)
	return repo, now, err
}

// parseNow reads --now: empty means the clock.
func parseNow(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Now().In(loc), nil
	}
	t, err := parseTimeFlag(s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now: %w", err)
	}
	return t, nil
}

var errHelp = errors.New("help requested")
