package main

import (
	"cmp"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/crieur/crieur/pipeline/i18n"
)

// texts are what crieur says itself, as data, not Go literals: the
// commands' longer help (help/, help/<lang>/) and its lines (messages/).
//
//go:embed help/*.txt help/fr/*.txt help/nl/*.txt messages/*.yaml
var texts embed.FS

var words = i18n.MustLoad(texts, "messages")

// with is a message's placeholders: e.say("wrote", with{"path": p}).
type with = i18n.Args

// say is message id in the reader's language (e.lang).
func (e *env) say(id string, args with) string { return words.Text(e.lang, id, args) }

// flagSet is a command's options with their flags, whose help is the
// catalog's in the reader's language (flag.COMMAND.FLAG).
func (e *env) flagSet(c command) (options, *flag.FlagSet) {
	o, fs := c.options(), flag.NewFlagSet(c.name, flag.ContinueOnError)
	o.flags(fs)
	fs.VisitAll(func(f *flag.Flag) { f.Usage = e.say("flag."+c.name+"."+f.Name, nil) })
	return o, fs
}

// parseFlags reads a command's flags, allowing flags after the arguments
// (crieur lint posts/ --format json). It prints the command's help for
// --help and returns errHelp; a flag it cannot read is a usageError.
func parseFlags(e *env, c command, fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(e, c, fs)
				return nil, errHelp
			}
			id, args := i18n.FlagError(err) // Go's words, said in the reader's language
			return nil, &usageError{id: "usage.flag." + id, args: args, showUsage: true}
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

// noArgs refuses arguments to a command that takes none: message id, or usage.unexpected.
func noArgs(args []string, id string) error {
	if len(args) == 0 {
		return nil
	}
	return usagef(cmp.Or(id, "usage.unexpected"), with{"arg": strconv.Quote(args[0])})
}

// printHelp prints a command's help as the flag package would, in the reader's language.
func printHelp(e *env, c command, fs *flag.FlagSet) {
	fmt.Fprintf(e.stdout, "crieur %s: %s\n\n%s\n  crieur [-C DIR] %s %s\n", c.name, e.say("command."+c.name, nil), e.say("help.usage", nil), c.name, c.usage)
	if help, err := i18n.ReadFile(texts, "help", c.name+".txt", e.lang); err == nil {
		fmt.Fprintf(e.stdout, "\n%s\n", strings.TrimSpace(string(help)))
	}
	i18n.WriteFlags(e.stdout, fs, "\n"+e.say("help.flags", nil), func(def string) string { return e.say("help.default", with{"value": def}) })
}

// splitList reads a comma- or space-separated flag value.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}
