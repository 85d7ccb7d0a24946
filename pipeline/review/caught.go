package review

import (
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// History is the git history of the posts' files, by their paths from
// the git root. *gitrepo.Repo is one.
type History interface {
	// Versions lists the commits that changed path, newest first, at most
	// limit of them (0 for all).
	Versions(path string, limit int) ([]pipeline.Version, error)
	// FileAt reads path as commit has it.
	FileAt(commit, path string) ([]byte, error)
}

// Lint judges one version of a post (its path from the content root, its
// source) at a time: the findings the linters report on it.
type Lint func(path string, src []byte, at time.Time) []pipeline.Finding

// maxVersions is how many versions of a post, the published one and
// those before it, are linted.
const maxVersions = 10

// FindCaught finds what the review caught in the posts first published
// between from and to, as the journal's records say (those that went
// out): for each, the versions of its file that people committed before
// it went out (at most 10, newest first) are linted again; a finding
// present in one of them and absent from the version that went out was
// fixed before publication, and is reported once, with the newest
// version that had it. crieur's own commits are not a person's; the
// schedule rules are left out: they judge the date, not the text. A post
// whose history cannot be read is skipped. prefix is the content root's
// path from the git root. The findings have no Time: they are those of
// the posts published between from and to.
func FindCaught(h History, prefix string, lint Lint, recs []pipeline.Record, from, to time.Time) []pipeline.Caught {
	first := map[string]time.Time{} // post -> its first publication
	for _, r := range recs {
		if !r.WentOut() {
			continue
		}
		if t, ok := first[r.Post]; !ok || r.Time.Before(t) {
			first[r.Post] = r.Time
		}
	}
	var posts []string
	for p, t := range first {
		if !t.Before(from) && t.Before(to) {
			posts = append(posts, p)
		}
	}
	sort.Strings(posts)
	var caught []pipeline.Caught
	for _, p := range posts {
		caught = append(caught, caughtIn(h, prefix+p, p, lint, first[p])...)
	}
	return caught
}

// caughtIn is what the review caught in one post, published at published.
func caughtIn(h History, gitPath, post string, lint Lint, published time.Time) []pipeline.Caught {
	vs, err := h.Versions(gitPath, 0)
	if err != nil {
		return nil
	}
	var before []pipeline.Version
	for _, v := range vs {
		if !v.IsCrieurs() && !v.When.After(published) {
			before = append(before, v)
		}
	}
	if len(before) < 2 {
		return nil // committed once: nothing was fixed in review
	}
	before = before[:min(len(before), maxVersions)]
	judge := func(v pipeline.Version) ([]pipeline.Finding, bool) {
		src, err := h.FileAt(v.Commit, gitPath)
		if err != nil {
			return nil, false
		}
		var out []pipeline.Finding
		for _, fd := range lint(post, src, v.When) {
			if !strings.HasPrefix(fd.Rule, "schedule.") {
				out = append(out, fd)
			}
		}
		return out, true
	}
	out, ok := judge(before[0])
	if !ok {
		return nil
	}
	seen := map[string]bool{} // the published version's findings, then those caught
	for _, fd := range out {
		seen[key(fd)] = true
	}
	var caught []pipeline.Caught
	for _, v := range before[1:] {
		fs, _ := judge(v)
		for _, fd := range fs {
			if seen[key(fd)] {
				continue
			}
			seen[key(fd)] = true
			caught = append(caught, pipeline.Caught{Post: post, Rule: fd.Rule, Severity: fd.Severity, Message: fd.Message, Commit: v.Commit, Author: v.Author.Name})
		}
	}
	return caught
}

// key is what makes two versions' findings the same: the rule and the
// message (the line moves as the text is edited).
func key(fd pipeline.Finding) string { return fd.Rule + "\x00" + fd.Message }
