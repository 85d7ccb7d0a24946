// Package grammar checks French grammar with Grammalecte (Debian's
// grammalecte-cli, GPL-3), run as a separate process once per lint over
// every French post of the run (one process reads every post's lines),
// unless the charter says spelling.grammar: false. Its findings
// (agreement, confusions such as dès/des, ça/sa, a/à, conjugation) are
// mapped back to the post's file, line and column (rule grammar).
//
// Its typography findings (straight quotes, « 19h » for « 19 h », the
// space of « 30 % », the minus sign, spaces) are kept as grammar.typo,
// with Grammalecte's first suggestion as the fix, when the charter asks
// for French typography (typography.french: true); where crieur's own
// typography rules (typo.*) say something at the same place, the engine
// keeps theirs only (Info.Yields). Spelling is left to the spelling rule.
//
// When grammalecte-cli is not installed, one finding says so (a
// suggestion) and the lint goes on.
//
// French (french.go, french.yml) is crieur's own French grammar, for the
// real-word mistakes of community managers that Grammalecte misses
// (grammar.fr.*): it reads parts of speech and genders from the French
// Hunspell dictionary, and where Grammalecte says something at the same
// place, the engine keeps crieur's finding only (Info.Yields).
// scripts/french-prose.sh measures its false alarms on Debian's French
// manuals.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render, linters/rule and gopkg.in/yaml.v3 (its data file),
// besides the standard library; never
// net/http, go-git or go-github. The only process it starts is
// grammalecte-cli. internal/archtest checks the imports.
package grammar

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
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

var _ rule.Batched = Grammar{}

// Batched: Grammar judges each post alone; it takes them together only to
// start Grammalecte once.
func (Grammar) Batched() {}

// Advisory: Grammalecte's findings are warnings and suggestions, unless
// a charter makes them errors (rule.Advisory).
func (Grammar) Advisory() {}

var _ rule.Advisory = Grammar{}

