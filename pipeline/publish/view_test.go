package publish

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

func viewResult(loc *time.Location) *Result {
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, loc)
	return &Result{
		Published: []pipeline.Record{{Action: pipeline.ActionPublished, Post: "posts/a.md", Channel: "mastodon", URL: "https://m.example/1"}},
		Failed:    []pipeline.Record{{Action: pipeline.ActionFailed, Post: "posts/b.md", Channel: "x", Error: "HTTP 500 | down"}},
		Refused:   []Refusal{{Post: "posts/c.md", Findings: []pipeline.Finding{{Path: "posts/c.md", Line: 3, Col: 1, Severity: pipeline.Error, Rule: "schema.x", Message: "bad"}}}},
		Frozen:    &pipeline.Freeze{Since: at, Reason: "crise"},
		Held:      []pipeline.Delivery{{Channel: "mastodon", Occurrence: at}},
		Warnings:  []string{"token expires soon"},
		Commit:    "0123456789abcdef",
	}
}

// The terminal view: counts, the freeze and the commit on w, the findings
// that refused a post on errw.
func TestResultWriteText(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	var w, errw strings.Builder
	viewResult(loc).WriteText(&w, &errw, false, loc)
	want := "publishing frozen since 2026-12-01 09:30 until crieur unfreeze: crise: 1 delivery held\n" +
		"1 published, 1 failed, 0 recovered, 1 post refused\ncommitted 0123456789ab\n"
	if w.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", w.String(), want)
	}
	if errw.String() != "posts/c.md:3:1: error schema.x: bad\n" {
		t.Errorf("errors: %q", errw.String())
	}
	w.Reset()
	(&Result{}).WriteText(&w, &errw, false, loc)
	if w.String() != "nothing is due\n" {
		t.Errorf("empty run: %q", w.String())
	}
	w.Reset()
	(&Result{Planned: []pipeline.Delivery{{Post: &pipeline.Post{Path: "posts/a.md"}, Channel: "x", Occurrence: time.Date(2026, 12, 1, 9, 30, 0, 0, loc)}}}).WriteText(&w, &errw, true, loc)
	if w.String() != "would publish posts/a.md → x (2026-12-01 09:30)\ndry run: 1 publication due, 0 refused\n" {
		t.Errorf("dry run: %q", w.String())
	}
}

// The job summary and the step outputs list the same records.
func TestResultSummaryAndOutputs(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	res := viewResult(loc)
	md := res.Summary(loc)
	for _, want := range []string{
		"## crieur publish\n\n1 published, 1 failed, 0 recovered, 0 retracted.\n\n",
		"> [!WARNING]\n> publishing frozen since 2026-12-01 09:30 until crieur unfreeze: crise: 1 held.\n\n",
		"> [!WARNING]\n> token expires soon\n\n",
		"> [!CAUTION]\n> 1 post refused: not sent until fixed (crieur lint shows the same errors).\n> - `posts/c.md:3:1` schema.x: bad\n\n",
		"| `posts/a.md` | mastodon | published | https://m.example/1 |\n| `posts/b.md` | x | failed | HTTP 500 \\| down |\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
	out := res.Outputs()
	if out["published"] != "1" || out["failed"] != "1" || len(out) != 3 {
		t.Errorf("outputs: %v", out)
	}
	lines := strings.Split(out["journal"], "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"post":"posts/a.md"`) || !strings.Contains(lines[1], `"error":"HTTP 500 | down"`) {
		t.Errorf("journal output: %q", out["journal"])
	}
}

// A channel that cannot be opened is reported, and its deliveries will
// fail with the reason; the secrets of every channel are kept.
func TestOpenChannels(t *testing.T) {
	f := newFixture(t, nil)
	p := &Publisher{Repo: f.repo}
	down := errors.New("no token")
	errs := p.OpenChannels(func(cc pipeline.ChannelConfig) (pipeline.Channel, []string, error) {
		if cc.Name == p.Repo.Config.ChannelOrder[0] {
			return nil, []string{"s0"}, down
		}
		return f.channels[cc.Name], []string{"s-" + cc.Name}, nil
	})
	first := p.Repo.Config.ChannelOrder[0]
	if len(errs) != 1 || errs[0] != down || p.Unavailable[first] != down {
		t.Errorf("errors %v, unavailable %v", errs, p.Unavailable)
	}
	if _, ok := p.Channels[first]; ok || len(p.Channels) != len(p.Repo.Config.ChannelOrder)-1 {
		t.Errorf("channels: %v", p.Channels)
	}
	if len(p.Secrets) != len(p.Repo.Config.ChannelOrder) || p.Secrets[0] != "s0" {
		t.Errorf("secrets: %v", p.Secrets)
	}
}

func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}

