package github

import (
	"context"
	"fmt"

	"github.com/crieur/crieur/pipeline"
)

// Provenance finds where a post came from, for the journal. origin gives
// the last commit a person made to a post's file (the zero Version when
// there is none); with the run's event and its token, the pull request
// that commit belongs to gives the author and the approvers (go-github).
// Without GitHub, or when it cannot answer, the commit's author is
// recorded. warn is told, once, why the answers are less than that.
func Provenance(ctx context.Context, ev *Event, origin func(path string) (pipeline.Version, error), warn func(error)) func(path string) pipeline.Provenance {
	var gh *Client
	if ev != nil && ev.Token != "" {
		gh, _ = NewClient(ev.APIURL, ev.Token, nil)
	}
	warned := false
	once := func(err error) {
		if !warned {
			warn(err)
			warned = true
		}
	}
	return func(path string) pipeline.Provenance {
		v, err := origin(path)
		if err != nil {
			once(fmt.Errorf("the history of the posts cannot be read (%w): the journal records no author (a shallow clone? check out with fetch-depth: 0)", err))
			return pipeline.Provenance{}
		}
		if v.Commit == "" {
			return pipeline.Provenance{}
		}
		pv := pipeline.Provenance{Author: v.Author.Name}
		if gh == nil {
			return pv
		}
		pr, err := gh.PullRequestOf(ctx, ev.Owner, ev.Repo, v.Commit)
		if err != nil {
			once(fmt.Errorf("cannot find the pull requests of the posts (%w): the journal records the commits' authors", err))
			return pv
		}
		if pr != nil {
			pv = pipeline.Provenance{PullRequest: pr.Number, Author: pr.Author, Approvers: pr.Approvers}
		}
		return pv
	}
}
