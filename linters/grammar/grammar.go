// Package grammar checks French grammar with Grammalecte (Debian's
// grammalecte-cli, GPL-3), unless the charter says spelling.grammar:
// false. crieur lint runs grammalecte-cli -f FILE -j -owe once per lint
// over every French post of the run (one process reads every post's
// lines: its start, 1 to 3 s, is paid once). crieur lsp keeps Grammalecte
// running instead (Process, Grammar.Process): driver.py, crieur's own
// Python program embedded here, is run by the Python of grammalecte-cli's
// first line (#!), loads Grammalecte once and answers one JSON line per
// request with what grammalecte-cli -j -owe says of the same lines (the
// same fields, positions in code points), so that a post is checked in
// about 10 ms; a driver that dies or does not answer within its timeout
// is restarted once, and Close (the editor's shutdown) ends it. Its findings
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
// pipeline/render, linters/rule, gopkg.in/yaml.v3 (its data file) and
// pipeline/i18n (what it says, messages/{en,fr,nl}.yaml, in the reader's
// language; Grammalecte's own messages stay French), besides the standard
// library; never
// net/http, go-git or go-github. The only processes it starts are
// grammalecte-cli and its Python. internal/archtest checks the imports.
package grammar

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
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
	"github.com/crieur/crieur/pipeline/i18n"
)

// Grammar is the rule kind. Command is the program to run (default
// grammalecte-cli, found in PATH). With a Process, Grammalecte kept
// running answers instead (crieur lsp), and Command is not used.
type Grammar struct {
	Command string
	Timeout time.Duration
	Process *Process
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
		{ID: "grammar", Description: describe(i18n.English, "grammar"), Default: pipeline.Warning, Yields: "grammar.fr"},
		{ID: "grammar.typo", Description: describe(i18n.English, "grammar.typo"), Default: pipeline.Warning, Yields: "typo"},
		{ID: "grammar.unavailable", Description: describe(i18n.English, "grammar.unavailable"), Default: pipeline.Suggestion},
	}
}

// Describe says rule id in l (rule.Described).
func (Grammar) Describe(l i18n.Lang, id string) string { return describe(l, id) }

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
		why := err.Error()
		var re *runError
		if errors.As(err, &re) {
			why = say.Text(c.Language, "why."+re.why, i18n.Args{"command": re.command, "detail": re.detail})
		}
		msg := say.Text(c.Language, "unavailable.message", i18n.Args{"why": why})
		hint := say.Text(c.Language, "unavailable.hint", nil)
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
			hint := say.Text(c.Language, "grammalecte.see_rule", i18n.Args{"rule": e.RuleID})
			var fix *string
			if len(sugg) > 0 {
				hint = say.Text(c.Language, "grammalecte.write", i18n.Args{"suggestions": strings.Join(quoted(c.Language, sugg[:min(3, len(sugg))]), say.Text(c.Language, "grammalecte.or_separator", nil))})
				fix = &sugg[0]
			}
			msg := say.Text(c.Language, "grammalecte.message", i18n.Args{"message": strings.TrimSpace(e.Message), "text": l.text[start:end]})
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
func quoted(lang i18n.Lang, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s
		if strings.ContainsFunc(s, unicode.IsSpace) || strings.ContainsAny(s, "\u00a0\u202f") {
			out[i] = say.Text(lang, "grammalecte.quote", i18n.Args{"text": s})
		}
	}
	return out
}

// runError is why Grammalecte did not answer: why is an id of the
// catalog's why.*, said in the reader's language.
type runError struct {
	why, command, detail string
}

func (e *runError) Error() string {
	return say.Text(i18n.English, "why."+e.why, i18n.Args{"command": e.command, "detail": e.detail})
}

// run writes the lines to a file, one paragraph each, and reads
// Grammalecte's JSON answer.
func (g Grammar) run(lines []line) (*answer, error) {
	if g.Process != nil {
		paragraphs := make([]string, len(lines))
		for i, l := range lines {
			paragraphs[i] = l.text + "\n" // as grammalecte-cli reads a file's lines
		}
		return g.Process.check(paragraphs)
	}
	cmd := g.Command
	if cmd == "" {
		cmd = "grammalecte-cli"
	}
	path, err := exec.LookPath(cmd)
	if err != nil {
		return nil, &runError{why: "missing", command: cmd}
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
			return nil, &runError{why: "failed", command: cmd, detail: strings.TrimSpace(string(ee.Stderr))}
		}
		return nil, &runError{why: "exec", command: cmd, detail: err.Error()}
	}
	var ans answer
	if err := json.Unmarshal(out, &ans); err != nil {
		return nil, &runError{why: "unreadable", command: cmd, detail: err.Error()}
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
