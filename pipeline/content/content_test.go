package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

const testConfig = `timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon:
    type: outbox
  bluesky:
    type: outbox
  linkedin:
    type: outbox
`

// testRepo makes a content root with crieur.yml and a media file.
func testRepo(t testing.TB) *Repo {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "crieur.yml", testConfig)
	write(t, dir, "media/affiche.jpg", "jpeg")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func write(t testing.TB, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const goodPost = `---
# la saison
publish_at: 2026-12-01 09:30   # heure de Bruxelles
channels: [mastodon, bluesky]
lang: fr
campaign: saison-2026
media:
  - file: ../../../media/affiche.jpg
    alt: Affiche de la saison
first_comment: Le programme complet.
variants:
  bluesky: |
    Court.
---
La saison commence !

---

Deuxième partie.
`

func TestParsePost(t *testing.T) {
	r := testRepo(t)
	f, fs := r.ParsePost("posts/2026/12/saison.md", []byte(goodPost))
	if len(fs) > 0 {
		t.Fatalf("findings: %v", fs)
	}
	p := f.Post
	want := time.Date(2026, 12, 1, 9, 30, 0, 0, r.Config.Timezone)
	if !p.PublishAt.Equal(want) {
		t.Errorf("publish_at = %v, want %v", p.PublishAt, want)
	}
	if p.Status != pipeline.StatusScheduled {
		t.Errorf("status = %q", p.Status)
	}
	if len(p.Body.Parts) != 2 || strings.TrimSpace(p.Body.Parts[1].Source) != "Deuxième partie." {
		t.Fatalf("parts = %#v", p.Body.Parts)
	}
	if got := p.Body.Parts[0].Line; got != 15 {
		t.Errorf("body starts on line %d, want 15", got)
	}
	if got := p.Body.Parts[1].PosOf(strings.Index(p.Body.Parts[1].Source, "partie")); got != (pipeline.Pos{Line: 19, Col: 10}) {
		t.Errorf("position of 'partie' = %v, want 19:10", got)
	}
	if p.Media[0].Path != "media/affiche.jpg" {
		t.Errorf("media path = %q", p.Media[0].Path)
	}
	v := p.Variants["bluesky"].Parts[0]
	if v.Source != "Court.\n" || v.Line != 13 || v.Col != 5 {
		t.Errorf("variant = %#v", v)
	}
	if pos := p.PosOf("publish_at"); pos != (pipeline.Pos{Line: 3, Col: 13}) {
		t.Errorf("publish_at at %v, want 3:13", pos)
	}
	if p.Body.FirstComment == nil || p.Body.FirstComment.Source != "Le programme complet." {
		t.Errorf("first comment = %#v", p.Body.FirstComment)
	}
}

func TestParsePostErrors(t *testing.T) {
	r := testRepo(t)
	tests := []struct {
		name, src string
		rule      string
		line, col int
		hint      string
	}{
		{"unknown key", "---\npublish_at: 2026-12-01 09:30\nchanels: [mastodon]\n---\nTexte\n", "schema.unknown_key", 3, 1, "did you mean channels?"},
		{"alias", "---\ndate: 2026-12-01 09:30\n---\nTexte\n", "schema.unknown_key", 2, 1, "publish_at"},
		{"ambiguous date", "---\npublish_at: 01/12/2026 09:30\n---\nTexte\n", "schema.publish_at", 2, 13, "YYYY-MM-DD"},
		{"invalid date", "---\npublish_at: 2026-13-01 09:30\n---\nTexte\n", "schema.publish_at", 2, 13, "month"},
		{"date without time", "---\npublish_at: 2026-12-01\n---\nTexte\n", "schema.publish_at", 2, 13, "2026-12-01 09:30"},
		{"dst gap", "---\npublish_at: 2026-03-29 02:30\n---\nTexte\n", "schema.publish_at", 2, 13, "later"},
		{"dst twice", "---\npublish_at: 2026-10-25 02:30\n---\nTexte\n", "schema.publish_at", 2, 13, "+01:00"},
		{"unknown channel", "---\npublish_at: 2026-12-01 09:30\nchannels: [mastodon, blusky]\n---\nTexte\n", "schema.channel", 3, 22, "did you mean bluesky?"},
		{"unknown brand", "---\npublish_at: 2026-12-01 09:30\nbrand: acme\n---\nTexte\n", "schema.brand", 3, 8, "no brands"},
		{"missing media", "---\npublish_at: 2026-12-01 09:30\nmedia:\n  - file: /media/afiche.jpg\n    alt: x\n---\nTexte\n", "schema.media", 4, 11, "did you mean media/affiche.jpg?"},
		{"media outside", "---\npublish_at: 2026-12-01 09:30\nmedia:\n  - file: ../../../../etc/passwd\n    alt: x\n---\nTexte\n", "schema.media", 4, 11, "inside the repository"},
		{"empty body", "---\npublish_at: 2026-12-01 09:30\n---\n\n<!-- rien -->\n", "schema.body", 4, 1, "write the text"},
		{"yaml syntax", "---\npublish_at: 2026-12-01 09:30\nchannels: [mastodon\n---\nTexte\n", "schema.yaml", 0, 0, ""},
		{"duplicate key", "---\npublish_at: 2026-12-01 09:30\npublish_at: 2026-12-02 09:30\n---\nTexte\n", "schema.yaml", 3, 1, "once"},
		{"not closed", "---\npublish_at: 2026-12-01 09:30\nTexte\n", "schema.front_matter", 1, 1, "add a line"},
		{"no front matter", "Texte\n", "schema.front_matter", 1, 1, "start the file"},
		{"invalid utf8", "---\npublish_at: 2026-12-01 09:30\n---\nCaf\xe9\n", "schema.encoding", 4, 4, "UTF-8"},
		{"bad status", "---\npublish_at: 2026-12-01 09:30\nstatus: publised\n---\nTexte\n", "schema.status", 3, 9, "did you mean published?"},
		{"repeat without end", "---\npublish_at: 2026-12-01 09:30\nrepeat:\n  every: week\n---\nTexte\n", "schema.repeat", 4, 3, "until"},
		{"empty thread part", "---\npublish_at: 2026-12-01 09:30\n---\nUn\n\n---\n\n---\nTrois\n", "schema.thread", 0, 0, "remove the extra"},
		{"secret in sponsored", "---\npublish_at: 2026-12-01 09:30\nsponsored: maybe\n---\nTexte\n", "schema.type", 3, 12, "true or false"},
		{"yaml alias", "---\npublish_at: 2026-12-01 09:30\ncampaign: &c hiver\nlang: *c\n---\nTexte\n", "schema.type", 4, 7, "alias (*c) is not read here"},
		{"binary", "---\npublish_at: 2026-12-01 09:30\ncampaign: !!binary aGl2ZXI=\n---\nTexte\n", "schema.type", 3, 11, "!!binary"},
		{"nul byte", "---\npublish_at: 2026-12-01 09:30\n---\nTex\x00te\n", "schema.encoding", 4, 4, "invisible character"},
		{"cr only", "---\rpublish_at: 2026-12-01 09:30\r---\rTexte\r", "schema.encoding", 1, 1, "LF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := r.ParsePost("posts/x.md", []byte(tt.src))
			for _, f := range fs {
				if f.Rule != tt.rule {
					continue
				}
				if tt.line != 0 && (f.Line != tt.line || f.Col != tt.col) {
					t.Errorf("%s at %d:%d, want %d:%d", f.Rule, f.Line, f.Col, tt.line, tt.col)
				}
				if !strings.Contains(f.Hint, tt.hint) {
					t.Errorf("hint %q does not contain %q", f.Hint, tt.hint)
				}
				if f.Path != "posts/x.md" || f.Severity != pipeline.Error {
					t.Errorf("finding %+v", f)
				}
				return
			}
			t.Fatalf("no %s finding in %v", tt.rule, fs)
		})
	}
}

