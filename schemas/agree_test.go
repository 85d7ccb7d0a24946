package schemas

import (
	"archive/zip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"gopkg.in/yaml.v3"
)

// The differential test: the schemas and crieur's loader (pipeline/content)
// read the same files, and must accept and refuse the same ones. What a
// schema cannot know is left out of the comparison, by the loader's rule
// or message (see contextual): which channels and brands crieur.yml
// declares, whether a media file exists, what follows the front matter.

// agreeConfig declares the channels and brand the cases name.
const agreeConfig = `timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon: {type: outbox}
  bluesky: {type: outbox}
  linkedin: {type: outbox}
  telegram-fr: {type: outbox}
brands:
  botanique:
    channels: [mastodon, bluesky, linkedin]
`

// mutateCharter adds the mutants of the charter to the differential
// test: 110 of its 1,364 still disagree (null or empty values the linter
// refuses or ignores, list items of other types, languages and domains
// the schema's patterns refuse), so they are not yet part of the run.
var mutateCharter = flag.Bool("mutate-charter", false, "also compare the mutants of charte.yml")

// mutableConfig is a crieur.yml whose channels, defaults and brands
// agree, so that its mutants are refused for the value changed only.
const mutableConfig = `timezone: Europe/Brussels
outbox: outbox
journal: journal
charter: charte.yml
vocabulary: vocabulaire.txt
defaults: {channels: [mastodon, bluesky], lang: fr, brand: botanique}
channels:
  mastodon:
    type: outbox
    network: mastodon
    account: "@botanique@mastodon.social"
    dir: outbox/mastodon
    limit: 500
    secrets: {token: MASTODON_TOKEN}
    options: {server: https://mastodon.social}
  bluesky: {type: bluesky, secrets: {app_password: BLUESKY_APP_PASSWORD}}
  telegram-fr: {type: telegram, secrets: {token: TELEGRAM_TOKEN}, options: {chat_id: -1001234567890}}
brands:
  botanique: {charter: charte.yml, vocabulary: vocabulaire.txt, channels: [mastodon, bluesky]}
`

// contextual reports whether a loader's finding is one a schema cannot
// make: it depends on crieur.yml, the other files of the repository or
// the text after the front matter.
func contextual(f pipeline.Finding) bool {
	switch f.Rule {
	case "schema.brand", "schema.file", "schema.body", "schema.thread", "schema.encoding", "schema.duplicate", "schema.path":
		return true
	case "schema.channel":
		for _, s := range []string{"unknown channel", "variant for unknown channel", "does not belong to brand", "is not a channel", "is not declared"} {
			if strings.Contains(f.Message, s) {
				return true
			}
		}
	case "schema.media":
		return strings.Contains(f.Message, "not found") || strings.Contains(f.Message, "outside") || strings.Contains(f.Message, "does not exist")
	case "schema.front_matter":
		return true // the file's layout around the front matter
	case "schema.publish_at":
		// a local time the clocks skip or show twice: crieur.yml's zone
		return strings.Contains(f.Message, "does not exist in") || strings.Contains(f.Message, "happens twice in")
	case "schema.repeat":
		// two values compared (until and publish_at, on: and every:, a
		// rule's days and publish_at or except:), the expansion of a
		// rule (how many occurrences, whether any), a part given twice
		for _, s := range []string{"is before publish_at", "is not a day of the rule", "no occurrence falls on", "occurrences", "no occurrence from",
			"is given twice", "needs every: month", "every day already"} {
			if strings.Contains(f.Message, s) {
				return true
			}
		}
	case "schedule.config":
		return strings.Contains(f.Message, "before it starts") // two times compared
	}
	return false
}

// verdict is one side's answer: "" accepts, else why it refuses.
type verdict string

func loaderVerdict(fs []pipeline.Finding, err error) (v verdict, comparable bool) {
	var msgs []string
	for _, f := range fs {
		if f.Severity < pipeline.Error {
			continue
		}
		if contextual(f) {
			return "", false
		}
		msgs = append(msgs, f.Rule+": "+f.Message)
	}
	if err != nil && len(msgs) == 0 {
		msgs = append(msgs, err.Error())
	}
	return verdict(strings.Join(msgs, "; ")), true
}

// parseYAML is fromYAML that says when the YAML cannot be read.
func parseYAML(src string) (v any, err error) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		return nil, err
	}
	return jsonValue(&n)
}

