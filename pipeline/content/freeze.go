package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// LoadFreeze reads the content root's freeze.yml; nil when there is none.
// Times are read in the repository's zone; what is wrong is said in l.
func LoadFreeze(root string, loc *time.Location, l i18n.Lang) (*pipeline.Freeze, error) {
	b, err := os.ReadFile(filepath.Join(root, FreezeFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseFreeze(b, loc, l)
}

// ParseFreeze reads a freeze file. Every problem names the file, line and
// column: a freeze that cannot be read stops publishing rather than being
// ignored. It speaks English (LoadFreeze the reader's language).
func ParseFreeze(b []byte, loc *time.Location) (*pipeline.Freeze, error) {
	return parseFreeze(b, loc, i18n.English)
}

func parseFreeze(b []byte, loc *time.Location, l i18n.Lang) (*pipeline.Freeze, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, errors.New(say.Text(l, "freeze.syntax", i18n.Args{"file": FreezeFile, "detail": err.Error()}))
	}
	f := &pipeline.Freeze{}
	bad := func(n *yaml.Node, id string, args i18n.Args) error {
		return fmt.Errorf("%s:%d:%d: %s", FreezeFile, n.Line, n.Column, say.Text(l, id, args))
	}
	if len(doc.Content) == 0 {
		return f, nil // an empty file freezes from the beginning of time
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, bad(m, "freeze.mapping", nil)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return nil, bad(v, "freeze.single", i18n.Args{"key": k.Value})
		}
		switch k.Value {
		case "since", "until":
			t, err := pipeline.ParseTime(v.Value, loc)
			if err != nil {
				detail := err.Error()
				if te, ok := err.(*pipeline.TimeError); ok {
					msg, hint := TimeErrorIn(te, l)
					detail = msg + " (" + hint + ")"
				}
				return nil, bad(v, "freeze.time", i18n.Args{"key": k.Value, "detail": detail})
			}
			if k.Value == "since" {
				f.Since = t
			} else {
				f.Until = t
			}
		case "reason":
			f.Reason = v.Value
		case "by":
			f.By = v.Value
		default:
			args := i18n.Args{"value": quoteIn(l, k.Value)}
			if s := pipeline.Suggest(k.Value, []string{"since", "until", "reason", "by"}); s != "" {
				args["hint"] = say.Text(l, "did_you_mean", i18n.Args{"word": s})
				return nil, bad(k, "freeze.unknown_hint", args)
			}
			return nil, bad(k, "freeze.unknown", args)
		}
	}
	if !f.Until.IsZero() && !f.Until.After(f.Since) {
		return nil, errors.New(say.Text(l, "freeze.order", i18n.Args{"file": FreezeFile, "until": f.Until.Format(time.RFC3339), "since": f.Since.Format(time.RFC3339)}))
	}
	return f, nil
}

// FormatFreeze writes a freeze file, with a comment saying what it does.
func FormatFreeze(f *pipeline.Freeze, loc *time.Location) []byte {
	var b strings.Builder
	b.WriteString("# Publishing is frozen: crieur publish sends nothing while this file is\n")
	b.WriteString("# here (retractions still go out). Remove it with: crieur unfreeze\n")
	fmt.Fprintf(&b, "since: %s\n", f.Since.In(loc).Format(time.RFC3339))
	if !f.Until.IsZero() {
		fmt.Fprintf(&b, "until: %s\n", f.Until.In(loc).Format(time.RFC3339))
	}
	if f.Reason != "" {
		fmt.Fprintf(&b, "reason: %s\n", quote(f.Reason))
	}
	if f.By != "" {
		fmt.Fprintf(&b, "by: %s\n", quote(f.By))
	}
	return []byte(b.String())
}

func quote(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
