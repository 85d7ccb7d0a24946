package github

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
)

// Marker opens crieur's sticky comment: a hidden HTML comment by which a
// later run finds the comment to edit instead of adding another.
const Marker = "<!-- crieur -->"

// StickyAction says what StickyComment did.
type StickyAction string

const (
	Created   StickyAction = "created"
	Updated   StickyAction = "updated"
	Unchanged StickyAction = "unchanged" // the comment already said exactly this
)

// Sticky is the comment StickyComment left.
type Sticky struct {
	Action StickyAction
	ID     int64
	URL    string // its place in the pull request's conversation
}

// StickyComment keeps one comment of crieur's on pull request (or issue)
// number: the first comment that starts with Marker is edited in place,
// and only when there is none is one created. body is given the marker
// when it does not start with it. A comment that quotes crieur's ("> "
// before the marker) is not crieur's.
func (c *Client) StickyComment(ctx context.Context, owner, repo string, number int, body string) (Sticky, error) {
	if !strings.HasPrefix(body, Marker) {
		body = Marker + "\n" + body
	}
	where := fmt.Sprintf("%s/%s#%d", owner, repo, number)
	comments, err := paginate(ctx, func(opt github.ListOptions) ([]*github.IssueComment, *github.Response, error) {
		return c.gh.Issues.ListComments(ctx, owner, repo, number, &github.IssueListCommentsOptions{ListOptions: opt})
	})
	if err != nil {
		return Sticky{}, fmt.Errorf("list the comments of %s: %w", where, err)
	}
	for _, old := range comments {
		if !isSticky(old.GetBody()) {
			continue
		}
		if old.GetBody() == body {
			return Sticky{Action: Unchanged, ID: old.GetID(), URL: old.GetHTMLURL()}, nil
		}
		edited, _, err := c.gh.Issues.EditComment(ctx, owner, repo, old.GetID(), &github.IssueComment{Body: github.String(body)})
		if err != nil {
			return Sticky{}, fmt.Errorf("edit crieur's comment on %s: %w", where, classify(err))
		}
		return Sticky{Action: Updated, ID: edited.GetID(), URL: edited.GetHTMLURL()}, nil
	}
	created, _, err := c.gh.Issues.CreateComment(ctx, owner, repo, number, &github.IssueComment{Body: github.String(body)})
	if err != nil {
		return Sticky{}, fmt.Errorf("comment on %s: %w", where, classify(err))
	}
	return Sticky{Action: Created, ID: created.GetID(), URL: created.GetHTMLURL()}, nil
}

func isSticky(body string) bool {
	return strings.HasPrefix(strings.TrimLeft(body, " \t\r\n"), Marker)
}