// frontOf is the front matter of a post file, as the loader finds it
// (between a first line --- and the next line ---), or false.
func frontOf(src []byte) (string, bool) {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	s = strings.TrimPrefix(s, "\ufeff")
	if !strings.HasPrefix(s, "---\n") {
		return "", false
	}
	rest := s[4:]
	if strings.HasPrefix(rest, "---\n") || rest == "---" {
		return "", true
	}
	i := strings.Index(rest, "\n---\n")
	if i < 0 {
		if strings.HasSuffix(rest, "\n---") {
			return rest[:len(rest)-4], true
		}
		return "", false
	}
	return rest[:i+1], true
}

// agreeCase is one file both sides read.
type agreeCase struct {
	name, schema, src string
	file              []byte // a whole post file, for the loader; nil: src is its front matter
}

// postCases are front matters, good and bad, beside those of TestSchemas.
var postCases = []string{
	"publish_at: 2026-12-01 09:30\n",
	"publish_at: 2026-12-01 09:30\ntitle: 2026\n",
	"publish_at: 2026-12-01 09:30\ntitle: true\n",
	"publish_at: 2026-12-01 09:30\ntitle: 12.5\n",
	"publish_at: 2026-12-01 09:30\ntitle: 2026-12-01\n",
	"publish_at: 2026-12-01 09:30\ntitle:\n",
	"publish_at: 2026-12-01 09:30\ntitle: [a, b]\n",
	"status: scheduled\n",
	"status: published\n",
	"status: retracted\n",
	"channels: mastodon\nstatus: draft\n",
	"title: sans date\n",
	"publish_at: 2026-12-01 09:30\nstatus: Scheduled\n",
	"publish_at: 2026-12-01 09:30\nstatus:\n",
	"publish_at: 2026-12-01T09:30\n",
	"publish_at: 2026-12-01T09:30:00\n",
	"publish_at: 2026-12-01T09:30:00Z\n",
	"publish_at: 2026-12-01T09:30:00.5+01:00\n",
	"publish_at: 2026-12-01 9:30\n",
	"publish_at: 2026-02-30 09:30\n",
	"publish_at: 2026-03-29 02:30\n",
	"publish_at: 2026-10-25 02:30\n",
	"publish_at: \"2026-12-01 09:30\"\n",
	"publish_at: 2026-12-01 24:00\n",
	"publish_at: 2026-12-01 09:30\nlang: FR\n",
	"publish_at: 2026-12-01 09:30\nlang: fr-BE\n",
	"publish_at: 2026-12-01 09:30\nlang: fr_BE\n",
	"publish_at: 2026-12-01 09:30\nid: saison-2026\n",
	"publish_at: 2026-12-01 09:30\nid: saison 2026\n",
	"publish_at: 2026-12-01 09:30\nid: 2026\n",
	"publish_at: 2026-12-01 09:30\ncampaign: 2026\n",
	"publish_at: 2026-12-01 09:30\ncampaign: été-2026\n",
	"publish_at: 2026-12-01 09:30\nbrand: botanique\n",
	"publish_at: 2026-12-01 09:30\nchannels: []\n",
	"publish_at: 2026-12-01 09:30\nchannels: \"\"\n",
	"publish_at: 2026-12-01 09:30\nchannels:\n",
	"publish_at: 2026-12-01 09:30\nstatus: 2026\n",
	"publish_at: 2026-12-01 09:30\nchannels: [Mastodon]\n",
	"publish_at: 2026-12-01 09:30\nchannels: [mastodon, bluesky]\n",
	"publish_at: 2026-12-01 09:30\nchannels: mastodon, bluesky\n",
	"publish_at: 2026-12-01 09:30\nmedia: []\n",
	"publish_at: 2026-12-01 09:30\nmedia:\n  - file: /media/affiche.jpg\n    alt: \"\"\n",
	"publish_at: 2026-12-01 09:30\nmedia:\n  - file: /media/affiche.jpg\n    alt: Affiche\n",
	"publish_at: 2026-12-01 09:30\nmedia:\n  - file: /media/affiche.jpg\n    alt: Affiche\n    title: x\n",
	"publish_at: 2026-12-01 09:30\nmedia: {file: /media/affiche.jpg, alt: Affiche}\n",
	"publish_at: 2026-12-01 09:30\nsponsored: true\n",
	"publish_at: 2026-12-01 09:30\nsponsored: yes\n",
	"publish_at: 2026-12-01 09:30\nsponsored: \"true\"\n",
	"publish_at: 2026-12-01 09:30\nretouched: 1\n",
	"publish_at: 2026-12-01 09:30\nreplaces: posts/2026/11/a.md\n",
	"publish_at: 2026-12-01 09:30\nreplaces: posts/2026/11/a\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, until: 2027-01-31}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, until: 2026-11-01}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, count: 0}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, count: \"3\"}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: 0 weeks, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: Weekly, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: 2weeks, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: year, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, count: 3, until: 2027-01-31}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, until: 31/01/2027}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: weekly\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: first tuesday, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: le Premier   Mardi, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: \"premi\u00e8re\u00a0mardi\", count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: Eerste Dinsdag, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, on: [tuesday, jeudi, maandags], until: 2027-01-31}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, on: [mardi, 15], count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: [1, \"15\", -1], count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: le 1er jour, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: +01, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: 0, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: 32, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: [], count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: mardii, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: first, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: le, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: [first tuesday, null], count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: month, on: first tuesday}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {on: tuesday, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=12}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: \" RRULE:freq=monthly ; byday=+1tu;count = 12; \"}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU, until: 2027-06-30}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=3, count: 3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=HOURLY;COUNT=3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYHOUR=9;COUNT=3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYMONTHDAY=40;COUNT=3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYMONTHDAY=1,-1;COUNT=3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYMONTHDAY=1, -1;COUNT=3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: BYDAY=1TU;COUNT=3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;;COUNT=3}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270230}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T235959Z}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=3, every: month}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=3, on: monday}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: \"FREQ=MONTHLY;BYDAY=1TU;COUNT=6\\n\"}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=YEARLY;BYWEEKNO=-53;BYDAY=MO;WKST=SU;COUNT=2}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=6, except: [2027-02-02]}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=6, except: 2027-02-30}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, count: 3, except: [2026-12-08]}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, count: 3, except: \"\"}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, count: 3, except: null}\n",
	"publish_at: 2026-12-01 09:30\nrepeat: {every: week, count: 3, except: 2026-12-08 09:30}\n",
	"publish_at: 2026-12-01 09:30\nfirst_comment: Le programme\n",
	"publish_at: 2026-12-01 09:30\nfirst_comment: 42\n",
	"publish_at: 2026-12-01 09:30\nvariants: {bluesky: Court}\n",
	"publish_at: 2026-12-01 09:30\nvariants: {bluesky: 2026}\n",
	"publish_at: 2026-12-01 09:30\nvariants: {bluesky: [a]}\n",
	"publish_at: 2026-12-01 09:30\nvariants: [a]\n",
	"publish_at: 2026-12-01 09:30\nstatus: published\npublications: {mastodon: {id: 12, at: 2026-12-01T09:30:04+01:00}}\n",
	"publish_at: 2026-12-01 09:30\nstatus: published\npublications: {mastodon: {id: \"12\", at: 2026-12-01 09:30}}\n",
	"publish_at: 2026-12-01 09:30\nstatus: published\npublications: {mastodon: {id: \"12\", attempts: -1}}\n",
	"publish_at: 2026-12-01 09:30\nstatus: published\npublications: {mastodon: {id: \"12\", parts: [\"13\"]}}\n",
	"publish_at: 2026-12-01 09:30\nstatus: published\npublications: {mastodon: {id: \"12\", parts: [13]}}\n",
	"publish_at: 2026-12-01 09:30\nstatus: published\npublications: {mastodon: {id: \"12\", url: 5}}\n",
	"publish_at: 2026-12-01 09:30\npublications: {mastodon: \"12\"}\n",
	"publish_at: 2026-12-01 09:30\ndisable: [typo]\n",
	"publish_at: 2026-12-01 09:30\n~: x\n",
	"publish_at: 2026-12-01 09:30\n2026: x\n",
	"- a\n- b\n",
	"plain text\n",
}

