package i18n

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// WriteFlags writes fs's flags as flag.PrintDefaults does, in the
// reader's language: heading first when there is a flag, each flag's
// usage (already in that language), and a default other than the zero
// value as value says it ("(par défaut : 30d)"); a string's default is
// quoted.
func WriteFlags(w io.Writer, fs *flag.FlagSet, heading string, value func(def string) string) {
	fs.VisitAll(func(f *flag.Flag) {
		if heading != "" {
			fmt.Fprintln(w, heading)
			heading = ""
		}
		kind, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  %s\n    \t%s", strings.TrimSpace("-"+f.Name+" "+kind), usage)
		if def := f.DefValue; !slices.Contains([]string{"", "false", "0", "0s"}, def) {
			if g, ok := f.Value.(flag.Getter); ok {
				if _, isString := g.Get().(string); isString {
					def = strconv.Quote(def)
				}
			}
			fmt.Fprint(w, " ", value(def))
		}
		fmt.Fprintln(w)
	})
}

// flagErrors are the flag package's errors, as Go writes them: the id
// each one is said with, and its parts as named groups (flag, value).
var flagErrors = []struct {
	id string
	re *regexp.Regexp
}{
	{"undefined", regexp.MustCompile(`^flag provided but not defined: (?P<flag>.*)$`)},
	{"needs_value", regexp.MustCompile(`^flag needs an argument: (?P<flag>.*)$`)},
	{"syntax", regexp.MustCompile(`^bad flag syntax: (?P<flag>.*)$`)},
	{"invalid", regexp.MustCompile(`^invalid value (?P<value>".*") for flag (?P<flag>-[^:]*): parse error$`)},
	{"out_of_range", regexp.MustCompile(`^invalid value (?P<value>".*") for flag (?P<flag>-[^:]*): value out of range$`)},
	{"invalid_bool", regexp.MustCompile(`^invalid boolean value (?P<value>".*") for (?P<flag>-[^:]*): parse error$`)},
}

// FlagError reads an error of the flag package (FlagSet.Parse), whose
// words are Go's English, to say it in the reader's language: an id
// (undefined, needs_value, syntax, invalid, out_of_range, invalid_bool)
// and its args ({flag} as typed, with its dash; {value} quoted); "any"
// and {error} for an error it does not know.
func FlagError(err error) (id string, args Args) {
	for _, fe := range flagErrors {
		if m := fe.re.FindStringSubmatch(err.Error()); m != nil {
			args = Args{}
			for i, name := range fe.re.SubexpNames()[1:] {
				args[name] = m[i+1]
			}
			return fe.id, args
		}
	}
	return "any", Args{"error": err.Error()}
}
