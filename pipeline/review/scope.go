package review

import (
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// ChangedFile is one file of a pull request's diff, its paths from the
// root of the git repository.
type ChangedFile = pipeline.ChangedFile

// AtBase reads a file, by its path from the git root, as the pull
// request's base commit has it.
type AtBase func(gitPath string) ([]byte, error)

// Scope returns the posts a pull request adds or changes (relative to the
// content root; empty, not nil, when it changes none: only the calendar
// rules then) and the published posts it deletes or rewrites. prefix is
// the content root's path from the git root, with a final slash ("" when
// they are the same folder). Without atBase (no history, no base commit)
// no published post is reported.
func Scope(repo *content.Repo, files []ChangedFile, prefix string, atBase AtBase) ([]string, []Touched) {
	scope := []string{}
	var touched []Touched
	for _, f := range files {
		path := f.Path
		if f.Status == "renamed" && f.PreviousPath != "" {
			path = f.PreviousPath
		}
		rel, ok := strings.CutPrefix(path, prefix)
		if !ok || !content.IsPostPath(rel) {
			continue
		}
		if f.Status != "removed" {
			newRel, _ := strings.CutPrefix(f.Path, prefix)
			scope = append(scope, newRel)
		}
		if atBase != nil {
			if t, ok := publishedTouched(repo, atBase, path, rel, f.Status == "removed"); ok {
				touched = append(touched, t)
			}
		}
	}
	return scope, touched
}

// publishedTouched tells whether a post the pull request deletes or edits
// had gone out (in the base branch's version), and, for an edit, whether
// its text changed: editing the file does not change what is online.
func publishedTouched(repo *content.Repo, atBase AtBase, gitPath, rel string, removed bool) (Touched, bool) {
	old, err := atBase(gitPath)
	if err != nil {
		return Touched{}, false
	}
	of, _ := repo.ParsePost(rel, old)
	if of == nil {
		return Touched{}, false
	}
	repo.Overlay(of.Post) // what went out, where main does not say it
	var where []string
	for _, ch := range of.Post.Channels {
		if pub := of.Post.Publications[ch]; pub.Done() && pub.Retracted.IsZero() {
			where = append(where, strings.TrimSpace(ch+" "+pub.URL))
		}
	}
	if len(where) == 0 {
		return Touched{}, false
	}
	if !removed {
		now, err := repo.ReadPost(rel)
		if err != nil {
			return Touched{}, false
		}
		nf, _ := repo.ParsePost(rel, now)
		if nf == nil || nf.Post.Status == pipeline.StatusRetracted || samePosts(of.Post, nf.Post) {
			return Touched{}, false
		}
	}
	return Touched{Path: rel, Deleted: removed, Where: where}, true
}

// samePosts compares what goes out: the body's parts, the variants and
// the first comment.
func samePosts(a, b *pipeline.Post) bool {
	if !sameText(a.Body, b.Body) || len(a.Variants) != len(b.Variants) {
		return false
	}
	for ch, v := range a.Variants {
		if !sameText(v, b.Variants[ch]) {
			return false
		}
	}
	return true
}

func sameText(a, b pipeline.Text) bool {
	if len(a.Parts) != len(b.Parts) || (a.FirstComment == nil) != (b.FirstComment == nil) {
		return false
	}
	for i := range a.Parts {
		if strings.TrimSpace(a.Parts[i].Source) != strings.TrimSpace(b.Parts[i].Source) {
			return false
		}
	}
	return a.FirstComment == nil || strings.TrimSpace(a.FirstComment.Source) == strings.TrimSpace(b.FirstComment.Source)
}

// Finding is the annotation of a published post the pull request
// touches, on its first line, its path relative to the content root.
func (t Touched) Finding() pipeline.Finding { return t.FindingIn(i18n.English) }

// FindingIn is Finding in l.
func (t Touched) FindingIn(l i18n.Lang) pipeline.Finding {
	return pipeline.Finding{Path: t.Path, Line: 1, Col: 1, Rule: "post.published", Severity: pipeline.Warning,
		Message: say.Text(l, "notice."+t.what(), i18n.Args{"where": strings.Join(t.Where, ", ")}),
		Hint:    say.Text(l, "notice.hint", nil)}
}

// what says what the pull request does to the post: the catalog's
// deleted or changed.
func (t Touched) what() string {
	if t.Deleted {
		return "deleted"
	}
	return "changed"
}
