package github

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/crieur/crieur/pipeline/i18n"
)

// TokenInput is the action input that may carry the token; without it,
// the GITHUB_TOKEN environment variable does.
const TokenInput = "github-token"

// Event is what triggered the workflow run, and what the step may do
// about it.
type Event struct {
	Name        string // GITHUB_EVENT_NAME: pull_request, push, schedule, workflow_dispatch…
	PayloadPath string // GITHUB_EVENT_PATH: the webhook payload, as JSON
	Owner, Repo string // the repository the workflow runs in (GITHUB_REPOSITORY)
	APIURL      string // GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's
	SHA         string // GITHUB_SHA: for a pull request, the test merge commit, not the head
	Ref         string // GITHUB_REF
	Actor       string // GITHUB_ACTOR

	// Token authenticates the API calls: the input github-token, else
	// GITHUB_TOKEN. It is secret: mask it, never print it.
	Token string
	// CanWrite is a guess made before any call: false without a token, for
	// a pull request from a fork (its token is read-only, unless the
	// workflow runs on pull_request_target) and for Dependabot's runs.
	// WhyReadOnly says why. The API has the last word: a write it refuses
	// comes back as ErrReadOnly.
	CanWrite    bool
	WhyReadOnly string

	PullRequest *PullRequestEvent // pull_request, pull_request_target, pull_request_review…
	Push        *PushEvent        // push
	Schedule    string            // schedule: the cron expression that fired
}

// PullRequestEvent is the pull request of a pull_request* event.
type PullRequestEvent struct {
	Number   int
	URL      string // the pull request's page
	Author   string
	HeadRepo string // owner/name the changes come from
	BaseRepo string // owner/name they go to
	HeadRef  string
	BaseRef  string
	HeadSHA  string // the last commit of the pull request: review comments go there
	BaseSHA  string
	// IsFork: the head repository is not the base repository (or is gone).
	IsFork bool
}

// PushEvent is what a push moved.
type PushEvent struct {
	Ref    string // refs/heads/main
	Before string // the ref's commit before the push (all zeros for a new branch)
	After  string // its commit after the push
}

// payload is the part of a webhook payload crieur reads.
// https://docs.github.com/en/webhooks/webhook-events-and-payloads
type payload struct {
	PullRequest *struct {
		Number  int    `json:"number"`
		HTMLURL string `json:"html_url"`
		User    *struct {
			Login string `json:"login"`
		} `json:"user"`
		Head prBranch `json:"head"`
		Base prBranch `json:"base"`
	} `json:"pull_request"`
	Ref      string `json:"ref"`
	Before   string `json:"before"`
	After    string `json:"after"`
	Schedule string `json:"schedule"`
}

type prBranch struct {
	Ref  string `json:"ref"`
	SHA  string `json:"sha"`
	Repo *struct {
		FullName string `json:"full_name"`
	} `json:"repo"` // null when the fork was deleted
}

// Event reads the run's environment (go-githubactions' Context) and the
// event's payload. Outside Actions it returns an Event with empty fields
// and no error.
func (r *Runner) Event() (*Event, error) {
	ctx, err := r.act.Context()
	if ctx == nil {
		// Only a payload that cannot be read or parsed leaves no context;
		// a malformed number (GITHUB_RUN_ID…) is in err too but leaves
		// the fields crieur reads intact.
		return nil, fmt.Errorf("read the GitHub Actions environment: %w", err)
	}
	e := &Event{
		Name:        ctx.EventName,
		PayloadPath: ctx.EventPath,
		APIURL:      ctx.APIURL,
		SHA:         ctx.SHA,
		Ref:         ctx.Ref,
		Actor:       ctx.Actor,
	}
	e.Owner, e.Repo = ctx.Repo()
	e.Token = r.act.GetInput(TokenInput)
	if e.Token == "" {
		e.Token = strings.TrimSpace(r.getenv("GITHUB_TOKEN"))
	}

	if e.PayloadPath != "" {
		if err := e.readPayload(); err != nil {
			return nil, err
		}
	}
	e.CanWrite, e.WhyReadOnly = e.canWrite()
	return e, nil
}

func (e *Event) readPayload() error {
	data, err := os.ReadFile(e.PayloadPath)
	if errors.Is(err, os.ErrNotExist) {
		return nil // as go-githubactions: no file, no payload
	}
	if err != nil {
		return fmt.Errorf("read the event payload: %w", err)
	}
	var p payload
	if err := json.Unmarshal(data, &p); err != nil {
		return fmt.Errorf("read the event payload %s: %w", e.PayloadPath, err)
	}
	switch {
	case p.PullRequest != nil:
		pr := &PullRequestEvent{
			Number:  p.PullRequest.Number,
			URL:     p.PullRequest.HTMLURL,
			HeadRef: p.PullRequest.Head.Ref,
			BaseRef: p.PullRequest.Base.Ref,
			HeadSHA: p.PullRequest.Head.SHA,
			BaseSHA: p.PullRequest.Base.SHA,
		}
		if p.PullRequest.User != nil {
			pr.Author = p.PullRequest.User.Login
		}
		if p.PullRequest.Head.Repo != nil {
			pr.HeadRepo = p.PullRequest.Head.Repo.FullName
		}
		if p.PullRequest.Base.Repo != nil {
			pr.BaseRepo = p.PullRequest.Base.Repo.FullName
		}
		pr.IsFork = pr.HeadRepo == "" || !strings.EqualFold(pr.HeadRepo, pr.BaseRepo)
		e.PullRequest = pr
	case e.Name == "push":
		e.Push = &PushEvent{Ref: p.Ref, Before: p.Before, After: p.After}
	case e.Name == "schedule":
		e.Schedule = p.Schedule
	}
	if strings.HasPrefix(e.Name, "pull_request") && e.PullRequest == nil {
		return fmt.Errorf("read the event payload %s: a %s event without pull_request", e.PayloadPath, e.Name)
	}
	return nil
}

func (e *Event) canWrite() (bool, string) {
	ok, id, args := e.writes()
	if ok {
		return true, ""
	}
	return false, whyText(i18n.English, id, args)
}

// whyText is why the token cannot write, in l; a fork whose repository
// is unknown is a deleted one.
func whyText(l i18n.Lang, id string, args i18n.Args) string {
	if repo, ok := args["repo"]; ok && repo == "" {
		args = i18n.Args{"repo": say.Text(l, "why.deleted", nil)}
	}
	return say.Text(l, id, args)
}

// writes says whether the token can write and, when it cannot, why: the
// catalog's id and its values.
func (e *Event) writes() (bool, string, i18n.Args) {
	switch {
	case e.Token == "":
		return false, "why.no_token", i18n.Args{"input": TokenInput}
	case e.Actor == "dependabot[bot]":
		return false, "why.dependabot", nil
	case e.PullRequest != nil && e.PullRequest.IsFork && e.Name != "pull_request_target":
		return false, "why.fork", i18n.Args{"repo": e.PullRequest.HeadRepo}
	}
	return true, "", nil
}

// whyIn is WhyReadOnly in l: said again from the event when it is what
// the event says, else as written.
func (e *Event) whyIn(l i18n.Lang) string {
	ok, id, args := e.writes()
	if ok || whyText(i18n.English, id, args) != e.WhyReadOnly {
		return e.WhyReadOnly
	}
	return whyText(l, id, args)
}
