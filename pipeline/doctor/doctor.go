// Package doctor checks that a content repository is ready to publish
// and says how to fix each problem (crieur doctor): the secrets each
// channel names against the publish workflow and the environment, tokens
// about to expire, the dictionaries and Grammalecte, the git remote and
// the ledger branch, the workflow's schedule and crieur's version in it.
//
// It speaks the reader's language (Repo.Language): messages/*.yaml.
//
// Rule of the room: a use case: imports pipeline, pipeline/content and
// pipeline/i18n, and receives what other rooms know as values and
// functions (Input): the workflow as init would write it, whether a
// dictionary loads, whether Grammalecte runs. internal/archtest checks the imports.
package doctor

import (
	"cmp"
	"embed"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what the doctor says, in each reader's language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// Severity of a check.
type Severity int

const (
	OK      Severity = iota // nothing to do
	Note                    // worth knowing; nothing to fix
	Problem                 // publishing would fail, or do what the team does not expect
)

// Check is one line of the diagnosis.
type Check struct {
	Severity Severity
	Topic    string // secrets, tokens, spelling, grammar, git, workflow (Write says it in the reader's language)
	Says     string
	Fix      string // what to do; empty when nothing
}

// Diagnosis is the checks, said in Lang.
type Diagnosis struct {
	Checks []Check
	Lang   i18n.Lang
}

// Input is what the doctor looks at.
type Input struct {
	Repo   *content.Repo
	Getenv func(string) string
	Now    time.Time
	// Workflow is .github/workflows/crieur.yml as the repository has it
	// (nil: none), Expected as crieur init would write it now.
	Workflow, Expected []byte
	InGit              bool
	HasRemote          bool // an origin remote
	HasLedger          bool // the crieur/ledger branch, as this clone knows it
	// Dictionary says whether the spelling of a language can be
	// checked: empty, or the problem and its fix.
	Dictionary func(lang string) (problem, fix string)
	// Grammar says whether Grammalecte runs; nil error when it does.
	Grammar func() error
}

// TokenWarning is how long before a token's expiry the doctor says so.
const TokenWarning = 14 * 24 * time.Hour

// Run makes the diagnosis, in a stable order, in the reader's language
// (in.Repo.Language, English when unset).
func Run(in Input) Diagnosis {
	var out []Check
	out = append(out, secrets(in)...)
	out = append(out, tokens(in)...)
	out = append(out, languages(in)...)
	out = append(out, gitChecks(in)...)
	out = append(out, workflow(in)...)
	return Diagnosis{Checks: out, Lang: lang(in)}
}

// lang is the reader's language.
func lang(in Input) i18n.Lang {
	return cmp.Or(in.Repo.Language, i18n.English)
}

// text is message id in the reader's language, on one line.
func text(in Input, id string, args i18n.Args) string {
	return say.Line(lang(in), id, args)
}

// check is a check whose text is id.says and whose fix is id.fix.
func check(in Input, s Severity, topic, id string, args i18n.Args) Check {
	return Check{s, topic, text(in, id+".says", args), text(in, id+".fix", args)}
}

// channelNames are crieur.yml's channels, sorted.
func channelNames(in Input) []string {
	names := make([]string, 0, len(in.Repo.Config.Channels))
	for n := range in.Repo.Config.Channels {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// secrets: every variable a network channel names is passed by the
// publish workflow; here, whether it is set.
func secrets(in Input) []Check {
	var out []Check
	for _, name := range channelNames(in) {
		cc := in.Repo.Config.Channels[name]
		if cc.Type == "outbox" {
			c := check(in, Note, "secrets", "outbox", i18n.Args{"name": name, "network": cmp.Or(cc.Network, text(in, "outbox.the_network", nil)),
				"dir": cmp.Or(cc.Dir, in.Repo.Config.Outbox+"/"+name)})
			c.Fix = text(in, "outbox.fix", i18n.Args{"network": cmp.Or(cc.Network, "<network>")})
			out = append(out, c)
			continue
		}
		keys := make([]string, 0, len(cc.Secrets))
		for k := range cc.Secrets {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			env := cc.Secrets[k]
			if in.Workflow != nil && !content.PassesSecret(in.Workflow, env) {
				out = append(out, check(in, Problem, "secrets", "secret.not_passed", i18n.Args{"name": name, "env": env, "key": k}))
				continue
			}
			if in.Getenv(env) == "" {
				out = append(out, check(in, Note, "secrets", "secret.not_set", i18n.Args{"name": name, "env": env}))
				continue
			}
			out = append(out, Check{OK, "secrets", text(in, "secret.ok", i18n.Args{"name": name, "env": env}), ""})
		}
	}
	return out
}

// tokens: a token whose end crieur.yml records (token_expires) and that
// ends within TokenWarning, or has ended.
func tokens(in Input) []Check {
	var out []Check
	for _, name := range channelNames(in) {
		cc := in.Repo.Config.Channels[name]
		s := strings.TrimSpace(cc.Options["token_expires"])
		if s == "" {
			continue
		}
		end, err := time.ParseInLocation("2006-01-02", s, in.Repo.Config.Timezone)
		args := i18n.Args{"name": name, "date": s, "value": fmt.Sprintf("%q", s)}
		switch {
		case err != nil:
			out = append(out, check(in, Problem, "tokens", "token.not_date", args))
		case !end.After(in.Now):
			out = append(out, check(in, Problem, "tokens", "token.expired", args))
		case end.Sub(in.Now) < TokenWarning:
			days := int(end.Sub(in.Now).Hours()/24) + 1
			out = append(out, Check{Problem, "tokens", say.Count(lang(in), "token.expires.says", days, args), text(in, "token.expires.fix", nil)})
		default:
			out = append(out, Check{OK, "tokens", text(in, "token.ok", args), ""})
		}
	}
	return out
}

// languages: a dictionary for every language the charters and the
// defaults name; Grammalecte where a charter checks French grammar.
func languages(in Input) []Check {
	langs := map[string]bool{}
	if l := in.Repo.Config.Defaults.Lang; l != "" {
		langs[l] = true
	}
	grammar := false
	for _, ch := range in.Repo.Charters {
		for _, l := range ch.Languages {
			langs[l] = true
		}
		on, _ := ch.Spelling.GrammarOn()
		grammar = grammar || (on && (slices.Contains(ch.Languages, "fr") || in.Repo.Config.Defaults.Lang == "fr"))
	}
	var out []Check
	for _, l := range slices.Sorted(maps.Keys(langs)) {
		if in.Dictionary == nil {
			break
		}
		if problem, fix := in.Dictionary(l); problem != "" {
			out = append(out, Check{Problem, "spelling", problem, fix})
		} else {
			out = append(out, Check{OK, "spelling", text(in, "dictionary_ok", i18n.Args{"lang": l}), ""})
		}
	}
	if grammar && in.Grammar != nil {
		if err := in.Grammar(); err != nil {
			out = append(out, check(in, Problem, "grammar", "grammar.missing", i18n.Args{"error": err.Error()}))
		} else {
			out = append(out, Check{OK, "grammar", text(in, "grammar.ok", nil), ""})
		}
	}
	return out
}

// gitChecks: a git repository with an origin, and the ledger branch once
// publish ran.
func gitChecks(in Input) []Check {
	switch {
	case !in.InGit:
		return []Check{check(in, Problem, "git", "git.none", nil)}
	case !in.HasRemote:
		return []Check{check(in, Problem, "git", "git.no_remote", nil)}
	case !in.HasLedger:
		return []Check{{Note, "git", text(in, "git.no_ledger", nil), ""},
			{Note, "git", text(in, "git.protected", nil), ""}}
	}
	return []Check{{OK, "git", text(in, "git.ok", nil), ""}}
}

var (
	usesRE = regexp.MustCompile(`uses: (crieur/crieur@\S+(?: # \S+)?)`)
	cronRE = regexp.MustCompile(`(?m)^\s*- cron: .*\n(?:\s*timezone: .*\n)?`)
)

// workflow: the publish workflow exists, runs the crieur this is, and
// runs at the charter's slots.
func workflow(in Input) []Check {
	if in.Workflow == nil {
		return []Check{check(in, Problem, "workflow", "workflow.none", nil)}
	}
	var out []Check
	got, want := usesRE.FindStringSubmatch(string(in.Workflow)), usesRE.FindStringSubmatch(string(in.Expected))
	if got == nil || want == nil || got[1] != want[1] {
		out = append(out, check(in, Problem, "workflow", "workflow.version", i18n.Args{"got": first(got, text(in, "workflow.version.another", nil)), "want": first(want, "?")}))
	}
	if g, w := strings.Join(cronRE.FindAllString(string(in.Workflow), -1), ""), strings.Join(cronRE.FindAllString(string(in.Expected), -1), ""); g != w {
		out = append(out, check(in, Problem, "workflow", "workflow.slots", nil))
	}
	if len(out) == 0 {
		out = append(out, Check{OK, "workflow", text(in, "workflow.ok", nil), ""})
	}
	return out
}

func first(m []string, or string) string {
	if m == nil {
		return or
	}
	return m[1]
}

// Write prints the diagnosis in its language: one line per check (a
// mark, the topic, what it says), its fix under it, and the count of
// problems, which it returns.
func Write(w io.Writer, d Diagnosis) int {
	marks := map[Severity]string{OK: "ok", Note: "note", Problem: "problem"}
	markWidth, topicWidth := 0, 0
	for _, id := range marks {
		markWidth = max(markWidth, utf8.RuneCountInString(say.Text(d.Lang, "mark."+id, nil)))
	}
	for _, id := range say.IDs("topic.") {
		topicWidth = max(topicWidth, utf8.RuneCountInString(say.Text(d.Lang, id, nil)))
	}
	problems := 0
	for _, c := range d.Checks {
		mark := pad(say.Text(d.Lang, "mark."+marks[c.Severity], nil), markWidth)
		topic := c.Topic
		if say.Has("topic." + c.Topic) {
			topic = say.Text(d.Lang, "topic."+c.Topic, nil)
		}
		fmt.Fprintf(w, "%s %s %s\n", mark, pad(topic, topicWidth), c.Says)
		if c.Fix != "" && c.Severity != OK {
			fmt.Fprintf(w, "%s→ %s\n", strings.Repeat(" ", markWidth+topicWidth+2), c.Fix)
		}
		if c.Severity == Problem {
			problems++
		}
	}
	if problems == 0 {
		fmt.Fprintln(w, say.Text(d.Lang, "ready", nil))
	} else {
		fmt.Fprintln(w, say.Count(d.Lang, "problems", problems, nil))
	}
	return problems
}

// pad is s followed by spaces up to width characters.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s)))
}
