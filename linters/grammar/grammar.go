// Package grammar checks French grammar with Grammalecte (Debian's
// grammalecte-cli, GPL-3), run as a separate process once per lint over
// every French post whose charter asks for it (spelling.grammar: true).
// Its findings (agreement, confusions such as dès/des, ça/sa, a/à,
// conjugation) are mapped back to the post's file, line and column.
// Spelling and typography are left to the spelling and typo rules.
// When grammalecte-cli is not installed, one finding says so and the
// lint goes on.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render and linters/rule, besides the standard library; never
// net/http, go-git or go-github. The only process it starts is
// grammalecte-cli. internal/archtest checks the imports.
package grammar

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// Grammar is the rule kind. Command is the program to run (default
// grammalecte-cli, found in PATH).
type Grammar struct {
	Command string
	Timeout time.Duration
}

var _ rule.CalendarRule = Grammar{}

func (Grammar) Infos() []rule.Info {
	return []rule.Info{
		{ID: "grammar", Description: "French grammar (Grammalecte): agreement, confusions, conjugation.", Default: pipeline.Warning},
		{ID: "grammar.unavailable", Description: "grammalecte-cli is not installed: French grammar is not checked.", Default: pipeline.Suggestion},
	}
}

// kinds are the Grammalecte error types kept: grammar, not typography
// (typo rules) nor spelling (spelling rule).
var kinds = map[string]bool{
	"gn": true, "ppas": true, "conf": true, "conj": true, "infi": true, "imp": true,
	"inte": true, "vmode": true, "sgpl": true, "gv": true, "neg": true, "mc": true,
}

// line is one line of prose sent to Grammalecte, and where it came from.
type line struct {
	fd   rule.Finder // the part it comes from
	off  int         // byte offset of the line in the part's Source
	text string
}

type answer struct {
	Data []struct {
		Paragraph int `json:"iParagraph"`
		Errors    []struct {
			Start       int      `json:"nStart"`
			End         int      `json:"nEnd"`
			Type        string   `json:"sType"`
			RuleID      string   `json:"sRuleId"`
			Message     string   `json:"sMessage"`
			Suggestions []string `json:"aSuggestions"`
		} `json:"lGrammarErrors"`
	} `json:"data"`
}

// CheckAll sends the French prose of every post that asks for grammar to
// one Grammalecte process and maps its answers back.
func (g Grammar) CheckAll(c *rule.Context, files []*content.File) []pipeline.Finding {
	var lines []line
	var first *content.File
	for _, f := range files {
		p := f.Post
		if !strings.HasPrefix(p.Lang, "fr") || !c.Repo.CharterFor(p.Brand).Spelling.Grammar {
			continue
		}
		if first == nil {
			first = f
		}
		for _, part := range rule.Parts(p) {
			masked := rule.Mask(part.Source)
			fd := rule.NewFinder(f, part)
			off := 0
			for _, l := range strings.SplitAfter(masked, "\n") {
				text := strings.TrimRight(l, "\r\n")
				if strings.TrimSpace(text) != "" {
					lines = append(lines, line{fd: fd, off: off, text: text})
				}
				off += len(l)
			}
		}
	}
	if len(lines) == 0 {
		return nil
	}
	ans, err := g.run(lines)
	if err != nil {
		pos := first.Post.PosOf("lang")
		msg := "French grammar is not checked: " + err.Error()
		hint := "install it: apt-get install grammalecte-cli, or set spelling.grammar: false in the charter"
		return []pipeline.Finding{rule.At(first.Post, pos, "grammar.unavailable", pipeline.Suggestion, msg, hint)}
	}
	var out []pipeline.Finding
	for _, para := range ans.Data {
		i := para.Paragraph - 1
		if i < 0 || i >= len(lines) {
			continue
		}
		l := lines[i]
		for _, e := range para.Errors {
			if !kinds[e.Type] {
				continue
			}
			start, end := byteOffset(l.text, e.Start), byteOffset(l.text, e.End)
			if start >= end {
				continue
			}
			hint := "see the rule " + e.RuleID + " of Grammalecte"
			var fix *string
			if len(e.Suggestions) > 0 {
				hint = "write " + strings.Join(e.Suggestions[:min(3, len(e.Suggestions))], " or ")
				fix = &e.Suggestions[0]
			}
			msg := fmt.Sprintf("%s (« %s »)", strings.TrimSpace(e.Message), l.text[start:end])
			out = append(out, l.fd.At(rule.Span{Start: l.off + start, End: l.off + end}, "grammar", pipeline.Warning, msg, hint, fix))
		}
	}
	return out
}

// run writes the lines to a file, one paragraph each, and reads
// Grammalecte's JSON answer.
func (g Grammar) run(lines []line) (*answer, error) {
	cmd := g.Command
	if cmd == "" {
		cmd = "grammalecte-cli"
	}
	path, err := exec.LookPath(cmd)
	if err != nil {
		return nil, fmt.Errorf("%s is not installed", cmd)
	}
	tmp, err := os.CreateTemp("", "crieur-grammar-*.txt")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	if _, err := tmp.WriteString(b.String()); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	timeout := g.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "-f", tmp.Name(), "-j", "-owe").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("%s failed: %s", cmd, strings.TrimSpace(string(ee.Stderr)))
		}
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	var ans answer
	if err := json.Unmarshal(out, &ans); err != nil {
		return nil, fmt.Errorf("%s answered something crieur cannot read: %v", cmd, err)
	}
	return &ans, nil
}

// byteOffset converts a code-point index (Python's) into a byte offset.
func byteOffset(s string, cp int) int {
	off := 0
	for i := 0; i < cp && off < len(s); i++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}
