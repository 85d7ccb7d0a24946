package content

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// StateMerge says how each file of crieur's commit is re-applied onto the
// remote's version of it when the branch moved before the push (a merged
// pull request, another run): the journal's lines are appended again, a
// post's state is written again into the post as it now is on the
// remote, a report is kept as crieur drew it, and a metrics file is
// merged by mergeCSV. Any other file is an error.
//
// prefix is the content root's folder in the git repository ("" at its
// root, "site/" below it): the paths given to the merge are the git
// repository's. Its type is gitrepo.Merge's, without content knowing git.
func (r *Repo) StateMerge(prefix string, mergeCSV func(base, ours, theirs []byte) ([]byte, error)) func(path string, base, ours, theirs []byte) ([]byte, error) {
	journalDir := path.Clean(r.Config.Journal) + "/"
	return func(p string, base, ours, theirs []byte) ([]byte, error) {
		rel, ok := strings.CutPrefix(p, prefix)
		switch {
		case !ok:
			return nil, errors.New(say.Text(r.lang(), "merge.outside", i18n.Args{"path": p}))
		case strings.HasPrefix(rel, journalDir):
			return pipeline.AppendOnlyMerge(base, ours, theirs)
		case strings.HasPrefix(rel, MetricsDir+"/") && strings.HasSuffix(rel, ".csv"):
			return mergeCSV(base, ours, theirs)
		case strings.HasPrefix(rel, ReportsDir+"/"):
			return ours, nil // a report is drawn again whole from the data
		case IsPostPath(rel):
			return r.mergePostState(rel, base, ours, theirs)
		}
		return nil, errors.New(say.Text(r.lang(), "merge.other_file", i18n.Args{"path": p}))
	}
}

// mergePostState writes ours's state (status and publications) into the
// post as it is on the remote (theirs): the remote's text is kept, and so
// is a status a person changed there since base. It refuses what a human
// must look at: the post gone from the remote, or a channel that went out
// twice.
func (r *Repo) mergePostState(rel string, base, ours, theirs []byte) ([]byte, error) {
	if theirs == nil {
		return nil, errors.New(say.Text(r.lang(), "merge.deleted", i18n.Args{"path": rel}))
	}
	of, ofs := r.ParsePost(rel, ours)
	tf, tfs := r.ParsePost(rel, theirs)
	if of == nil || tf == nil {
		return nil, errors.New(say.Text(r.lang(), "merge.unreadable", i18n.Args{"path": rel, "ours": fmt.Sprint(ofs), "theirs": fmt.Sprint(tfs)}))
	}
	pubs, err := mergePublications(rel, of.Post.Publications, tf.Post.Publications, r.lang())
	if err != nil {
		return nil, err
	}
	status := of.Post.Status
	if base != nil {
		if bf, _ := r.ParsePost(rel, base); bf != nil && tf.Post.Status != bf.Post.Status {
			status = tf.Post.Status // a person changed it on the remote (draft, retracted): theirs wins
		}
	}
	out, err := tf.WithState(status, pubs, r.Config.Timezone)
	if err != nil {
		return nil, errors.New(rel + ": " + err.Error())
	}
	return out, nil
}

// mergePublications is theirs's publications with ours's written over
// them, except where the remote knows a channel went out and ours does
// not; two different remote ids for one channel are an error.
func mergePublications(rel string, ours, theirs map[string]pipeline.Publication, l i18n.Lang) (map[string]pipeline.Publication, error) {
	pubs := map[string]pipeline.Publication{}
	for ch, pub := range theirs {
		pubs[ch] = pub
	}
	for ch, pub := range ours {
		if t, ok := pubs[ch]; ok && t.Done() && pub.Done() && t.ID != pub.ID {
			return nil, errors.New(say.Text(l, "merge.twice", i18n.Args{"path": rel, "channel": ch, "theirs": t.ID, "ours": pub.ID}))
		}
		if t, ok := pubs[ch]; ok && t.Done() && !pub.Done() {
			continue // the remote knows it went out: keep that
		}
		pubs[ch] = pub
	}
	return pubs, nil
}
