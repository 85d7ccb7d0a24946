package github

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/fakegithub"
	"github.com/crieur/crieur/pipeline"
)

// The journal records the pull request of a post's last human commit,
// with its author and approvers; the commit's author for a direct push
// or without GitHub; nobody when the history cannot be read, said once.
func TestProvenance(t *testing.T) {
	const mergeSHA, directSHA = "9a8f6e2c1b0d4e7f3a5c8b2d6e1f0a9c7b3d5e4f", "1111111111111111111111111111111111111111"
	f := newFake(t)
	f.AddPull(fakegithub.Pull{Number: prNumber, State: "open", Title: "Spring", User: fakegithub.Human("camille"), Head: fakegithub.Branch{SHA: headSHA}}, nil, nil)
	f.LinkCommit(mergeSHA, prNumber)
	f.AddReview(prNumber, fakegithub.Human("alice"), "APPROVED", time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))
	versions := map[string]pipeline.Version{
		"posts/pr.md":     {Commit: mergeSHA, Author: pipeline.Signature{Name: "Camille D."}},
		"posts/direct.md": {Commit: directSHA, Author: pipeline.Signature{Name: "Dominique"}},
		"posts/new.md":    {},
	}
	origin := func(path string) (pipeline.Version, error) {
		if v, ok := versions[path]; ok {
			return v, nil
		}
		return pipeline.Version{}, errors.New("object not found")
	}
	var warnings []string
	warn := func(err error) { warnings = append(warnings, err.Error()) }
	ev := &Event{Owner: fakeOwner, Repo: fakeRepo, APIURL: f.URL(), Token: fakeToken}
	of := Provenance(context.Background(), ev, origin, warn)
	for path, want := range map[string]pipeline.Provenance{
		"posts/pr.md":     {PullRequest: prNumber, Author: "camille", Approvers: []string{"alice"}},
		"posts/direct.md": {Author: "Dominique"},
		"posts/new.md":    {},
		"posts/gone.md":   {},
		"posts/lost.md":   {},
	} {
		if got := of(path); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v, want %+v", path, got, want)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "the history of the posts cannot be read (object not found)") {
		t.Errorf("warnings %q, want one about the history", warnings)
	}
	if got := Provenance(context.Background(), nil, origin, warn)("posts/pr.md"); !reflect.DeepEqual(got, pipeline.Provenance{Author: "Camille D."}) {
		t.Errorf("without GitHub: %+v, want the commit's author", got)
	}
}