// configCases are crieur.yml files, good and bad, beside TestSchemas'.
var configCases = []string{
	agreeConfig,
	mutableConfig,
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\n",
	"timezone: Europe/Bruxelles\nchannels: {m: {type: outbox}}\n",
	"timezone: UTC\nchannels: {m: {type: outbox}}\n",
	"timezone: Local\nchannels: {m: {type: outbox}}\n",
	"timezone: 2026\nchannels: {m: {type: outbox}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: mastodon, secrets: {token: MASTODON_TOKEN}}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: mastodon, secrets: {token: GITHUB_TOKEN}}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox, network: mastodon}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox, network: mastadon}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox, limit: 0}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox, limit: -1}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox, limit: \"500\"}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox, options: {x: 1}}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {}}\n",
	"timezone: Europe/Brussels\nchannels: {m: outbox}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\noutbox: ../x\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\ndefaults: {lang: français}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\ndefaults: {channels: m}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\ndefaults: {channels: [m], brand: x}\nbrands: {x: {channels: [m]}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\nbrands: {x: {channels: [m], charter: a.yml}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\nbrands: {x: {chanels: [m]}}\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\njournal: 2026\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\nlanguage: nl\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\nlanguage: fr_BE\n",
	"timezone: Europe/Brussels\nchannels: {m: {type: outbox}}\nlanguage: [fr]\n",
}

