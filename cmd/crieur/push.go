package main

import (
	"bytes"
	"fmt"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/gitrepo"
)

// pushRun pushes the publisher's commit. When the branch moved meanwhile
// (a merged pull request, another run), crieur's commit is re-applied on
// the new head: its journal lines appended again, each post's state
// written again into the post as it now is on the remote. Nothing is sent
// to a network again; a conflict (the post deleted or its state changed on
// the remote in a way that disagrees) stops with the commit kept.
func (e *env) pushRun(g *gitrepo.Repo, repo *content.Repo) error {
	token := e.getenv("GITHUB_TOKEN")
	res, err := g.Push(e.ctx, gitrepo.PushOptions{
		Remote: "origin",
		Auth:   gitrepo.Credentials{Username: "x-access-token", Token: token},
		Replay: g.Reapply(repo.StateMerge(gitPrefix(repo), appendCSVMerge)),
	})
	if err != nil {
		return err
	}
	switch {
	case res.UpToDate:
	case res.Replays > 0:
		fmt.Fprintf(e.stdout, "pushed %s (main had moved: re-applied %d %s on top of it)\n", res.Commit[:12], res.Replays, plural(res.Replays, "time", "times"))
	default:
		fmt.Fprintf(e.stdout, "pushed %s\n", res.Commit[:12])
	}
	return nil
}

// appendCSVMerge is pipeline.AppendOnlyMerge for a CSV file with a header: when
// both sides created the file, ours's header is not repeated.
func appendCSVMerge(base, ours, theirs []byte) ([]byte, error) {
	if len(base) == 0 && len(theirs) > 0 {
		oh, _, ok := bytes.Cut(ours, []byte("\n"))
		th, _, _ := bytes.Cut(theirs, []byte("\n"))
		if ok && bytes.Equal(oh, th) {
			base = ours[:len(oh)+1] // the header is the common base
		}
	}
	return pipeline.AppendOnlyMerge(base, ours, theirs)
}
