// Command crieur lints, previews, plans and publishes social-media posts
// kept as Markdown in a git repository.
//
// Each command is an options value: its flags, and a run method that opens
// the workspace once (the content repository, and when asked the git
// repository, the content root's prefix from the git root, the GitHub
// runner and its event, the rule engine), calls one function of the room
// that owns the use case, and prints. Errors become exit codes in one
// place, exitCode: 0 clean, 1 findings (errFindings), 2 usage (usageError)
// or any other error. What it says itself is data in English, French and
// Dutch (messages/ through e.say, help/), not Go literals.
//
// Rule of the room: cmd/crieur is wiring only (flags, reading the
// environment, opening the workspace, building clients, printing, exit
// codes) and may import every room; a run method that grows past a
// screen is a use case looking for its room. internal/archtest checks
// that no other package lives under cmd/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/github"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Exit codes, as vale and most linters use them.
const (
	exitOK       = 0 // clean, or published everything due
	exitFindings = 1 // an error-level finding, a refused post or a failed channel
	exitUsage    = 2 // bad usage, configuration or runtime error
)

func main() { os.Exit(runWithSignals(os.Args[1:])) }

// graceAfterSignal is how long a command has to stop after SIGINT or
// SIGTERM: publish uses it to record and commit what already went out
// (every other command has nothing to save). A command still running then
// (blocked in open(2) on a named pipe, deep in a long computation) is
// stopped: publish is built to survive a kill at any line, it records an
// intent before every send. A second signal stops crieur at once.
const graceAfterSignal = 7 * time.Second

// runWithSignals runs a command under a context that SIGINT and SIGTERM
// cancel, and exits exitUsage when the command has not returned
// graceAfterSignal after the signal.
func runWithSignals(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		<-ctx.Done()
		select {
		case <-done:
			return // the command returned: stop cancelled the context
		default:
		}
		stop() // a second signal now kills, as by default
		select {
		case <-done:
		case <-time.After(graceAfterSignal):
			fmt.Fprintln(os.Stderr, "crieur: "+words.Text(i18n.FromEnv(os.Getenv), "signal", with{"grace": graceAfterSignal}))
			os.Exit(exitUsage)
		}
	}()
	code := run(ctx, args, os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	close(done)
	stop()
	return code
}

// env is what a command gets: the streams, the environment, the content
// directory chosen with -C, and the workspace once a command opened it.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	lang   i18n.Lang // the reader's: the environment's, crieur.yml's once the workspace is open
	dir    string
	ws     *workspace // opened once, by the first command that asks
	// commands is the raw standard output, where the GitHub runner's
	// workflow commands go; in Actions, stdout and stderr escape what
	// would read as one (github.Plain).
	commands      io.Writer
	rawErr        io.Writer // the standard error itself: a terminal's progress bar
	said, saidErr io.Writer // where a command says what it did ("wrote …"): stdout and stderr, io.Discard with -q
	// secrets are the secret values the command read (mask): stdout and
	// stderr hide every form of them, line by line, whatever prints.
	secrets *pipeline.Masker
}

// runner is the GitHub Actions runner, writing its workflow commands to
// the raw standard output.
func (e *env) runner() *github.Runner { return github.NewRunner(e.getenv, e.commands) }

// mask hides secret values, and every part of them a server may echo (a
// webhook URL's token), in whatever the command prints from now on, and
// asks GitHub Actions to hide them in the job's log before anything could
// print them (the workflow command ::add-mask::, written by the runner).
// The rooms mask what they write themselves (publish its records,
// httpapi the networks' words); this is the last line, for any message
// that would slip through.
func (e *env) mask(secrets []string) {
	e.secrets.Add(secrets...)
	e.runner().MaskSecrets(secrets)
}

// command is one subcommand: its help, and its options, which declare the
// flags and run it.
type command struct {
	name    string
	usage   string // the arguments after the command name; the summary is the catalog's command.<name>, the longer help help/<name>.txt
	options func() options
}