// The terminal view and the job summary speak the Publisher's language;
// French with its spaces (U+00A0 before a colon).
func TestResultLanguages(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	for _, tt := range []struct {
		lang       i18n.Lang
		text, dry  string
		summary    []string
		nothingDue string
	}{
		{i18n.French,
			"publications gelées depuis le 2026-12-01 09:30 jusqu’à crieur unfreeze\u00a0: crise\u00a0: 1 envoi retenu\n" +
				"1 publiée, 1 en échec, 0 rattrapée, 1 publication refusée\ncommit 0123456789ab\n",
			"partirait  posts/a.md → x (2026-12-01 09:30)\nessai à blanc\u00a0: 1 publication prévue, 0 refusée\n",
			[]string{"1 publiée, 1 en échec, 0 rattrapée, 0 retirée.", "crise\u00a0: 1 retenue.", "1 publication refusée\u00a0: elle ne part pas", "| publication | canal | quoi | où |"},
			"rien à publier pour l’instant\n"},
		{i18n.Dutch,
			"publiceren bevroren sinds 2026-12-01 09:30 tot crieur unfreeze: crise: 1 verzending tegengehouden\n" +
				"1 gepubliceerd, 1 mislukt, 0 hersteld, 1 bericht geweigerd\ncommit 0123456789ab\n",
			"zou publiceren posts/a.md → x (2026-12-01 09:30)\nproefdraaien: 1 publicatie gepland, 0 geweigerd\n",
			[]string{"1 gepubliceerd, 1 mislukt, 0 hersteld, 0 ingetrokken.", "crise: 1 tegengehouden.", "1 bericht geweigerd: het wordt pas verstuurd", "| bericht | kanaal | wat | waar |"},
			"er is niets te publiceren\n"},
	} {
		var w, errw strings.Builder
		res := viewResult(loc)
		res.Language = tt.lang
		res.WriteText(&w, &errw, false, loc)
		if w.String() != tt.text {
			t.Errorf("%s text:\n%s\nwant:\n%s", tt.lang, w.String(), tt.text)
		}
		md := res.Summary(loc)
		for _, want := range tt.summary {
			if !strings.Contains(md, want) {
				t.Errorf("%s summary lacks %q:\n%s", tt.lang, want, md)
			}
		}
		w.Reset()
		(&Result{Language: tt.lang, Planned: []pipeline.Delivery{{Post: &pipeline.Post{Path: "posts/a.md"}, Channel: "x", Occurrence: time.Date(2026, 12, 1, 9, 30, 0, 0, loc)}}}).WriteText(&w, &errw, true, loc)
		if w.String() != tt.dry {
			t.Errorf("%s dry run: %q", tt.lang, w.String())
		}
		w.Reset()
		(&Result{Language: tt.lang}).WriteText(&w, &errw, false, loc)
		if w.String() != tt.nothingDue {
			t.Errorf("%s empty run: %q", tt.lang, w.String())
		}
	}
}

// The lines of a run speak its language too.
func TestRunProgressInFrench(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc)
	_, out := f.run(now, func(p *Publisher) { p.Language = i18n.French })
	if !strings.Contains(out, "publiée   posts/a.md → mastodon ") || strings.Contains(out, "published ") {
		t.Errorf("progress in French:\n%s", out)
	}
}
