package review

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

const config = `timezone: Europe/Brussels
channels:
  mastodon:
    type: outbox
    network: mastodon
    account: "@verriere@mastodon.example"
  bluesky:
    type: outbox
    network: bluesky
`

func TestMarkdown(t *testing.T) {
	long := strings.Repeat("Une soirée à la Verrière, ", 14) // ~350 characters: over Bluesky's 300
	r := testrepo.Open(t, map[string]string{"crieur.yml": config}, map[string]string{
		"media/a.jpg": testrepo.JPEG(t),
		"posts/a.md": testrepo.Post("title: Concert *jazz*\npublish_at: 2026-12-01 19:30\nchannels: [mastodon, bluesky]\ncampaign: hiver\nmedia:\n  - file: /media/a.jpg\n    alt: Une contrebasse sous un projecteur",
			"Le jeudi **jazz** revient ! #Jazz [complet]\n\n---\n\n"+long+"\n"),
	})
	f := testrepo.LoadOne(t, r, "posts/a.md")
	findings := []pipeline.Finding{
		{Path: "posts/a.md", Line: 9, Col: 1, Rule: "length", Severity: pipeline.Error, Message: "351 graphemes: bluesky takes 300", Hint: "shorten it"},
		{Path: "posts/b.md", Line: 2, Col: 13, Rule: "schedule.gap", Severity: pipeline.Warning, Message: "two posts within 10 minutes"},
	}
	md := Markdown(Input{Repo: r, Posts: []*content.File{f}, Findings: findings,
		Touched: []Touched{{Path: "posts/old.md", Deleted: true, Where: []string{"mastodon https://m.example/1"}}},
		Link:    func(p string, l int) string { return "https://github.com/o/r/blob/abc/" + p + "#L" + strconv.Itoa(l) },
		Note:    "No comment: this pull request comes from a fork."})
	for _, want := range []string{
		"## ❌ crieur: 1 post to review",
		"1 error, 1 warning, 0 suggestions. A post with an error is not published until it is fixed.",
		"This pull request deletes `posts/old.md`, which **already went out** (mastodon https://m.example/1)",
		"### ❌ Concert \\*jazz\\*",
		"`posts/a.md` · Tue 1 Dec 2026 19:30 (Europe/Brussels) · scheduled · campaign hiver",
		"- ❌ [posts/a.md:9:1](https://github.com/o/r/blob/abc/posts/a.md#L9) `length` 351 graphemes: bluesky takes 300 — *shorten it*",
		"<b>mastodon</b> (mastodon · @verriere@mastodon.example) — thread of 2",
		"<details open><summary><b>bluesky</b>",
		"> Le jeudi jazz revient ! \\#Jazz \\[complet\\]  \n",
		"🖼️ `media/a.jpg` — Une contrebasse sous un projecteur",
		"### The calendar\n\n- ⚠️ [posts/b.md:2:13]",
		"> [!NOTE]\n> No comment: this pull request comes from a fork.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q in\n%s", want, md)
		}
	}
	if strings.Contains(md, "<details open><summary><b>mastodon</b>") {
		t.Error("a channel within its limits is folded open")
	}
}

func TestClip(t *testing.T) {
	s := strings.Repeat("ligne de texte\n", 10000)
	got := clip(s)
	if len(got) > MaxLen || !strings.HasSuffix(got, "Run `crieur preview` on the posts for the rest.\n") {
		t.Errorf("clip: %d bytes, ends %q", len(got), got[len(got)-80:])
	}
	if clip("court") != "court" {
		t.Error("a short text was changed")
	}
}

func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}

// TestMarkdownLanguages: the review speaks the team's language, French
// with its spaces (U+00A0 before a colon, U+202F before ; ! ?).
func TestMarkdownLanguages(t *testing.T) {
	r := testrepo.Open(t, map[string]string{"crieur.yml": config}, map[string]string{
		"posts/a.md": testrepo.Post("title: Concert\npublish_at: 2026-12-01 19:30\nchannels: [mastodon]\ncampaign: hiver",
			"Le jeudi jazz revient !\n\n---\n\nSuite du fil.\n"),
	})
	f := testrepo.LoadOne(t, r, "posts/a.md")
	findings := []pipeline.Finding{{Path: "posts/a.md", Line: 9, Col: 1, Rule: "length", Severity: pipeline.Error, Message: "m"}}
	in := Input{Repo: r, Posts: []*content.File{f}, Findings: findings,
		Touched:   []Touched{{Path: "posts/old.md", Deleted: true, Where: []string{"mastodon"}}},
		Sensitive: []Sensitive{{Path: "crieur.yml", Why: "config"}}}
	for _, tt := range []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.French, []string{
			"## ❌ crieur\u00a0: 1 publication à relire",
			"1 erreur, 0 avertissement, 0 suggestion. Une publication qui a une erreur ne part pas tant qu’elle n’est pas corrigée.",
			"Cette pull request supprime `posts/old.md`, une publication **déjà partie** (mastodon).",
			"`posts/a.md` · mar. 1 déc. 2026 à 19:30 (Europe/Brussels) · scheduled · campagne hiver",
			"— fil de 2",
			"`crieur.yml`\u00a0: les canaux\u00a0: quels secrets crieur lit et où il les envoie",
		}},
		{i18n.Dutch, []string{
			"## ❌ crieur: 1 bericht na te lezen",
			"1 fout, 0 waarschuwingen, 0 suggesties. Een bericht met een fout wordt pas gepubliceerd als die verbeterd is.",
			"Deze pull request verwijdert `posts/old.md`, dat **al verstuurd is** (mastodon).",
			"`posts/a.md` · di 1 dec. 2026 om 19:30 (Europe/Brussels) · scheduled · campagne hiver",
			"— draad van 2",
		}},
	} {
		in.Language = tt.lang
		md := Markdown(in)
		for _, want := range tt.want {
			if !strings.Contains(md, want) {
				t.Errorf("%s: missing %q in\n%s", tt.lang, want, md)
			}
		}
		if strings.Contains(md, "to review") || strings.Contains(md, "already went out") {
			t.Errorf("%s: English in\n%s", tt.lang, md)
		}
	}
	if n := (Touched{Path: "p.md", Where: []string{"x"}}).FindingIn(i18n.French); !strings.HasPrefix(n.Message, "cette pull request modifie le texte d’une publication déjà partie (x)\u00a0:") {
		t.Errorf("the notice in French: %q", n.Message)
	}
	if got := clipIn(strings.Repeat("ligne de texte\n", 10000), i18n.Dutch); !strings.Contains(got, "hier afgeknipt") {
		t.Errorf("clipped in Dutch ends %q", got[len(got)-80:])
	}
}

// TestWhenRepeats: what the comment says of a recurring post is in the
// reader's language, the days as the post wrote them.
func TestWhenRepeats(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Skip(err)
	}
	p := &pipeline.Post{PublishAt: time.Date(2026, 12, 1, 19, 30, 0, 0, loc),
		Repeat: &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "month"}, On: []string{"premier mardi"}, Except: make([]time.Time, 1)}}
	for l, want := range map[i18n.Lang]string{
		i18n.English: "Tue 1 Dec 2026 19:30 (Europe/Brussels), then every month on premier mardi, except 1 day",
		i18n.French:  "mar. 1 déc. 2026 à 19:30 (Europe/Brussels), puis chaque mois\u00a0: premier mardi, sauf 1 jour",
		i18n.Dutch:   "di 1 dec. 2026 om 19:30 (Europe/Brussels), daarna elke maand: premier mardi, behalve 1 dag",
	} {
		if got := whenOf(p, loc, l); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}
