package github

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
)

// Suggestion is a change crieur proposes on lines Line to EndLine (both
// included; EndLine 0 means Line alone) of a file of the pull request, as
// the file is at its head.
type Suggestion struct {
	Path        string // relative to the repository root, slash-separated
	Line        int
	EndLine     int
	Replacement string // the new text of those lines, without the final newline; "" deletes them
	Body        string // what to say above the suggested change
}

// Review is what SuggestChanges did.
type Review struct {
	URL      string       // the review's page; "" when nothing was posted
	Posted   int          // suggestions posted in the review
	Already  int          // suggestions a previous run had posted, left alone
	Unplaced []Suggestion // suggestions outside the pull request's diff: annotate them instead
}

// SuggestChanges posts the suggestions as one review (event COMMENT) of
// pull request number, on commit commitSHA (the pull request's head).
// GitHub accepts a comment only on a line of the pull request's diff, on
// its RIGHT side (added or context lines, a range within one hunk): the
// others come back in Review.Unplaced. A suggestion already posted (same
// path, line and body among the pull request's review comments) is not
// posted again. No review is posted when no comment is left. When the
// review fails, Unplaced holds every suggestion that was not already
// there, so that the caller can still annotate them.
func (c *Client) SuggestChanges(ctx context.Context, owner, repo string, number int, commitSHA string, suggestions []Suggestion) (Review, error) {
	var rev Review
	if len(suggestions) == 0 {
		return rev, nil
	}
	where := fmt.Sprintf("%s/%s#%d", owner, repo, number)
	files, err := c.listFiles(ctx, owner, repo, number)
	if err != nil {
		return Review{Unplaced: suggestions}, fmt.Errorf("list the files of %s: %w", where, err)
	}
	diff := map[string]map[int]int{}
	for _, f := range files {
		lines, err := rightLines(f.GetPatch())
		if err != nil {
			lines = nil // a patch crieur cannot read: nothing on that file
		}
		diff[f.GetFilename()] = lines
	}
	existing, err := paginate(ctx, func(opt github.ListOptions) ([]*github.PullRequestComment, *github.Response, error) {
		return c.gh.PullRequests.ListComments(ctx, owner, repo, number, &github.PullRequestListCommentsOptions{ListOptions: opt})
	})
	if err != nil {
		return Review{Unplaced: suggestions}, fmt.Errorf("list the review comments of %s: %w", where, err)
	}
	posted := map[commentKey]bool{}
	for _, rc := range existing {
		posted[commentKey{rc.GetPath(), rc.GetLine(), rc.GetBody()}] = true
	}

	var comments []*github.DraftReviewComment
	var sent []Suggestion
	for _, s := range suggestions {
		first, last := s.Line, s.EndLine
		if last == 0 {
			last = first
		}
		if first < 1 || last < first || !inOneHunk(diff[s.Path], first, last) {
			rev.Unplaced = append(rev.Unplaced, s)
			continue
		}
		body := suggestionBody(s.Body, s.Replacement)
		key := commentKey{s.Path, last, body} // GitHub's line is the last line of a range
		if posted[key] {
			rev.Already++
			continue
		}
		posted[key] = true // twice the same suggestion in one call: once
		dc := &github.DraftReviewComment{
			Path: github.String(s.Path),
			Line: github.Int(last),
			Side: github.String("RIGHT"),
			Body: github.String(body),
		}
		if last > first {
			dc.StartLine = github.Int(first)
			dc.StartSide = github.String("RIGHT")
		}
		comments = append(comments, dc)
		sent = append(sent, s)
	}
	if len(comments) == 0 {
		return rev, nil
	}
	r, _, err := c.gh.PullRequests.CreateReview(ctx, owner, repo, number, &github.PullRequestReviewRequest{
		CommitID: github.String(commitSHA),
		Body:     github.String(say.Text(c.Language, "suggestions", nil)),
		Event:    github.String("COMMENT"),
		Comments: comments,
	})
	if err != nil {
		rev.Unplaced = append(rev.Unplaced, sent...)
		return rev, fmt.Errorf("review %s: %w", where, classify(err))
	}
	rev.URL = r.GetHTMLURL()
	rev.Posted = len(comments)
	return rev, nil
}

type commentKey struct {
	path string
	line int
	body string
}

// inOneHunk: every line from first to last is on the RIGHT side of one
// hunk of the diff.
func inOneHunk(lines map[int]int, first, last int) bool {
	h, ok := lines[first]
	if !ok {
		return false
	}
	for l := first + 1; l <= last; l++ {
		if hl, ok := lines[l]; !ok || hl != h {
			return false
		}
	}
	return true
}

// suggestionBody is text, then the replacement in a suggestion block: the
// fence GitHub turns into a "Commit suggestion" button. The fence is
// longer than any run of backticks in the replacement, so that a
// replacement holding a code fence does not close it.
func suggestionBody(text, replacement string) string {
	fence := strings.Repeat("`", max(3, longestRun(replacement, '`')+1))
	var b strings.Builder
	if text != "" {
		b.WriteString(text)
		if !strings.HasSuffix(text, "\n") {
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	b.WriteString(fence + "suggestion\n")
	if replacement != "" {
		b.WriteString(replacement + "\n")
	}
	b.WriteString(fence)
	return b.String()
}

func longestRun(s string, c rune) int {
	most, n := 0, 0
	for _, r := range s {
		if r == c {
			n++
			most = max(most, n)
		} else {
			n = 0
		}
	}
	return most
}
