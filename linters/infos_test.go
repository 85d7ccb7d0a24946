package linters_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
)

// TestRegistry: New runs every registered kind, in the registry's order,
// and no kind is registered twice.
func TestRegistry(t *testing.T) {
	e, k := linters.New(), linters.Registry()
	if got, want := kindNames(e.Rules), kindNames(k.Rules); !slices.Equal(got, want) {
		t.Errorf("New's per-post kinds are %v, the registry's %v", got, want)
	}
	if got, want := kindNames(e.CalendarRules), kindNames(k.CalendarRules); !slices.Equal(got, want) {
		t.Errorf("New's calendar kinds are %v, the registry's %v", got, want)
	}
	seen := map[string]bool{}
	for _, name := range append(kindNames(k.Rules), kindNames(k.CalendarRules)...) {
		if seen[name] {
			t.Errorf("%s is registered twice", name)
		}
		seen[name] = true
	}
}

// kindNames names each kind by its type (core.Length).
func kindNames[K any](kinds []K) []string {
	var names []string
	for _, k := range kinds {
		names = append(names, fmt.Sprintf("%T", k))
	}
	return names
}

func TestInfosUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, info := range linters.New().Infos() {
		if info.ID == "" || info.Description == "" {
			t.Errorf("incomplete %+v", info)
		}
		if info.Default < pipeline.Suggestion || info.Default > pipeline.Error {
			t.Errorf("%s: default severity %v", info.ID, info.Default)
		}
		if seen[info.ID] {
			t.Errorf("%s is described twice", info.ID)
		}
		seen[info.ID] = true
	}
}

// TestInfosCoverFindings lints a repository made to trigger every rule of
// the registry and checks that whatever the engine reports is described
// in Infos (SARIF and the help need it). It also checks the converse for
// the rules' own ids, so that this repository keeps triggering them all
// when a rule grows a new id.
func TestInfosCoverFindings(t *testing.T) {
	big := pngImage(t, 2_621_440)
	noAlt := strings.Repeat("  - file: /media/big.png\n", 5)
	r := newRepo(t, map[string]string{
		"charte.yml":           "media:\n  alt_min: 30\n",
		"freeze.yml":           "since: 2026-11-01 00:00\n", // schedule.frozen
		"media/big.png":        big,
		"media/a.jpg":          jpegImage(t),
		"posts/2026/11/old.md": post("publish_at: 2026-11-20 10:00\nchannels: [mastodon]\nstatus: retracted", "Ancien.\n"),
		// length, media.alt (missing and short), media.count, media.format (PNG on Instagram), media.size (Bluesky)
		"posts/2026/12/media.md": post("publish_at: 2026-12-20 10:00\nchannels: [bluesky, instagram, slack]\nmedia:\n"+noAlt+
			"  - file: /media/a.jpg\n    alt: Affiche\n", long(400)+"\n"),
		// post.draft
		"posts/2026/12/draft.md": post("publish_at: 2026-12-24 10:00\nchannels: [mastodon]\nstatus: draft", "Brouillon.\n\n#hashtag\n"),
		// schedule.past_due and post.replaces
		"posts/2026/12/late.md": post("publish_at: 2026-12-01 09:30\nchannels: [mastodon]\nreplaces: posts/2026/11/absent.md", "En retard.\n"),
		// schema.*: problems found while loading
		"posts/2026/12/unknown.md":  post("publish_at: 2026-12-20 10:00\ncouleur: rouge", "Texte.\n"),
		"posts/2026/12/nofront.md":  "Pas de front matter.\n",
		"posts/2026/12/latin1.md":   "---\npublish_at: 2026-12-20 10:00\n---\nCaf\xe9\n",
		"posts/2026/12/baddate.md":  post("publish_at: 01/12/2026 09:30", "Texte.\n"),
		"posts/2026/12/badyaml.md":  post("publish_at: [2026", "Texte.\n"),
		"posts/2026/12/channel.md":  post("publish_at: 2026-12-20 10:00\nchannels: [mastodom]", "Texte.\n"),
		"posts/2026/12/empty.md":    post("publish_at: 2026-12-20 10:00", "\n"),
		"posts/2026/12/nomedia.md":  post("publish_at: 2026-12-20 10:00\nmedia:\n  - file: /media/absent.jpg\n    alt: Une image qui n'existe pas encore ici", "Texte.\n"),
		"posts/2026/12/dup-a.md":    post("publish_at: 2026-12-20 10:00", "Le même texte.\n"),
		"posts/2026/12/dup-b.md":    post("publish_at: 2026-12-20 10:00", "Le même texte.\n"),
		"posts/2026/12/thread.md":   post("publish_at: 2026-12-20 10:00", "Un.\n\n---\n\n---\n\nTrois.\n"),
		"posts/2026/12/status.md":   post("publish_at: 2026-12-20 10:00\nstatus: publie", "Texte.\n"),
		"posts/2026/12/repeat.md":   post("publish_at: 2026-12-20 10:00\nrepeat:\n  every: week", "Texte.\n"),
		"posts/2026/12/lang.md":     post("publish_at: 2026-12-20 10:00\nlang: français", "Texte.\n"),
		"posts/2026/12/campaign.md": post("publish_at: 2026-12-20 10:00\ncampaign: saison 2026", "Texte.\n"),
		"posts/2026/12/type.md":     post("publish_at: 2026-12-20 10:00\nsponsored: peut-être", "Texte.\n"),
		// body.*: what would not be sent as lint read it
		"posts/2026/12/comment.md": post("publish_at: 2026-12-20 10:00", "Avant.\n<!-- note\n\nConcert annulé.\n"),
		"posts/2026/12/html.md":    post("publish_at: 2026-12-20 10:00", "<div>\nConcert annulé.\n</div>\n"),
		"posts/2026/12/image.md":   post("publish_at: 2026-12-20 10:00", "![](/media/a.jpg)\n"),
		"posts/2026/12/linkdef.md": post("publish_at: 2026-12-20 10:00", "Le concert.\n\n[Info]: annulé\n"),
	})
	findings := lintAll(t, r)

	known := map[string]bool{}
	for _, info := range linters.New().Infos() {
		known[info.ID] = true
	}
	emitted := map[string]bool{}
	for _, f := range findings {
		emitted[f.Rule] = true
		if !known[f.Rule] {
			t.Errorf("%s is reported but not described in Infos: %v", f.Rule, f)
		}
		if f.Path == "" || f.Line < 1 || f.Col < 1 || f.Message == "" || f.Severity < pipeline.Suggestion {
			t.Errorf("incomplete finding %#v", f)
		}
	}
	k := linters.Registry()
	var kinds []interface{ Infos() []linters.Info }
	for _, r := range k.Rules {
		kinds = append(kinds, r)
	}
	for _, r := range k.CalendarRules {
		kinds = append(kinds, r)
	}
	for _, kind := range kinds {
		// The core kinds are triggered here; every other kind proves the
		// ids it emits in its own package's tests.
		if !strings.HasPrefix(fmt.Sprintf("%T", kind), "core.") {
			continue
		}
		for _, info := range kind.Infos() {
			if !emitted[info.ID] {
				t.Errorf("%s (%T) was not triggered: extend this test's repository", info.ID, kind)
			}
		}
	}
	for _, id := range []string{"schema.unknown_key", "schema.front_matter", "schema.encoding", "schema.publish_at", "schema.yaml", "schema.channel", "schema.body", "schema.media", "schema.duplicate", "schema.thread", "schema.status", "schema.repeat", "schema.lang", "schema.campaign", "schema.type"} {
		if !emitted[id] {
			t.Errorf("%s was not triggered", id)
		}
	}
}

