package main

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

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
		Replay: g.Reapply(stateMerge(repo, gitPrefix(repo))),
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

// stateMerge re-applies one file of crieur's commit onto the remote's
// version of it.
func stateMerge(repo *content.Repo, prefix string) gitrepo.Merge {
	journalDir := path.Clean(repo.Config.Journal) + "/"
	return func(p string, base, ours, theirs []byte) ([]byte, error) {
		rel, ok := strings.CutPrefix(p, prefix)
		switch {
		case !ok:
			return nil, fmt.Errorf("%s is outside the content repository", p)
		case strings.HasPrefix(rel, journalDir):
			return pipeline.AppendOnlyMerge(base, ours, theirs)
		case strings.HasPrefix(rel, content.MetricsDir+"/") && strings.HasSuffix(rel, ".csv"):
			return appendCSVMerge(base, ours, theirs)
		case strings.HasPrefix(rel, content.ReportsDir+"/"):
			return ours, nil // a report is drawn again whole from the data
		case content.IsPostPath(rel):
			return mergePostState(repo, rel, base, ours, theirs)
		}
		return nil, fmt.Errorf("%s: crieur's commit changed it, and it is neither a post nor the journal", p)
	}
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

func mergePostState(repo *content.Repo, rel string, base, ours, theirs []byte) ([]byte, error) {
	if theirs == nil {
		return nil, fmt.Errorf("%s was deleted or renamed on the remote after it was published: restore it, or record its publications by hand", rel)
	}
	of, ofs := repo.ParsePost(rel, ours)
	tf, tfs := repo.ParsePost(rel, theirs)
	if of == nil || tf == nil {
		return nil, fmt.Errorf("%s cannot be read on one side: %v %v", rel, ofs, tfs)
	}
	var bp *pipeline.Post
	if base != nil {
		if bf, _ := repo.ParsePost(rel, base); bf != nil {
			bp = bf.Post
		}
	}
	pubs := map[string]pipeline.Publication{}
	for ch, pub := range tf.Post.Publications {
		pubs[ch] = pub
	}
	for ch, pub := range of.Post.Publications {
		if t, ok := pubs[ch]; ok && t.Done() && pub.Done() && t.ID != pub.ID {
			return nil, fmt.Errorf("%s: %s has %s on the remote and %s here: it went out twice, a human must look", rel, ch, t.ID, pub.ID)
		}
		if t, ok := pubs[ch]; ok && t.Done() && !pub.Done() {
			continue // the remote knows it went out: keep that
		}
		pubs[ch] = pub
	}
	status := of.Post.Status
	if bp != nil && tf.Post.Status != bp.Status {
		status = tf.Post.Status // a person changed it on the remote (draft, retracted): theirs wins
	}
	out, err := tf.WithState(status, pubs, repo.Config.Timezone)
	if err != nil {
		return nil, errors.New(rel + ": " + err.Error())
	}
	return out, nil
}
