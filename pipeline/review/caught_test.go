package review

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// fakeHistory is a git history in maps: each file's versions, newest
// first, and each version's text by commit.
type fakeHistory struct {
	versions map[string][]pipeline.Version
	files    map[string]string // commit + ":" + path -> text
}

func (h fakeHistory) Versions(path string, limit int) ([]pipeline.Version, error) {
	vs, ok := h.versions[path]
	if !ok {
		return nil, errors.New("no history")
	}
	if limit > 0 && len(vs) > limit {
		vs = vs[:limit]
	}
	return vs, nil
}

func (h fakeHistory) FileAt(commit, path string) ([]byte, error) {
	s, ok := h.files[commit+":"+path]
	if !ok {
		return nil, errors.New("no such file at " + commit)
	}
	return []byte(s), nil
}

// fakeLint reports the words it knows in a text.
func fakeLint(path string, src []byte, at time.Time) []pipeline.Finding {
	var out []pipeline.Finding
	for word, rule := range map[string]string{"Bxl": "charte.substitution", "tôt": "schedule.gap", "!!": "typo.bang"} {
		if strings.Contains(string(src), word) {
			out = append(out, pipeline.Finding{Path: path, Rule: rule, Severity: pipeline.Warning, Message: word})
		}
	}
	return out
}

// A finding fixed before publication is caught, with the person's version
// that had it; crieur's own commits are skipped, the schedule rules
// ignored, and only the posts first published in the month count.
func TestFindCaught(t *testing.T) {
	pub := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return pub.Add(time.Duration(h) * time.Hour) }
	camille, bot := pipeline.Signature{Name: "Camille"}, pipeline.Signature{Name: "crieur"}
	h := fakeHistory{
		versions: map[string][]pipeline.Version{
			"site/posts/a.md": {
				{Commit: "a5", Author: bot, When: at(0), Message: "crieur: publish 1 post"},
				{Commit: "a4", Author: camille, When: at(-1), Message: "corrige"},
				{Commit: "a3", Author: bot, When: at(-2), Message: "crieur: fix"},
				{Commit: "a2", Author: pipeline.Signature{Name: "Dominique"}, When: at(-3), Message: "tôt"},
				{Commit: "a1", Author: camille, When: at(-4), Message: "nouveau post"},
			},
			"site/posts/once.md": {{Commit: "o1", Author: camille, When: at(-4), Message: "nouveau post"}},
			"site/posts/old.md": {
				{Commit: "b2", Author: camille, When: at(-800)},
				{Commit: "b1", Author: camille, When: at(-801)},
			},
		},
		files: map[string]string{
			"a5:site/posts/a.md":    "Concert à Bruxelles.\nstate",
			"a4:site/posts/a.md":    "Concert à Bruxelles.",
			"a3:site/posts/a.md":    "Concert à Bxl !!",
			"a2:site/posts/a.md":    "Concert à Bxl, tôt.",
			"a1:site/posts/a.md":    "Concert à Bxl.",
			"o1:site/posts/once.md": "Bxl",
			"b2:site/posts/old.md":  "Bruxelles",
			"b1:site/posts/old.md":  "Bxl",
		},
	}
	published, recovered := pipeline.ActionPublished, pipeline.ActionRecovered
	recs := []pipeline.Record{
		{Action: pipeline.ActionFailed, Post: "posts/a.md", Time: at(-10)}, // did not go out: not its publication
		{Action: published, Post: "posts/a.md", Time: pub},
		{Action: recovered, Post: "posts/a.md", Time: at(48)}, // again, later: the first one counts
		{Action: published, Post: "posts/once.md", Time: pub},
		{Action: published, Post: "posts/old.md", Time: at(-700)}, // the month before
		{Action: published, Post: "posts/gone.md", Time: pub},     // no history
	}
	from, to := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	got := FindCaught(h, "site/", fakeLint, recs, from, to)
	want := []pipeline.Caught{{Post: "posts/a.md", Rule: "charte.substitution", Severity: pipeline.Warning, Message: "Bxl", Commit: "a2", Author: "Dominique"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("caught %+v\nwant %+v", got, want)
	}
}
