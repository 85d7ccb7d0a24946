package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// parse reads a command's flags, allowing flags after the arguments
// (crieur lint posts/ --format json). It prints the command's help for
// --help and returns errHelp.
func parse(e *env, name string, fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var c command
	for _, cmd := range commands() {
		if cmd.name == name {
			c = cmd
		}
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(e.stdout, c, fs)
				return nil, errHelp
			}
			fmt.Fprintf(e.stderr, "crieur %s: %v\n", name, err)
			fmt.Fprintf(e.stderr, "usage: crieur %s %s\n", name, c.usage)
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func printHelp(w io.Writer, c command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "crieur %s: %s\n\nUsage:\n  crieur [-C DIR] %s %s\n", c.name, c.summary, c.name, c.usage)
	if c.help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.help))
	}
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// exitFor maps a parse error to an exit code.
func exitFor(err error) int {
	if errors.Is(err, errHelp) {
		return exitOK
	}
	return exitUsage
}

// parseTimeFlag reads a time given on the command line: the formats of
// publish_at, or "now".
func parseTimeFlag(s string, loc *time.Location) (time.Time, error) {
	if s == "now" {
		return time.Now().In(loc), nil
	}
	return pipeline.ParseTime(s, loc)
}

// parseDateFlag reads a date (a day, midnight local time) or a time.
func parseDateFlag(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	return parseTimeFlag(s, loc)
}