func (Grammar) Infos() []rule.Info {
	return []rule.Info{
		{ID: "grammar", Description: "French grammar (Grammalecte): agreement, confusions, conjugation.", Default: pipeline.Warning, Yields: "grammar.fr"},
		{ID: "grammar.typo", Description: "French typography that crieur's typo rules do not check (Grammalecte): straight quotes, units, numbers, minus sign, spaces.", Default: pipeline.Warning, Yields: "typo"},
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
	fd     rule.Finder // the part it comes from
	off    int         // byte offset of the line in the part's Source
	text   string      // masked: links, mentions, code are spaces
	source string      // the same bytes, unmasked
	typo   *typoStyle  // nil: the charter does not ask for French typography
	vocab  []string    // the brand's vocabulary and spelling.accept
}

// typography are Grammalecte's error types (or rule id prefixes, for
// rules it files under "notype") kept as grammar.typo.
var typography = map[string]bool{"typo": true, "apos": true, "esp": true, "nbsp": true, "unit": true, "num": true}

// typoStyle is what the charter says of French typography.
type typoStyle struct {
	space  string // inside « » : U+202F (narrow, the default) or U+00A0
	quebec bool   // no space before ; ! ?
}

func styleOf(ch *pipeline.Charter, lang string) *typoStyle {
	if ch == nil || !ch.Typography.French {
		return nil
	}
	st := &typoStyle{space: "\u202f", quebec: ch.Typography.Quebec || strings.HasPrefix(strings.ToLower(lang), "fr-ca")}
	if ch.Typography.Space == "nbsp" {
		st.space = "\u00a0"
	}
	return st
}

// listMarker is the Markdown that starts a line of prose: indentation, a
// quote, a heading, a list item's marker, and the spaces after them.
var listMarker = regexp.MustCompile(`^[ \t]*(?:(?:>[ \t]*)+|#{1,6}[ \t]+|[-*+][ \t]+|[0-9]{1,9}[.)][ \t]+)?`)

// markup is how many bytes of Markdown start a line: Grammalecte reads
// the prose after them (« - 5 : » is a list, not a dash to typeset).
func markup(text string) int { return len(listMarker.FindString(text)) }

// skipped are Grammalecte's typography rules crieur leaves out: ordinals
// in superscript letters (« 1ᵉʳ » for « 1er »), which screen readers
// spell out letter by letter and some fonts of the networks lack. Its
// other suggestions get plain letters (« 2ème » → « 2e »).
func skipped(ruleID string) bool { return strings.Contains(ruleID, "ordinaux_chiffres_exposants") }

// negative is a hyphen written for the sign of a number.
var negative = regexp.MustCompile(`^-[0-9]`)

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

var plainLetters = strings.NewReplacer("ᵉ", "e", "ʳ", "r", "ˢ", "s", "ᵈ", "d", "ⁿ", "n", "ᵒ", "o", "ˡ", "l", "ᵐ", "m")

// isTypography says whether a Grammalecte error is typography.
func isTypography(typ, ruleID string) bool {
	if typography[typ] {
		return true
	}
	if typ != "notype" {
		return false
	}
	prefix, _, _ := strings.Cut(strings.TrimPrefix(ruleID, "g2__"), "_")
	return typography[prefix]
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

// prose lists the lines of French prose of the posts that ask for
// grammar, and the first of those posts.
func prose(c *rule.Context, files []*content.File) ([]line, *content.File) {
	var lines []line
	var first *content.File
	for _, f := range files {
		p := f.Post
		ch := c.Repo.CharterFor(p.Brand)
		if !strings.HasPrefix(p.Lang, "fr") {
			continue
		}
		if on, _ := ch.Spelling.GrammarOn(); !on {
			continue
		}
		if first == nil {
			first = f
		}
		st := styleOf(ch, p.Lang)
		vocab := append(append([]string(nil), c.Repo.VocabularyFor(p.Brand)...), ch.Spelling.Accept...)
		for _, part := range rule.Parts(p) {
			masked := rule.Mask(part.Source)
			fd := rule.NewFinder(f, part)
			off := 0
			for _, l := range strings.SplitAfter(masked, "\n") {
				// Trailing spaces are Markdown (a line break), not prose.
				text := strings.TrimRight(l, "\r\n \t")
				skip := markup(text)
				if strings.TrimSpace(text[skip:]) != "" {
					lines = append(lines, line{fd: fd, off: off + skip, text: text[skip:], source: part.Source[off+skip : off+len(text)], typo: st, vocab: vocab})
				}
				off += len(l)
			}
		}
	}
	return lines, first
}

// CheckAll sends the French prose of every post that asks for grammar to
// one Grammalecte process and maps its answers back.
func (g Grammar) CheckAll(c *rule.Context, files []*content.File) []pipeline.Finding {
	lines, first := prose(c, files)
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
			id := "grammar"
			if isTypography(e.Type, e.RuleID) {
				if l.typo == nil || l.typo.quebec && e.Type == "nbsp" || skipped(e.RuleID) {
					continue
				}
				id = "grammar.typo"
			} else if !kinds[e.Type] {
				continue
			}
			start, end := byteOffset(l.text, e.Start), byteOffset(l.text, e.End)
			if start >= end {
				continue
			}
			if l.text[start:end] != l.source[start:end] {
				continue // it touches a link, a mention or code: spaces crieur put there
			}
			if id == "grammar" && social(l.source, start, end, e.Type, l.vocab) {
				continue
			}
			sugg := e.Suggestions
			if id == "grammar.typo" {
				sugg = l.typo.suggestions(sugg, l.text[start:end])
			}
			hint := "see the rule " + e.RuleID + " of Grammalecte"
			var fix *string
			if len(sugg) > 0 {
				hint = "write " + strings.Join(quoted(sugg[:min(3, len(sugg))]), " or ")
				fix = &sugg[0]
			}
			msg := fmt.Sprintf("%s (« %s »)", strings.TrimSpace(e.Message), l.text[start:end])
			out = append(out, l.fd.At(rule.Span{Start: l.off + start, End: l.off + end}, id, pipeline.Warning, msg, hint, fix))
		}
	}
	return out
}

// guillemets puts the charter's space inside « » in a suggestion of
// Grammalecte's, which always writes U+00A0 there.
func (st *typoStyle) guillemets(s string) string {
	s = strings.ReplaceAll(s, "«\u00a0", "«"+st.space)
	return strings.ReplaceAll(s, "\u00a0»", st.space+"»")
}

// quoted shows suggestions between guillemets when one holds a space,
// which a reader would not see otherwise.
func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s
		if strings.ContainsFunc(s, unicode.IsSpace) || strings.ContainsAny(s, "\u00a0\u202f") {
			out[i] = "« " + s + " »"
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

// suggestions puts Grammalecte's typography suggestions for found in the
// charter's style, plain letters for ordinals, the minus sign first for
// a negative number.
func (st *typoStyle) suggestions(in []string, found string) []string {
	sugg := make([]string, len(in))
	for i, s := range in {
		sugg[i] = plainLetters.Replace(st.guillemets(s))
	}
	if negative.MatchString(found) {
		// « -30 % » is a number: the minus sign, not the
		// dash of an aside Grammalecte puts first.
		slices.SortStableFunc(sugg, func(a, b string) int {
			return cmp.Compare(btoi(!strings.HasPrefix(a, "−")), btoi(!strings.HasPrefix(b, "−")))
		})
	}
	return sugg
}