// configOnly are the schema ids that only crieur.yml and the charter
// produce: content.Open returns them as an error, they never reach Lint.
var configOnly = map[string]bool{
	"schema.timezone": true,
	"schema.language": true,
	"schema.network":  true,
	"schema.path":     true,
	"schema.secret":   true,
	"schema.charter":  true,
	"schema.limit":    true,
}

// TestSchemaInfosCoverLoader reads the loader's source for the schema ids
// it can report and checks that SchemaInfos describes each one that can
// reach Lint, and that it describes no id the loader never reports.
func TestSchemaInfosCoverLoader(t *testing.T) {
	dir := filepath.Join("..", "pipeline", "content")
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no loader source in %s: %v", dir, err)
	}
	idRE := regexp.MustCompile(`"(schema\.[a-z_]+)"`)
	inSource := map[string]bool{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range idRE.FindAllStringSubmatch(string(src), -1) {
			inSource[m[1]] = true
		}
	}
	described := map[string]bool{}
	for _, info := range linters.SchemaInfos {
		described[info.ID] = true
		if info.Default != pipeline.Error {
			t.Errorf("%s: a schema problem is an error, not %v", info.ID, info.Default)
		}
	}
	var missing, unused []string
	for id := range inSource {
		if !described[id] && !configOnly[id] {
			missing = append(missing, id)
		}
	}
	for id := range described {
		if !inSource[id] {
			unused = append(unused, id)
		}
	}
	for id := range configOnly {
		if !inSource[id] {
			unused = append(unused, id+" (configOnly)")
		}
	}
	sort.Strings(missing)
	sort.Strings(unused)
	if len(missing) > 0 {
		t.Errorf("the loader reports %v, which SchemaInfos does not describe", missing)
	}
	if len(unused) > 0 {
		t.Errorf("described but never reported by pipeline/content: %v", unused)
	}
}