// charterCases are charte.yml files, good and bad, beside TestSchemas'.
var charterCases = []string{
	"",
	"languages: [fr]\n",
	"languages: fr\n",
	"severity: {spelling: off}\n",
	"severity: {spelling: info}\n",
	"spelling: {enabled: yes}\n",
	"spelling: {hashtags: keep}\n",
	"tone: {address: tu}\n",
	"hashtags: {max: -1}\n",
	"hashtags: {max: 0}\n",
	"emojis: {max: 2.5}\n",
	"media: {alt_min: 0}\n",
	"inclusive: allow\n",
	"inclusive: prefer\n",
	"inclusive: 1\n",
	"typography: {space: thin}\n",
	"schedule: {hours: \"8:00-21:00\"}\n",
	"schedule: {hours: \"21:00-08:00\"}\n",
	"schedule: {hours: \"08:00-25:00\"}\n",
	"schedule: {days: [lun]}\n",
	"schedule: {days: [Mon]}\n",
	"schedule: {min_gap: 90m}\n",
	"schedule: {min_gap: 2 hours}\n",
	"schedule: {max_per_day: 0}\n",
	"schedule: {blackouts: [{from: 2026-08-16, to: 2026-08-15}]}\n",
	"schedule: {blackouts: [{from: 15/08/2026, to: 2026-08-16}]}\n",
	"forbidden: [{term: gratos}]\n",
	"forbidden: [gratos]\n",
	"forbidden: [{term: gratos, severity: fatal}]\n",
	"substitutions: [{term: Bxl, replace: Bruxelles}]\n",
	"rules: [{id: a.b, kind: existence, tokens: [x]}]\n",
	"rules: [{id: a.b, kind: existence, pattern: \"(?i)x\"}]\n",
	"rules: [{id: A B, kind: existence, tokens: [x]}]\n",
	"rules: [{id: a.b, kind: existance, tokens: [x]}]\n",
	"rules: [{id: a.b, kind: capitalization, tokens: [x]}]\n",
	"rules: [{id: a.b, kind: occurrence, pattern: x, min: 1}]\n",
	"rules: [{id: a.b, kind: existence, tokens: []}]\n",
	"rules: [{kind: existence, tokens: [x]}]\n",
	"links: {domains: example.org}\n",
	"sponsored: {accepted: Pub}\n",
	"extends: 2026\n",
}

