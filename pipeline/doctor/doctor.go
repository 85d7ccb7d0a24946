// Package doctor checks that a content repository is ready to publish
// and says how to fix each problem (crieur doctor): the secrets each
// channel names against the publish workflow and the environment, tokens
// about to expire, the dictionaries and Grammalecte, the git remote and
// the ledger branch, the workflow's schedule and crieur's version in it.
//
// Rule of the room: a use case: imports pipeline and pipeline/content,
// and receives what other rooms know as values and functions (Input):
// the workflow as init would write it, whether a dictionary loads,
// whether Grammalecte runs. internal/archtest checks the imports.
package doctor

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline/content"
)

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
	Topic    string // secrets, tokens, spelling, grammar, git, workflow
	Says     string
	Fix      string // what to do; empty when nothing
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

// Run makes the diagnosis, in a stable order.
func Run(in Input) []Check {
	var out []Check
	out = append(out, secrets(in)...)
	out = append(out, tokens(in)...)
	out = append(out, languages(in)...)
	out = append(out, gitChecks(in)...)
	out = append(out, workflow(in)...)
	return out
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
			out = append(out, Check{Note, "secrets", fmt.Sprintf("channel %s is an outbox: nothing leaves for %s; it writes to %s/", name, cmp.Or(cc.Network, "the network"), cmp.Or(cc.Dir, in.Repo.Config.Outbox+"/"+name)),
				"when the account is ready: create its secrets in GitHub, write type: " + cmp.Or(cc.Network, "<network>") + " in crieur.yml, then crieur init --force"})
			continue
		}
		keys := make([]string, 0, len(cc.Secrets))
		for k := range cc.Secrets {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			env := cc.Secrets[k]
			if in.Workflow != nil && !strings.Contains(string(in.Workflow), env+": ${{ secrets."+env+" }}") {
				out = append(out, Check{Problem, "secrets", fmt.Sprintf("channel %s needs %s (%s), which the publish workflow does not pass", name, env, k),
					"run crieur init --force and commit .github/workflows/crieur.yml, then create the repository secret " + env + " (Settings → Secrets and variables → Actions)"})
				continue
			}
			if in.Getenv(env) == "" {
				out = append(out, Check{Note, "secrets", fmt.Sprintf("channel %s: %s is not set here", name, env),
					"in GitHub, the publish job reads the repository secret " + env + "; set it here only to publish from this machine"})
				continue
			}
			out = append(out, Check{OK, "secrets", fmt.Sprintf("channel %s: %s is passed by the workflow and set here", name, env), ""})
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
		switch {
		case err != nil:
			out = append(out, Check{Problem, "tokens", fmt.Sprintf("channel %s: token_expires %q is not a date", name, s), "write it as YYYY-MM-DD"})
		case !end.After(in.Now):
			out = append(out, Check{Problem, "tokens", fmt.Sprintf("channel %s: its token expired on %s", name, s),
				"make a new token (docs/accounts.md), update the repository secret, and write its new end in token_expires"})
		case end.Sub(in.Now) < TokenWarning:
			out = append(out, Check{Problem, "tokens", fmt.Sprintf("channel %s: its token expires on %s, in %d days", name, s, int(end.Sub(in.Now).Hours()/24)+1),
				"make a new token before then (docs/accounts.md), update the repository secret and token_expires"})
		default:
			out = append(out, Check{OK, "tokens", fmt.Sprintf("channel %s: its token is valid until %s", name, s), ""})
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
			out = append(out, Check{OK, "spelling", "the " + l + " dictionary loads", ""})
		}
	}
	if grammar && in.Grammar != nil {
		if err := in.Grammar(); err != nil {
			out = append(out, Check{Problem, "grammar", "Grammalecte is not installed: French grammar is not checked (" + err.Error() + ")",
				"install it (Debian, Ubuntu: sudo apt install grammalecte-cli), or write grammar: false under spelling: in the charter"})
		} else {
			out = append(out, Check{OK, "grammar", "Grammalecte runs", ""})
		}
	}
	return out
}

// gitChecks: a git repository with an origin, and the ledger branch once
// publish ran.
func gitChecks(in Input) []Check {
	switch {
	case !in.InGit:
		return []Check{{Problem, "git", "this folder is not in a git repository: publish cannot record what went out",
			"run git init, commit, and push the repository to GitHub"}}
	case !in.HasRemote:
		return []Check{{Problem, "git", "the git repository has no origin remote: the Action cannot run and the ledger cannot be shared",
			"create the repository on GitHub and run git remote add origin <its URL>, then git push -u origin main"}}
	case !in.HasLedger:
		return []Check{{Note, "git", "no crieur/ledger branch yet: the first publish run creates it", ""},
			{Note, "git", "a protected main is fine: publish records on crieur/ledger and says when main refused its state (docs/protected-main.md)", ""}}
	}
	return []Check{{OK, "git", "origin and the crieur/ledger branch are there", ""}}
}

var (
	usesRE = regexp.MustCompile(`uses: (crieur/crieur@\S+(?: # \S+)?)`)
	cronRE = regexp.MustCompile(`(?m)^\s*- cron: .*\n(?:\s*timezone: .*\n)?`)
)

// workflow: the publish workflow exists, runs the crieur this is, and
// runs at the charter's slots.
func workflow(in Input) []Check {
	if in.Workflow == nil {
		return []Check{{Problem, "workflow", "no .github/workflows/crieur.yml: nothing reviews pull requests or publishes",
			"run crieur init, then commit and push the workflows"}}
	}
	var out []Check
	got, want := usesRE.FindStringSubmatch(string(in.Workflow)), usesRE.FindStringSubmatch(string(in.Expected))
	if got == nil || want == nil || got[1] != want[1] {
		out = append(out, Check{Problem, "workflow", fmt.Sprintf("the workflows run %s, this crieur writes %s", first(got, "another action"), first(want, "?")),
			"run crieur init --force to use this version (or upgrade crieur: see the README's Install and upgrade), and commit the workflows"})
	}
	if g, w := strings.Join(cronRE.FindAllString(string(in.Workflow), -1), ""), strings.Join(cronRE.FindAllString(string(in.Expected), -1), ""); g != w {
		out = append(out, Check{Problem, "workflow", "the publish schedule is not the charter's slots (schedule.slots changed since crieur init)",
			"run crieur init --force and commit .github/workflows/crieur.yml"})
	}
	if len(out) == 0 {
		out = append(out, Check{OK, "workflow", "the workflows run this crieur, at the charter's slots", ""})
	}
	return out
}

func first(m []string, or string) string {
	if m == nil {
		return or
	}
	return m[1]
}

// Write prints the diagnosis: one line per check, its fix under it, and
// the count of problems, which it returns.
func Write(w io.Writer, checks []Check) int {
	problems := 0
	for _, c := range checks {
		mark := map[Severity]string{OK: "ok  ", Note: "note", Problem: "FIX "}[c.Severity]
		fmt.Fprintf(w, "%s %-8s %s\n", mark, c.Topic, c.Says)
		if c.Fix != "" && c.Severity != OK {
			fmt.Fprintf(w, "              → %s\n", c.Fix)
		}
		if c.Severity == Problem {
			problems++
		}
	}
	if problems == 0 {
		fmt.Fprintln(w, "ready: nothing to fix")
	} else {
		fmt.Fprintf(w, "%d %s to fix\n", problems, map[bool]string{true: "problem", false: "problems"}[problems == 1])
	}
	return problems
}