func TestYAMLErrorPointsAtFileLine(t *testing.T) {
	r := testRepo(t)
	_, fs := r.ParsePost("posts/x.md", []byte("\n---\ntitle: ok\nlang: fr\nchannels: [mastodon\npublish_at: 2026-12-01 09:30\n---\nTexte\n"))
	if len(fs) != 1 || fs[0].Line < 5 {
		t.Fatalf("want one finding on line 5 or later (the file's line, not the front matter's), got %v", fs)
	}
}

func TestWithStateMinimalDiff(t *testing.T) {
	r := testRepo(t)
	f, fs := r.ParsePost("posts/2026/12/saison.md", []byte(goodPost))
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	loc := r.Config.Timezone
	at := time.Date(2026, 12, 1, 9, 30, 4, 0, loc)
	pubs := map[string]pipeline.Publication{
		"bluesky":  {ID: "3kxyz", URL: "https://bsky.app/x", At: at, Occurrence: f.Post.PublishAt, Attempts: 1},
		"mastodon": {ID: "1099", URL: "https://m.example/@a/1099", At: at, Occurrence: f.Post.PublishAt, Attempts: 1},
	}
	out, err := f.WithState(pipeline.StatusPublished, pubs, loc)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	if !strings.HasPrefix(got, goodPost[:strings.Index(goodPost, "\n---\nLa saison")]) {
		t.Errorf("the author's front matter changed:\n%s", got)
	}
	if !strings.HasSuffix(got, goodPost[strings.Index(goodPost, "\n---\nLa saison"):]) {
		t.Errorf("the body changed:\n%s", got)
	}
	wantBlock := "status: published\npublications:\n  mastodon:\n    id: \"1099\"\n"
	if !strings.Contains(got, wantBlock) || strings.Index(got, "mastodon:\n    id") > strings.Index(got, "bluesky:\n    id") {
		t.Errorf("state block not as expected:\n%s", got)
	}
	// Read back, then update again: the status is edited in place and the
	// block replaced, not duplicated.
	f2, fs := r.ParsePost("posts/2026/12/saison.md", out)
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	if f2.Post.Publications["mastodon"].ID != "1099" || !f2.Post.Publications["bluesky"].At.Equal(at) {
		t.Errorf("read back %+v", f2.Post.Publications)
	}
	out2, err := f2.WithState(pipeline.StatusRetracted, f2.Post.Publications, loc)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(out2), "publications:") != 1 || !strings.Contains(string(out2), "status: retracted\n") {
		t.Errorf("second write:\n%s", out2)
	}
	if strings.Replace(string(out2), "status: retracted", "status: published", 1) != got {
		t.Errorf("rewriting the same state changed other lines:\n%s", out2)
	}
}