// corpus gathers the cases: the ones above and TestSchemas', the fuzz
// corpus of the post parser, and the example repository.
func corpus(t *testing.T) []agreeCase {
	var out []agreeCase
	for i, s := range postCases {
		out = append(out, agreeCase{fmt.Sprintf("post case %d", i), Post, s, nil})
	}
	for i, s := range configCases {
		out = append(out, agreeCase{fmt.Sprintf("config case %d", i), Config, s, nil})
	}
	for i, s := range charterCases {
		out = append(out, agreeCase{fmt.Sprintf("charter case %d", i), Charter, s, nil})
	}
	for _, s := range schemaCases {
		out = append(out, agreeCase{"TestSchemas: " + s.name, s.schema, s.doc, nil})
	}
	for _, m := range []struct{ name, schema, src string }{
		{"post", Post, validPost}, {"published post", Post, publishedPost},
		{"config", Config, mutableConfig},
		{"post with a rule", Post, rulePost}, {"post with days", Post, onPost},
	} {
		for i, src := range mutants(m.src) {
			out = append(out, agreeCase{fmt.Sprintf("mutant %d of the %s", i, m.name), m.schema, src, nil})
		}
	}
	if *mutateCharter {
		for i, src := range mutants(strings.Replace(validCharter, "extends: ../commun/charte.yml\n", "", 1)) {
			out = append(out, agreeCase{fmt.Sprintf("mutant %d of the charter", i), Charter, src, nil})
		}
	}
	fuzz, _ := filepath.Glob("../pipeline/content/testdata/fuzz/FuzzParsePost/*")
	for _, name := range fuzz {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		src, ok := fuzzInput(data)
		if !ok {
			continue
		}
		front, ok := frontOf(src)
		if !ok {
			continue
		}
		out = append(out, agreeCase{"fuzz " + filepath.Base(name), Post, front, src})
	}
	repeats, _ := filepath.Glob("../pipeline/content/testdata/fuzz/FuzzRepeat/*")
	for _, name := range repeats {
		if front, ok := repeatFront(t, name); ok {
			out = append(out, agreeCase{"fuzz repeat " + filepath.Base(name), Post, front, nil})
		}
	}
	posts, _ := filepath.Glob("../content-example/posts/*/*/*.md")
	for _, name := range posts {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if front, ok := frontOf(data); ok {
			out = append(out, agreeCase{"content-example " + strings.TrimPrefix(name, "../content-example/"), Post, front, data})
		}
	}
	return out
}

// Posts whose repeat: is a rule, or days, mutated value by value.
const (
	rulePost = `
publish_at: 2026-12-01 09:30
repeat:
  rule: FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270630
  except: [2027-02-02]
`
	onPost = `
publish_at: 2026-12-01 09:30
repeat:
  every: week
  on: [mardi, thursday]
  count: 6
  except: 2026-12-03
`
)

// repeatFront is the front matter FuzzRepeat makes of a file of its
// corpus (three strings: rule, on, except).
func repeatFront(t *testing.T, name string) (string, bool) {
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 4 || lines[0] != "go test fuzz v1" {
		return "", false
	}
	var v [3]string
	for i, l := range lines[1:] {
		if !strings.HasPrefix(l, "string(") || !strings.HasSuffix(l, ")") {
			return "", false
		}
		if v[i], err = strconv.Unquote(l[len("string(") : len(l)-1]); err != nil {
			return "", false
		}
	}
	rep := "  count: 6\n  every: month\n  on: " + v[1] + "\n"
	if v[0] != "" {
		rep = "  rule: " + strconv.Quote(v[0]) + "\n"
	}
	if v[2] != "" {
		rep += "  except: " + v[2] + "\n"
	}
	return "publish_at: 2027-01-05 09:30\nrepeat:\n" + rep, true
}

// fuzzInput reads a file of Go's fuzz corpus holding one []byte.
func fuzzInput(data []byte) ([]byte, bool) {
	lines := strings.SplitN(string(data), "\n", 3)
	if len(lines) < 2 || lines[0] != "go test fuzz v1" {
		return nil, false
	}
	v := strings.TrimSpace(lines[1])
	if !strings.HasPrefix(v, "[]byte(") || !strings.HasSuffix(v, ")") {
		return nil, false
	}
	s, err := strconv.Unquote(v[len("[]byte(") : len(v)-1])
	if err != nil {
		return nil, false
	}
	return []byte(s), true
}

// loader runs crieur's loader on one case.
func loader(t *testing.T, repo *content.Repo, c agreeCase) (verdict, bool) {
	switch c.schema {
	case Post:
		file := c.file
		if file == nil {
			file = []byte("---\n" + c.src + "---\nLe texte.\n")
		}
		f, fs := repo.ParsePost("posts/2026/12/x.md", file)
		v, ok := loaderVerdict(fs, nil)
		if ok && v == "" && f != nil && f.Post.Replaces != "" && !strings.HasSuffix(f.Post.Replaces, ".md") {
			// lint's post.replaces: a path that is not a .md file is never
			// a post (whether an .md path is one depends on the repository)
			v = "post.replaces: not a post"
		}
		return v, ok
	case Config:
		_, err := content.ParseConfig("crieur.yml", []byte(c.src))
		return loaderVerdict(problems(err), err)
	default:
		return charterVerdict(t, c.src)
	}
}

