package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/crieur/crieur/pipeline/i18n"
)

// ErrReadOnly: GitHub answered 403 "Resource not accessible by
// integration" (or "by personal access token"): the token may not do
// this. A pull request from a fork gets a read-only token, and so does a
// workflow whose permissions leave out pull-requests: write. The caller
// says so ("no comment: this pull request comes from a fork, its token
// cannot write; the annotations and the job summary have everything")
// and goes on; errors.Is(err, ErrReadOnly) tells.
var ErrReadOnly = errors.New("the token cannot write here (a pull request from a fork gets a read-only token)")

// Client talks to GitHub's REST API through go-github.
type Client struct {
	gh *github.Client
	// Language is the reader's: what the client writes on GitHub in its
	// own words (the head of the suggestions' review) is in it.
	Language i18n.Lang
}

// NewClient builds a client for the API at apiURL (GITHUB_API_URL:
// https://api.github.com, https://HOST/api/v3 for GitHub Enterprise
// Server, a test server's URL) with the token. A nil httpClient is
// http.DefaultClient's settings.
func NewClient(apiURL, token string, httpClient *http.Client) (*Client, error) {
	gh := github.NewClient(httpClient)
	if token != "" {
		gh = gh.WithAuthToken(token)
	}
	if apiURL != "" {
		u, err := url.Parse(strings.TrimSuffix(apiURL, "/") + "/")
		if err != nil {
			return nil, fmt.Errorf("GitHub API URL %q: %w", apiURL, err)
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			return nil, fmt.Errorf("GitHub API URL %q: not an http(s) URL", apiURL)
		}
		gh.BaseURL = u
	}
	return &Client{gh: gh}, nil
}

// classify turns GitHub's refusal of a read-only token into ErrReadOnly,
// keeping the original error (errors.As to *github.ErrorResponse still
// works).
func classify(err error) error {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusForbidden &&
		strings.HasPrefix(er.Message, "Resource not accessible by") {
		return fmt.Errorf("%w: %w", ErrReadOnly, err)
	}
	return err
}

// perPage is the largest page GitHub serves.
const perPage = 100

// paginate calls list page after page until GitHub says there is no next
// page (resp.NextPage == 0, read from the Link header).
func paginate[T any](ctx context.Context, list func(github.ListOptions) ([]T, *github.Response, error)) ([]T, error) {
	var all []T
	opt := github.ListOptions{PerPage: perPage}
	for {
		if err := ctx.Err(); err != nil {
			return all, err
		}
		items, resp, err := list(opt)
		if err != nil {
			return all, classify(err)
		}
		all = append(all, items...)
		if resp == nil || resp.NextPage == 0 || resp.NextPage <= opt.Page {
			return all, nil
		}
		opt.Page = resp.NextPage
	}
}
