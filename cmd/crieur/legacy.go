package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/crieur/crieur/pipeline/content"
)

// The helpers of the commands that still parse their own flags.

func parse(e *env, name string, fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	for _, c := range commands() {
		if c.name == name {
			rest, err := parseFlags(e, c, fs, args)
			if u := (*usageError)(nil); errors.As(err, &u) {
				e.exitCode(c, err)
			}
			return rest, err
		}
	}
	return nil, fmt.Errorf("no command %s", name)
}

func exitFor(err error) int {
	if errors.Is(err, errHelp) {
		return exitOK
	}
	return exitUsage
}

func (e *env) fail(err error) int {
	fmt.Fprintf(e.stderr, "crieur: %v\n", err)
	return exitUsage
}

func (e *env) openAt(nowFlag string) (*content.Repo, time.Time, error) {
	w, now, err := e.open(nowFlag)
	if err != nil {
		return nil, time.Time{}, err
	}
	return w.repo, now, nil
}

func gitPrefix(repo *content.Repo) string {
	w := &workspace{repo: repo}
	return w.prefix()
}