// charterVerdict is crieur's on a charter: the loader's, then the rules
// of the charter that lint reports as unusable (charte.config,
// schedule.config), as it does on every post they would check.
func charterVerdict(t *testing.T, src string) (verdict, bool) {
	dir := t.TempDir()
	files := map[string]string{"crieur.yml": agreeConfig, "charte.yml": src,
		"posts/2026/12/x.md": "---\npublish_at: 2026-12-01 09:30\nstatus: draft\n---\nLe texte.\n"}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := content.LoadCharter(dir, "charte.yml")
	if err != nil && strings.Contains(err.Error(), "extends") {
		return "", false // the parent file: the repository's
	}
	if err != nil {
		return loaderVerdict(problems(err), err)
	}
	repo, err := content.Open(dir)
	if err != nil {
		return verdict(err.Error()), true
	}
	fs, _, _, err := linters.New().LintPaths(repo, nil, time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		return verdict(err.Error()), true
	}
	var msgs []string
	for _, f := range fs {
		if (f.Rule == "charte.config" || f.Rule == "schedule.config") && !contextual(f) {
			msgs = append(msgs, f.Rule+": "+f.Message)
		}
	}
	return verdict(strings.Join(msgs, "; ")), true
}

func problems(err error) []pipeline.Finding {
	if p, ok := err.(content.Problems); ok {
		return p
	}
	return nil
}

// TestSchemasAgreeWithTheLoader is the differential test.
func TestSchemasAgreeWithTheLoader(t *testing.T) {
	schemas := compile(t)
	dir := t.TempDir()
	for name, data := range map[string]string{"crieur.yml": agreeConfig, "media/affiche.jpg": "jpeg"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	repo, err := content.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var disagree []string
	compared, skipped := 0, 0
	for _, c := range corpus(t) {
		lv, ok := loader(t, repo, c)
		if !ok {
			skipped++
			continue
		}
		var sv verdict
		doc, err := parseYAML(c.src)
		if err != nil {
			sv = verdict("YAML: " + err.Error())
		} else if err := schemas[c.schema].Validate(doc); err != nil {
			sv = verdict(strings.ReplaceAll(err.Error(), "\n", " "))
		}
		compared++
		if (lv == "") != (sv == "") {
			disagree = append(disagree, fmt.Sprintf("%s (%s):\n  loader: %s\n  schema: %s\n  %q", c.name, c.schema, orOK(lv), orOK(sv), c.src))
		}
	}
	sort.Strings(disagree)
	t.Logf("%d files compared, %d left out (what a schema cannot know)", compared, skipped)
	if len(disagree) > 0 {
		t.Errorf("%d disagreements:\n%s", len(disagree), strings.Join(disagree, "\n"))
	}
}

func orOK(v verdict) string {
	if v == "" {
		return "accepts"
	}
	return "refuses: " + string(v)
}

// schemaTimezones is the enum of crieur.schema.json's timezone.
func schemaTimezones(t *testing.T) []string {
	t.Helper()
	data, err := FS.ReadFile(Config)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Properties struct {
			Timezone struct {
				Enum []string `json:"enum"`
			} `json:"timezone"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Properties.Timezone.Enum
}

// TestTimezonesLoad: every time zone crieur.schema.json names is one
// crieur can load, and Local, which changes with the machine, is not.
func TestTimezonesLoad(t *testing.T) {
	zones := schemaTimezones(t)
	if len(zones) < 400 {
		t.Fatalf("%d time zones", len(zones))
	}
	for _, z := range zones {
		if z == "Local" {
			t.Errorf("Local is in the list")
		}
		if _, err := content.ParseConfig("crieur.yml", []byte("timezone: "+z+"\nchannels: {m: {type: outbox}}\n")); err != nil {
			t.Errorf("%s: %v", z, err)
		}
	}
}

// TestTimezonesAreGos: the enum is exactly the zones of Go's own tzdata,
// so a name Go can load is not a false error in an editor.
func TestTimezonesAreGos(t *testing.T) {
	zr, err := zip.OpenReader(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Skipf("no zoneinfo.zip in GOROOT: %v", err)
	}
	defer zr.Close()
	want := map[string]bool{"UTC": true}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, "/") {
			want[f.Name] = true
		}
	}
	got := map[string]bool{}
	for _, z := range schemaTimezones(t) {
		got[z] = true
		if !want[z] {
			t.Errorf("%s is not in Go's tzdata", z)
		}
	}
	for z := range want {
		if !got[z] {
			t.Errorf("%s, in Go's tzdata, is missing from crieur.schema.json", z)
		}
	}
}
