package github

import (
	"context"
	"fmt"
	"sort"

	"github.com/crieur/crieur/pipeline"
	"github.com/google/go-github/v60/github"
)

// ChangedFile is one file of a pull request's diff.
type ChangedFile = pipeline.ChangedFile

// ChangedFiles lists the files pull request number changes (GitHub lists
// at most 3000).
func (c *Client) ChangedFiles(ctx context.Context, owner, repo string, number int) ([]ChangedFile, error) {
	files, err := c.listFiles(ctx, owner, repo, number)
	if err != nil {
		return nil, fmt.Errorf("list the files of %s/%s#%d: %w", owner, repo, number, err)
	}
	out := make([]ChangedFile, 0, len(files))
	for _, f := range files {
		out = append(out, ChangedFile{Path: f.GetFilename(), Status: f.GetStatus(), PreviousPath: f.GetPreviousFilename()})
	}
	return out, nil
}

func (c *Client) listFiles(ctx context.Context, owner, repo string, number int) ([]*github.CommitFile, error) {
	return paginate(ctx, func(opt github.ListOptions) ([]*github.CommitFile, *github.Response, error) {
		return c.gh.PullRequests.ListFiles(ctx, owner, repo, number, &opt)
	})
}

// PullRequestInfo is the pull request a commit came from, and who let it in.
type PullRequestInfo struct {
	Number   int
	URL      string // its page
	Author   string
	MergedBy string // "" while it is not merged
	// Approvers are the users whose latest verdict is an approval, in
	// alphabetical order.
	Approvers []string
}

// PullRequestOf finds the pull request commit sha belongs to: among the
// pull requests GitHub associates with the commit, the merged one (the
// one merged as sha first), else the first. It returns nil and no error
// when there is none: the commit was pushed directly.
//
// A user's verdict is their latest review that approves, requests
// changes or was dismissed; a later review that only comments does not
// withdraw an approval, as on GitHub's own page.
func (c *Client) PullRequestOf(ctx context.Context, owner, repo, sha string) (*PullRequestInfo, error) {
	where := fmt.Sprintf("%s/%s@%s", owner, repo, sha)
	prs, err := paginate(ctx, func(opt github.ListOptions) ([]*github.PullRequest, *github.Response, error) {
		return c.gh.PullRequests.ListPullRequestsWithCommit(ctx, owner, repo, sha, &opt)
	})
	if err != nil {
		return nil, fmt.Errorf("list the pull requests of %s: %w", where, err)
	}
	pr := pick(prs, sha)
	if pr == nil {
		return nil, nil
	}
	info := &PullRequestInfo{Number: pr.GetNumber(), URL: pr.GetHTMLURL(), Author: pr.GetUser().GetLogin()}
	if pr.MergedAt != nil || pr.GetMerged() {
		// The list does not say who merged: the pull request itself does.
		if pr.MergedBy == nil {
			full, _, err := c.gh.PullRequests.Get(ctx, owner, repo, pr.GetNumber())
			if err != nil {
				return nil, fmt.Errorf("read %s/%s#%d: %w", owner, repo, pr.GetNumber(), classify(err))
			}
			pr = full
		}
		info.MergedBy = pr.GetMergedBy().GetLogin()
	}
	reviews, err := paginate(ctx, func(opt github.ListOptions) ([]*github.PullRequestReview, *github.Response, error) {
		return c.gh.PullRequests.ListReviews(ctx, owner, repo, info.Number, &opt)
	})
	if err != nil {
		return nil, fmt.Errorf("list the reviews of %s/%s#%d: %w", owner, repo, info.Number, err)
	}
	info.Approvers = approvers(reviews)
	return info, nil
}

// pick prefers the pull request merged as sha, then any merged one, then
// the first.
func pick(prs []*github.PullRequest, sha string) *github.PullRequest {
	var merged *github.PullRequest
	for _, pr := range prs {
		if pr.MergedAt == nil {
			continue
		}
		if pr.GetMergeCommitSHA() == sha {
			return pr
		}
		if merged == nil {
			merged = pr
		}
	}
	if merged != nil {
		return merged
	}
	if len(prs) > 0 {
		return prs[0]
	}
	return nil
}

// approvers reads reviews in the order GitHub lists them (chronological)
// and keeps each user's latest verdict.
func approvers(reviews []*github.PullRequestReview) []string {
	// GitHub lists them in chronological order; submitted_at, when every
	// review has one, decides should a page come out of order.
	dated := true
	for _, r := range reviews {
		dated = dated && r.SubmittedAt != nil
	}
	if dated {
		reviews = append([]*github.PullRequestReview(nil), reviews...)
		sort.SliceStable(reviews, func(i, j int) bool { return reviews[i].SubmittedAt.Before(reviews[j].SubmittedAt.Time) })
	}
	latest := map[string]string{}
	for _, r := range reviews {
		login := r.GetUser().GetLogin()
		if login == "" {
			continue
		}
		switch state := r.GetState(); state {
		case "APPROVED", "CHANGES_REQUESTED", "DISMISSED":
			latest[login] = state
		}
	}
	var out []string
	for login, state := range latest {
		if state == "APPROVED" {
			out = append(out, login)
		}
	}
	sort.Strings(out)
	return out
}