func TestThreadPartsRoundTrip(t *testing.T) {
	r := testRepo(t)
	f, _ := r.ParsePost("posts/x.md", []byte("---\npublish_at: 2026-12-01 09:30\n---\nUn\n\n---\n\nDeux\n"))
	at := time.Date(2026, 12, 1, 9, 30, 4, 0, r.Config.Timezone)
	parts := []string{"at://did:plc:abc/app.bsky.feed.post/3kaaaaaaaaab2", "at://did:plc:abc/app.bsky.feed.post/3kaaaaaaaaac2"}
	out, err := f.WithState(pipeline.StatusPublished, map[string]pipeline.Publication{"bluesky": {ID: "at://root", At: at, Attempts: 1, Parts: parts}}, r.Config.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "    parts:\n      - at://did:plc:abc/app.bsky.feed.post/3kaaaaaaaaab2\n      - at://") {
		t.Errorf("parts not written one per line:\n%s", out)
	}
	f2, fs := r.ParsePost("posts/x.md", out)
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	if got := f2.Post.Publications["bluesky"].Parts; strings.Join(got, " ") != strings.Join(parts, " ") {
		t.Errorf("parts read back = %v, want %v", got, parts)
	}
}

func TestStatusEditedInPlace(t *testing.T) {
	r := testRepo(t)
	src := "---\nstatus: scheduled   # à ne pas toucher\npublish_at: 2026-12-01 09:30\n---\nTexte\n"
	f, _ := r.ParsePost("posts/x.md", []byte(src))
	out, err := f.WithState(pipeline.StatusFailed, map[string]pipeline.Publication{"mastodon": {Attempts: 1, Error: "503"}}, r.Config.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	want := "---\nstatus: failed   # à ne pas toucher\npublish_at: 2026-12-01 09:30\npublications:\n  mastodon:\n    attempts: 1\n    error: \"503\"\n---\nTexte\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"timezone: Europe/Bruxelles\nchannels:\n  m:\n    type: outbox\n", "crieur.yml:1:11: error schema.timezone"},
		{"timezone: UTC\nchannels:\n  m:\n    type: mastodn\n", "did you mean mastodon?"},
		{"timezone: UTC\nchanels:\n  m:\n    type: outbox\n", "did you mean channels?"},
		{"timezone: UTC\nchannels:\n  m:\n    type: mastodon\n    secrets:\n      token: abc123secret\n", "never commit a token"},
		{"channels:\n  m:\n    type: outbox\n", "no timezone"},
		// A channel sends its secrets to its server: never the runner's own.
		{"timezone: UTC\nchannels:\n  m:\n    type: mastodon\n    secrets:\n      token: GITHUB_TOKEN\n", "crieur.yml:6:14: error schema.secret: secrets.token names GITHUB_TOKEN, a variable of GitHub's runner"},
		{"timezone: UTC\nchannels:\n  m:\n    type: webhook\n    secrets:\n      url: ACTIONS_RUNTIME_TOKEN\n", "a variable of GitHub's runner"},
		{"timezone: UTC\nchannels:\n  m:\n    type: webhook\n    secrets:\n      url: RUNNER_TEMP\n", "a variable of GitHub's runner"},
		{"timezone: UTC\nchannels:\n  m:\n    type: outbox\n    limit: 0\n", "crieur.yml:5:12: error schema.limit: limit 0 would turn the length check off"},
		{"timezone: UTC\nchannels:\n  m:\n    type: outbox\n    limit: -5\n", "leave limit out"},
		{"timezone: UTC\nlanguage: fr_BE\nchannels:\n  m:\n    type: outbox\n", "crieur.yml:2:11: error schema.language: language \"fr_BE\" is not a language crieur speaks (write fr)"},
		{"timezone: UTC\nlanguage: de\nchannels:\n  m:\n    type: outbox\n", "(write en, fr or nl, or leave language out to follow the environment (LANG))"},
	}
	for _, tt := range tests {
		_, err := ParseConfig("crieur.yml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseConfig(%q) = %v, want %q", tt.src, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "abc123secret") {
			t.Errorf("the error repeats the secret: %v", err)
		}
	}
}

