package github

// A fake of GitHub's REST API for exactly the calls this package makes. It
// follows the routes, request bodies and response bodies of the
// documentation, and refuses what GitHub would refuse:
//
//	https://docs.github.com/en/rest/issues/comments#list-issue-comments
//	  GET   /repos/{owner}/{repo}/issues/{issue_number}/comments
//	https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
//	  POST  /repos/{owner}/{repo}/issues/{issue_number}/comments   {"body"}
//	https://docs.github.com/en/rest/issues/comments#update-an-issue-comment
//	  PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}     {"body"}
//	https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files
//	  GET   /repos/{owner}/{repo}/pulls/{pull_number}/files
//	https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request
//	  GET   /repos/{owner}/{repo}/pulls/{pull_number}
//	https://docs.github.com/en/rest/pulls/comments#list-review-comments-on-a-pull-request
//	  GET   /repos/{owner}/{repo}/pulls/{pull_number}/comments
//	https://docs.github.com/en/rest/pulls/reviews#create-a-review-for-a-pull-request
//	  POST  /repos/{owner}/{repo}/pulls/{pull_number}/reviews
//	        {"commit_id", "body", "event", "comments": [{"path", "body", "line", "side", "start_line", "start_side"}]}
//	https://docs.github.com/en/rest/pulls/reviews#list-reviews-for-a-pull-request
//	  GET   /repos/{owner}/{repo}/pulls/{pull_number}/reviews
//	https://docs.github.com/en/rest/commits/commits#list-pull-requests-associated-with-a-commit
//	  GET   /repos/{owner}/{repo}/commits/{commit_sha}/pulls
//
// Lists are paginated as documented in
// https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api:
// page and per_page in the query, a Link header with rel="next" (and
// "last", "prev", "first") while there is more. The fake serves at most
// pageSize items a page, whatever per_page asks, so that a few items are
// enough to make the client follow the links.
//
// A token without write access is refused as GitHub refuses a fork's
// token: 403 {"message": "Resource not accessible by integration",
// "documentation_url": …} (see
// https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api).
// A review comment off the diff is refused with 422, as GitHub does.
//
// Every request is checked (method and route, the token, the API version
// header, the JSON body's fields, the suggestion fence); a request the
// documentation would not accept fails the test.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	fakeOwner = "octo-org"
	fakeRepo  = "posts"
	fakeToken = "ghs_faketoken"
	headSHA   = "6dcb09b5b57875f334f61aebed695e2e4193db5e"
)

type user struct {
	Login string `json:"login"`
	ID    int64  `json:"id"`
	Type  string `json:"type"` // User or Bot
}

var botUser = user{Login: "github-actions[bot]", ID: 41898282, Type: "Bot"}

func human(login string) user { return user{Login: login, ID: int64(1000 + len(login)), Type: "User"} }

// issueComment is a comment of a pull request's conversation, as the API
// shows it.
type issueComment struct {
	ID                int64  `json:"id"`
	NodeID            string `json:"node_id"`
	URL               string `json:"url"`
	HTMLURL           string `json:"html_url"`
	IssueURL          string `json:"issue_url"`
	Body              string `json:"body"`
	User              user   `json:"user"`
	CreatedAt         string `json:"created_at"`
	UpdatedAt         string `json:"updated_at"`
	AuthorAssociation string `json:"author_association"`
}

// prFile is one entry of "List pull requests files"; Patch is omitted for
// a removed or binary file.
type prFile struct {
	SHA              string `json:"sha"`
	Filename         string `json:"filename"`
	Status           string `json:"status"`
	Additions        int    `json:"additions"`
	Deletions        int    `json:"deletions"`
	Changes          int    `json:"changes"`
	BlobURL          string `json:"blob_url"`
	RawURL           string `json:"raw_url"`
	ContentsURL      string `json:"contents_url"`
	Patch            string `json:"patch,omitempty"`
	PreviousFilename string `json:"previous_filename,omitempty"`
}