// options is a command's flags as a value, and the command itself: run
// gets the arguments left after the flags. Its error decides the exit
// code, in one place (exitCode).
type options interface {
	flags(fs *flag.FlagSet)
	run(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"lint", "[--format text|json|sarif] [--fail-on LEVEL] [--now TIME] [PATH...]", func() options { return &lintOptions{} }},
		{"fix", "[--diff] [--rule IDS] [PATH...]", func() options { return &fixOptions{} }},
		{"preview", "[--format text|json] FILE...", func() options { return &previewOptions{} }},
		{"plan", "[--from DATE] [--to DATE] [--ics FILE] [--csv FILE]", func() options { return &planOptions{} }},
		{"import", "[--dry-run] FILE.csv", func() options { return &importOptions{} }},
		{"new", "[--at TIME] [--channels a,b] [--lang fr] TITLE", func() options { return &newOptions{} }},
		{"publish", "[--now TIME] [--dry-run] [--no-commit]", func() options { return &publishOptions{} }},
		{"freeze", "[--until TIME] [--reason TEXT] [--no-commit]", func() options { return &freezeOptions{} }},
		{"unfreeze", "[--no-commit]", func() options { return &unfreezeOptions{} }},
		{"metrics", "[--window 30d] [--no-commit] [--push]", func() options { return &metricsOptions{} }},
		{"report", "[--month YYYY-MM|last] [--brand B] [--format md|html|csv] [--out DIR] [--commit]", func() options { return &reportOptions{} }},
		{"history", "[--format text|json] [PATH]", func() options { return &historyOptions{} }},
		{"init", "[--force] [--lang L] [--timezone Z] [--networks a,b] [--brand NAME]", func() options { return &initOptions{} }},
		{"doctor", "", func() options { return doctorOptions{} }},
		{"lsp", "", func() options { return lspOptions{} }},
		{"completion", "bash|zsh|fish", func() options { return completionOptions{} }},
		{"version", "", func() options { return versionOptions{} }},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, lang: i18n.FromEnv(getenv), dir: ".", commands: stdout, rawErr: stderr, secrets: pipeline.NewMasker()}
	if e.runner().InActions() {
		// Nothing crieur prints but its own workflow commands may be read as
		// one: file names, posts and networks' messages are others' words.
		out, errs := github.NewPlain(stdout), github.NewPlain(stderr)
		defer out.Flush()
		defer errs.Flush()
		e.stdout, e.stderr = out, errs
	}
	out, errs := &pipeline.MaskedLines{W: e.stdout, Masker: e.secrets}, &pipeline.MaskedLines{W: e.stderr, Masker: e.secrets}
	defer out.Flush() // before github.Plain's: it writes to them
	defer errs.Flush()
	e.stdout, e.stderr, e.said, e.saidErr = out, errs, out, errs
	for len(args) > 0 {
		switch a := args[0]; {
		case a == "-q" || a == "--quiet":
			e.said, e.saidErr, args = io.Discard, io.Discard, args[1:]
			continue
		case a == "-C" || a == "--dir":
			if len(args) < 2 {
				fmt.Fprintln(stderr, "crieur: "+e.say("usage.dir_needed", nil))
				return exitUsage
			}
			e.dir, args = args[1], args[2:]
			continue
		case strings.HasPrefix(a, "-C="), strings.HasPrefix(a, "--dir="):
			e.dir, args = a[strings.Index(a, "=")+1:], args[1:]
			continue
		case a == "help" && len(args) > 1:
			return run(ctx, []string{args[1], "--help"}, stdin, stdout, stderr, getenv)
		case a == "-h" || a == "--help" || a == "help":
			usage(stdout, e)
			return exitOK
		case a == "--version":
			fmt.Fprintln(stdout, "crieur", currentBuild().Version)
			return exitOK
		case strings.HasPrefix(a, "-"):
			fmt.Fprintln(stderr, "crieur: "+e.say("usage.unknown_flag", with{"flag": a}))
			usage(stderr, e)
			return exitUsage
		}
		break
	}
	e.lang = content.TeamLanguage(e.dir, e.lang) // crieur.yml's language: from the first word
	if len(args) == 0 {
		usage(stderr, e)
		return exitUsage
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return e.exitCode(c, e.execute(c, args[1:]))
		}
	}
	fmt.Fprintln(stderr, "crieur: "+e.say("usage.unknown_command", with{"command": strconv.Quote(args[0])}))
	if s := closest(args[0]); s != "" {
		fmt.Fprintln(stderr, e.say("usage.did_you_mean", with{"command": s}))
	}
	fmt.Fprintln(stderr, e.say("usage.see_help", nil))
	return exitUsage
}

// execute parses a command's flags into its options and runs it.
func (e *env) execute(c command, args []string) error {
	o, fs := e.flagSet(c)
	rest, err := parseFlags(e, c, fs, args)
	if err != nil {
		return err
	}
	return o.run(e, rest)
}

// Errors a command returns, mapped to exit codes by exitCode alone.
var (
	// errHelp: the command printed its help (exit 0).
	errHelp = errors.New("help requested")
	// errFindings: the command printed findings at error level, a refused
	// post or a failed channel, and says nothing more (exit 1).
	errFindings = errors.New("findings at error level")
)

// usageError is a command called the wrong way: "crieur CMD: message",
// the catalog's message id said in the reader's language, then the usage
// line when the flags could not be read (exit 2, gh's FlagError).
type usageError struct {
	id        string
	args      i18n.Args
	showUsage bool
}

func (u *usageError) Error() string { return words.Text(i18n.English, u.id, u.args) }

// usagef makes a usageError.
func usagef(id string, args i18n.Args) error { return &usageError{id: id, args: args} }

// exitCode prints a command's error and returns its exit code: 0 clean,
// 1 findings, 2 usage or runtime error (vale's convention).
func (e *env) exitCode(c command, err error) int {
	var u *usageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.As(err, &u):
		fmt.Fprintf(e.stderr, "crieur %s: %s\n", c.name, e.say(u.id, u.args))
		if u.showUsage {
			fmt.Fprintln(e.stderr, e.say("usage.line", with{"command": c.name, "usage": c.usage}))
		}
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "crieur: %v\n", err)
	return exitUsage
}

// usage prints help/crieur.txt in the reader's language around the commands.
func usage(w io.Writer, e *env) {
	var list strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&list, "  %-8s %s\n", c.name, e.say("command."+c.name, nil))
	}
	text, _ := i18n.ReadFile(texts, "help", "crieur.txt", e.lang)
	fmt.Fprint(w, strings.Replace(string(text), "{commands}\n", list.String(), 1))
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