func TestConfigLanguage(t *testing.T) {
	cfg, err := ParseConfig("crieur.yml", []byte("timezone: UTC\nlanguage: nl\nchannels:\n  m:\n    type: outbox\n"))
	if err != nil || cfg.Language != "nl" {
		t.Fatalf("language: nl: %+v, %v", cfg, err)
	}
	if cfg, err = ParseConfig("crieur.yml", []byte("timezone: UTC\nchannels:\n  m:\n    type: outbox\n")); err != nil || cfg.Language != "" {
		t.Fatalf("no language: %q, %v; want \"\" (the environment's)", cfg.Language, err)
	}
}

func TestDuplicatePost(t *testing.T) {
	r := testRepo(t)
	src := "---\npublish_at: 2026-12-01 09:30\n---\nTexte\n"
	write(t, r.Root, "posts/a.md", src)
	write(t, r.Root, "posts/b.md", src)
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	_, fs := r.LoadPosts(paths)
	if len(fs) != 1 || fs[0].Rule != "schema.duplicate" || fs[0].Path != "posts/b.md" {
		t.Fatalf("findings = %v", fs)
	}
}

func TestCharterExtends(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "common.yml", "hashtags:\n  max: 3\nforbidden:\n  - term: gratos\n")
	write(t, dir, "brands/a/charte.yml", "extends: ../../common.yml\nhashtags:\n  max: 2\nforbidden:\n  - term: kiffer\n")
	c, err := LoadCharter(dir, "brands/a/charte.yml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Hashtags.Max != 2 || len(c.Forbidden) != 2 {
		t.Errorf("merged charter = %+v", c)
	}
	write(t, dir, "bad.yml", "hashtag:\n  max: 3\n")
	if _, err := LoadCharter(dir, "bad.yml"); err == nil || !strings.Contains(err.Error(), "bad.yml:1:1") || !strings.Contains(err.Error(), "did you mean hashtags?") {
		t.Errorf("unknown charter key: %v", err)
	}
}

// A brand's name: is how reports name it; without one, its key.
func TestBrandName(t *testing.T) {
	cfg, err := ParseConfig("crieur.yml", []byte("timezone: UTC\nchannels:\n  m:\n    type: outbox\nbrands:\n  verriere:\n    name: La Verrière\n    channels: [m]\n  bistro:\n    channels: [m]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if b := cfg.Brands["verriere"]; b.Name != "verriere" || b.Title != "La Verrière" {
		t.Errorf("verriere: %+v", b)
	}
	if b := cfg.Brands["bistro"]; b.Title != "" {
		t.Errorf("bistro: %+v", b)
	}
}