// reviewComment is a comment on the diff, as "List review comments on a
// pull request" shows it. line is null once the comment is outdated.
type reviewComment struct {
	ID                  int64   `json:"id"`
	PullRequestReviewID int64   `json:"pull_request_review_id"`
	Path                string  `json:"path"`
	CommitID            string  `json:"commit_id"`
	OriginalCommitID    string  `json:"original_commit_id"`
	User                user    `json:"user"`
	Body                string  `json:"body"`
	Line                *int    `json:"line"`
	OriginalLine        *int    `json:"original_line"`
	StartLine           *int    `json:"start_line"`
	OriginalStartLine   *int    `json:"original_start_line"`
	Side                string  `json:"side"`
	StartSide           *string `json:"start_side"`
	HTMLURL             string  `json:"html_url"`
	CreatedAt           string  `json:"created_at"`
	UpdatedAt           string  `json:"updated_at"`
}

// review is a pull request review.
type review struct {
	ID          int64  `json:"id"`
	NodeID      string `json:"node_id"`
	User        user   `json:"user"`
	Body        string `json:"body"`
	State       string `json:"state"` // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
	HTMLURL     string `json:"html_url"`
	CommitID    string `json:"commit_id"`
	SubmittedAt string `json:"submitted_at,omitempty"`
}

// pull is a pull request; the list of a commit's pull requests shows
// them without merged and merged_by, "Get a pull request" with.
type pull struct {
	Number         int    `json:"number"`
	State          string `json:"state"`
	Title          string `json:"title"`
	HTMLURL        string `json:"html_url"`
	User           user   `json:"user"`
	MergedAt       string `json:"merged_at,omitempty"`
	MergeCommitSHA string `json:"merge_commit_sha"`
	MergedBy       *user  `json:"-"`
}

// fakeGitHub is one repository's pull requests.
type fakeGitHub struct {
	t        *testing.T
	srv      *httptest.Server
	pageSize int
	readOnly bool // the token of a pull request from a fork

	mu             sync.Mutex
	nextID         int64
	issueComments  map[int][]*issueComment
	files          map[int][]prFile
	hunks          map[int]map[string][][2]int // the RIGHT lines GitHub accepts comments on, by hunk: written by hand, not parsed
	heads          map[int]string              // each pull request's head commit
	reviewComments map[int][]*reviewComment
	reviews        map[int][]*review
	pulls          map[int]*pull
	commitPulls    map[string][]int
	requests       []string // "METHOD /path?query", in order
}

func newFake(t *testing.T) *fakeGitHub {
	t.Helper()
	f := &fakeGitHub{
		t:              t,
		pageSize:       2,
		nextID:         1000,
		issueComments:  map[int][]*issueComment{},
		files:          map[int][]prFile{},
		hunks:          map[int]map[string][][2]int{},
		heads:          map[int]string{},
		reviewComments: map[int][]*reviewComment{},
		reviews:        map[int][]*review{},
		pulls:          map[int]*pull{},
		commitPulls:    map[string][]int{},
	}
	mux := http.NewServeMux()
	repo := "/repos/{owner}/{repo}"
	mux.HandleFunc("GET "+repo+"/issues/{number}/comments", f.listIssueComments)
	mux.HandleFunc("POST "+repo+"/issues/{number}/comments", f.createIssueComment)
	mux.HandleFunc("PATCH "+repo+"/issues/comments/{id}", f.updateIssueComment)
	mux.HandleFunc("GET "+repo+"/pulls/{number}", f.getPull)
	mux.HandleFunc("GET "+repo+"/pulls/{number}/files", f.listFiles)
	mux.HandleFunc("GET "+repo+"/pulls/{number}/comments", f.listReviewComments)
	mux.HandleFunc("GET "+repo+"/pulls/{number}/reviews", f.listReviews)
	mux.HandleFunc("POST "+repo+"/pulls/{number}/reviews", f.createReview)
	mux.HandleFunc("GET "+repo+"/commits/{sha}/pulls", f.listCommitPulls)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.t.Errorf("fake GitHub: no such route: %s %s", r.Method, r.URL.Path)
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
	})
	f.srv = httptest.NewServer(f.check(mux))
	t.Cleanup(f.srv.Close)
	return f
}

