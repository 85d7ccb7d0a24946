package main

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/crieur/crieur/pipeline/i18n"
)

// helpTexts are the commands' longer help, one text file each, in
// English and in help/<lang>/: what crieur says is data, not Go literals.
//
//go:embed help/*.txt help/fr/*.txt help/nl/*.txt
var helpTexts embed.FS

// parseFlags reads a command's flags, allowing flags after the arguments
// (crieur lint posts/ --format json). It prints the command's help for
// --help and returns errHelp; a flag it cannot read is a usageError.
func parseFlags(e *env, c command, fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(e.stdout, c, fs, i18n.Choose("", e.getenv))
				return nil, errHelp
			}
			return nil, &usageError{msg: err.Error(), showUsage: true}
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

// noFlags is the options of a command without flags.
type noFlags struct{}

func (noFlags) flags(*flag.FlagSet) {}

// noArgs refuses arguments to a command that takes none.
func noArgs(args []string, hint string) error {
	if len(args) == 0 {
		return nil
	}
	if hint != "" {
		return usagef("unexpected argument %q (%s)", args[0], hint)
	}
	return usagef("unexpected argument %q", args[0])
}

func printHelp(w io.Writer, c command, fs *flag.FlagSet, lang i18n.Lang) {
	fmt.Fprintf(w, "crieur %s: %s\n\nUsage:\n  crieur [-C DIR] %s %s\n", c.name, c.summary, c.name, c.usage)
	if help, err := i18n.ReadFile(helpTexts, "help", c.name+".txt", lang); err == nil {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(string(help)))
	}
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// splitList reads a comma- or space-separated flag value.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// plural picks the word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