// client is a Client of the fake, built as main builds it from
// GITHUB_API_URL (which sets go-github's BaseURL to ts.URL + "/").
func (f *fakeGitHub) client() *Client {
	f.t.Helper()
	c, err := NewClient(f.srv.URL, fakeToken, f.srv.Client())
	if err != nil {
		f.t.Fatal(err)
	}
	if got, want := c.gh.BaseURL.String(), f.srv.URL+"/"; got != want {
		f.t.Fatalf("BaseURL = %s, want %s", got, want)
	}
	return c
}

// check verifies what every request must carry, and answers a write with
// a read-only token as GitHub does.
func (f *fakeGitHub) check(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r.Method+" "+r.URL.RequestURI())
		f.mu.Unlock()
		if got := r.Header.Get("Authorization"); got != "Bearer "+fakeToken {
			f.t.Errorf("%s %s: Authorization %q, want the token as a bearer", r.Method, r.URL.Path, got)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
			return
		}
		if got := r.Header.Get("X-GitHub-Api-Version"); got != "2022-11-28" {
			f.t.Errorf("%s %s: X-GitHub-Api-Version %q, want 2022-11-28", r.Method, r.URL.Path, got)
		}
		if !strings.Contains(r.Header.Get("Accept"), "application/vnd.github") {
			f.t.Errorf("%s %s: Accept %q, want a GitHub media type", r.Method, r.URL.Path, r.Header.Get("Accept"))
		}
		if !strings.HasPrefix(r.URL.Path, "/repos/"+fakeOwner+"/"+fakeRepo+"/") {
			f.t.Errorf("%s %s: not the repository %s/%s", r.Method, r.URL.Path, fakeOwner, fakeRepo)
		}
		if r.Method != http.MethodGet {
			if ct := r.Header.Get("Content-Type"); ct != "application/json" {
				f.t.Errorf("%s %s: Content-Type %q, want application/json", r.Method, r.URL.Path, ct)
			}
			if f.readOnly {
				writeJSON(w, http.StatusForbidden, map[string]string{
					"message":           "Resource not accessible by integration",
					"documentation_url": docFor(r),
				})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func docFor(r *http.Request) string {
	switch {
	case strings.HasSuffix(r.URL.Path, "/reviews"):
		return "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
	case r.Method == http.MethodPatch:
		return "https://docs.github.com/rest/issues/comments#update-an-issue-comment"
	}
	return "https://docs.github.com/rest/issues/comments#create-an-issue-comment"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// invalid answers 422 as GitHub answers a body it refuses, and fails the
// test: the client should never send it.
func (f *fakeGitHub) invalid(w http.ResponseWriter, r *http.Request, doc, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	f.t.Errorf("fake GitHub: %s %s: %s", r.Method, r.URL.Path, msg)
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
		"message": "Unprocessable Entity", "errors": []string{msg}, "documentation_url": doc,
	})
}

// decode reads a JSON body, refusing fields the documentation does not
// list for the endpoint (the struct holds exactly those).
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func number(r *http.Request) int {
	n, _ := strconv.Atoi(r.PathValue("number"))
	return n
}

// page serves one page of items, with the Link header.
func page[T any](f *fakeGitHub, w http.ResponseWriter, r *http.Request, items []T) {
	q := r.URL.Query()
	p, per := 1, 30 // GitHub's defaults
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			f.t.Errorf("%s: page %q", r.URL, s)
		}
		p = max(n, 1)
	}
	if s := q.Get("per_page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			f.t.Errorf("%s: per_page %q (GitHub allows 1 to 100)", r.URL, s)
		}
		per = min(max(n, 1), 100)
	}
	per = min(per, f.pageSize)
	last := max((len(items)+per-1)/per, 1)
	from, to := min((p-1)*per, len(items)), min(p*per, len(items))
	link := func(n int, rel string) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: q.Encode()}
		return fmt.Sprintf("<%s>; rel=%q", u.String(), rel)
	}
	var links []string
	if p > 1 {
		links = append(links, link(p-1, "prev"))
	}
	if p < last {
		links = append(links, link(p+1, "next"), link(last, "last"))
	}
	if p > 1 {
		links = append(links, link(1, "first"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := items[from:to]
	if out == nil {
		out = []T{}
	}
	writeJSON(w, http.StatusOK, out)
}

func now() string { return time.Date(2024, 5, 2, 9, 30, 0, 0, time.UTC).Format(time.RFC3339) }

func (f *fakeGitHub) id() int64 { f.nextID++; return f.nextID }

// addIssueComment stores a comment as if someone had written it.
func (f *fakeGitHub) addIssueComment(n int, u user, body string) *issueComment {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.id()
	c := &issueComment{
		ID:                id,
		NodeID:            fmt.Sprintf("IC_kwDO%d", id),
		URL:               fmt.Sprintf("%s/repos/%s/%s/issues/comments/%d", f.srv.URL, fakeOwner, fakeRepo, id),
		HTMLURL:           fmt.Sprintf("https://github.com/%s/%s/pull/%d#issuecomment-%d", fakeOwner, fakeRepo, n, id),
		IssueURL:          fmt.Sprintf("%s/repos/%s/%s/issues/%d", f.srv.URL, fakeOwner, fakeRepo, n),
		Body:              body,
		User:              u,
		CreatedAt:         now(),
		UpdatedAt:         now(),
		AuthorAssociation: "NONE",
	}
	f.issueComments[n] = append(f.issueComments[n], c)
	return c
}

func (f *fakeGitHub) listIssueComments(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	page(f, w, r, f.issueComments[number(r)])
}

// commentRequest is the body of "Create an issue comment" and "Update an
// issue comment": body, required.
type commentRequest struct {
	Body *string `json:"body"`
}

func (f *fakeGitHub) createIssueComment(w http.ResponseWriter, r *http.Request) {
	doc := "https://docs.github.com/rest/issues/comments#create-an-issue-comment"
	var req commentRequest
	if err := decode(r, &req); err != nil {
		f.invalid(w, r, doc, "body: %v", err)
		return
	}
	if req.Body == nil || *req.Body == "" {
		f.invalid(w, r, doc, `"body" wasn't supplied`)
		return
	}
	c := f.addIssueComment(number(r), botUser, *req.Body)
	writeJSON(w, http.StatusCreated, c)
}

func (f *fakeGitHub) updateIssueComment(w http.ResponseWriter, r *http.Request) {
	doc := "https://docs.github.com/rest/issues/comments#update-an-issue-comment"
	var req commentRequest
	if err := decode(r, &req); err != nil {
		f.invalid(w, r, doc, "body: %v", err)
		return
	}
	if req.Body == nil || *req.Body == "" {
		f.invalid(w, r, doc, `"body" wasn't supplied`)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, cs := range f.issueComments {
		for _, c := range cs {
			if c.ID == id {
				c.Body = *req.Body
				c.UpdatedAt = now()
				writeJSON(w, http.StatusOK, c)
				return
			}
		}
	}
	f.t.Errorf("PATCH of comment %d, which does not exist", id)
	writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found", "documentation_url": doc})
}

// addPull stores a pull request with its files and the lines of its diff
// GitHub accepts comments on.
func (f *fakeGitHub) addPull(p *pull, head string, files []prFile, hunks map[string][][2]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p.HTMLURL == "" {
		p.HTMLURL = fmt.Sprintf("https://github.com/%s/%s/pull/%d", fakeOwner, fakeRepo, p.Number)
	}
	f.pulls[p.Number] = p
	f.heads[p.Number] = head
	for i := range files {
		fl := &files[i]
		fl.SHA = fmt.Sprintf("%040d", i+1)
		fl.BlobURL = fmt.Sprintf("https://github.com/%s/%s/blob/%s/%s", fakeOwner, fakeRepo, head, fl.Filename)
		fl.RawURL = fmt.Sprintf("https://github.com/%s/%s/raw/%s/%s", fakeOwner, fakeRepo, head, fl.Filename)
		fl.ContentsURL = fmt.Sprintf("%s/repos/%s/%s/contents/%s?ref=%s", f.srv.URL, fakeOwner, fakeRepo, fl.Filename, head)
		fl.Changes = fl.Additions + fl.Deletions
	}
	f.files[p.Number] = files
	f.hunks[p.Number] = hunks
}

func (f *fakeGitHub) getPull(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.pulls[number(r)]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest/pulls/pulls#get-a-pull-request"})
		return
	}
	full := struct {
		*pull
		Merged   bool  `json:"merged"`
		MergedBy *user `json:"merged_by"`
	}{p, p.MergedAt != "", p.MergedBy}
	writeJSON(w, http.StatusOK, full)
}

func (f *fakeGitHub) listFiles(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	page(f, w, r, f.files[number(r)])
}

func (f *fakeGitHub) listReviewComments(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	page(f, w, r, f.reviewComments[number(r)])
}

func (f *fakeGitHub) listReviews(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	page(f, w, r, f.reviews[number(r)])
}

func (f *fakeGitHub) addReview(n int, u user, state string, at time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.id()
	f.reviews[n] = append(f.reviews[n], &review{
		ID: id, NodeID: fmt.Sprintf("PRR_kwDO%d", id), User: u, State: state,
		HTMLURL:     fmt.Sprintf("https://github.com/%s/%s/pull/%d#pullrequestreview-%d", fakeOwner, fakeRepo, n, id),
		CommitID:    f.heads[n],
		SubmittedAt: at.UTC().Format(time.RFC3339),
	})
}

// reviewRequest is the body of "Create a review for a pull request".
type reviewRequest struct {
	CommitID *string              `json:"commit_id"`
	Body     *string              `json:"body"`
	Event    *string              `json:"event"`
	Comments []draftReviewComment `json:"comments"`
}

// draftReviewComment is one of its comments. position is deprecated and
// not to be mixed with line; this package uses line and side.
type draftReviewComment struct {
	Path      *string `json:"path"`
	Position  *int    `json:"position"`
	Body      *string `json:"body"`
	Line      *int    `json:"line"`
	Side      *string `json:"side"`
	StartLine *int    `json:"start_line"`
	StartSide *string `json:"start_side"`
}

func (f *fakeGitHub) createReview(w http.ResponseWriter, r *http.Request) {
	doc := "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
	n := number(r)
	var req reviewRequest
	if err := decode(r, &req); err != nil {
		f.invalid(w, r, doc, "body: %v", err)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.pulls[n]; !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found", "documentation_url": doc})
		return
	}
	switch {
	case req.CommitID == nil || *req.CommitID != f.heads[n]:
		f.invalid(w, r, doc, "commit_id %v is not the head of the pull request (%s)", deref(req.CommitID), f.heads[n])
		return
	case req.Event == nil || *req.Event != "COMMENT":
		// APPROVE and REQUEST_CHANGES exist; crieur only comments.
		f.invalid(w, r, doc, "event %v, want COMMENT", deref(req.Event))
		return
	case req.Body == nil || *req.Body == "":
		f.invalid(w, r, doc, "body is required when event is COMMENT")
		return
	case len(req.Comments) == 0:
		f.invalid(w, r, doc, "a review with no comment: the client should not post it")
		return
	}
	files := map[string]bool{}
	for _, fl := range f.files[n] {
		files[fl.Filename] = true
	}
	for i, c := range req.Comments {
		switch {
		case c.Path == nil || !files[*c.Path]:
			f.invalid(w, r, doc, "comments[%d].path %v is not a file of the pull request", i, deref(c.Path))
			return
		case c.Position != nil:
			f.invalid(w, r, doc, "comments[%d]: position is deprecated, use line and side", i)
			return
		case c.Line == nil || *c.Line < 1:
			f.invalid(w, r, doc, "comments[%d]: line is required", i)
			return
		case c.Side == nil || *c.Side != "RIGHT":
			f.invalid(w, r, doc, "comments[%d]: side %v, want RIGHT (the head's lines)", i, deref(c.Side))
			return
		case c.StartLine != nil && *c.StartLine >= *c.Line:
			f.invalid(w, r, doc, "comments[%d]: start_line %d must precede line %d", i, *c.StartLine, *c.Line)
			return
		case c.StartLine != nil && (c.StartSide == nil || *c.StartSide != "RIGHT"):
			f.invalid(w, r, doc, "comments[%d]: start_side %v, want RIGHT", i, deref(c.StartSide))
			return
		case c.StartLine == nil && c.StartSide != nil:
			f.invalid(w, r, doc, "comments[%d]: start_side without start_line", i)
			return
		case c.Body == nil || !strings.Contains(*c.Body, "```suggestion\n") || !strings.HasSuffix(*c.Body, "```"):
			f.invalid(w, r, doc, "comments[%d]: body %q holds no suggestion block", i, deref(c.Body))
			return
		}
		start := *c.Line
		if c.StartLine != nil {
			start = *c.StartLine
		}
		if !f.inHunk(n, *c.Path, start, *c.Line) {
			// GitHub's answer to a line off the diff.
			f.invalid(w, r, doc, "comments[%d]: Line could not be resolved (%s:%d-%d)", i, *c.Path, start, *c.Line)
			return
		}
	}
	id := f.id()
	rev := &review{
		ID: id, NodeID: fmt.Sprintf("PRR_kwDO%d", id), User: botUser, Body: *req.Body, State: "COMMENTED",
		HTMLURL:  fmt.Sprintf("https://github.com/%s/%s/pull/%d#pullrequestreview-%d", fakeOwner, fakeRepo, n, id),
		CommitID: *req.CommitID, SubmittedAt: now(),
	}
	f.reviews[n] = append(f.reviews[n], rev)
	for _, c := range req.Comments {
		cid := f.id()
		line := *c.Line
		f.reviewComments[n] = append(f.reviewComments[n], &reviewComment{
			ID: cid, PullRequestReviewID: id, Path: *c.Path, CommitID: *req.CommitID, OriginalCommitID: *req.CommitID,
			User: botUser, Body: *c.Body, Line: &line, OriginalLine: &line, StartLine: c.StartLine, OriginalStartLine: c.StartLine,
			Side: *c.Side, StartSide: c.StartSide,
			HTMLURL:   fmt.Sprintf("https://github.com/%s/%s/pull/%d#discussion_r%d", fakeOwner, fakeRepo, n, cid),
			CreatedAt: now(), UpdatedAt: now(),
		})
	}
	writeJSON(w, http.StatusOK, rev)
}

// inHunk: lines start to end are RIGHT lines of one hunk.
func (f *fakeGitHub) inHunk(n int, path string, start, end int) bool {
	for _, h := range f.hunks[n][path] {
		if h[0] <= start && end <= h[1] {
			return true
		}
	}
	return false
}

func (f *fakeGitHub) listCommitPulls(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*pull
	for _, n := range f.commitPulls[r.PathValue("sha")] {
		out = append(out, f.pulls[n])
	}
	page(f, w, r, out)
}

// count tells how many requests started with prefix ("POST /repos/…").
func (f *fakeGitHub) count(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}

// countExact tells how many requests were exactly r ("GET /repos/…").
func (f *fakeGitHub) countExact(r string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, got := range f.requests {
		if got == r {
			n++
		}
	}
	return n
}

func (f *fakeGitHub) path(format string, args ...any) string {
	return "/repos/" + fakeOwner + "/" + fakeRepo + fmt.Sprintf(format, args...)
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
