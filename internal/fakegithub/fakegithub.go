package fakegithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TB is what the fake needs of a test: *testing.T has it, and so has a
// testscript command's recorder, which collects the errors for the
// script to fail on. Errorf is called from the server's goroutines.
type TB interface {
	Errorf(format string, args ...any)
	Helper()
}

// APIVersion is the version of the REST API every request must ask for
// (https://docs.github.com/en/rest/about-the-rest-api/api-versions).
const APIVersion = "2022-11-28"

// User is a user as the API shows it in a comment, a review or a pull
// request.
type User struct {
	Login string `json:"login"`
	ID    int64  `json:"id"`
	Type  string `json:"type"` // User or Bot
}

// Bot is the user GITHUB_TOKEN acts as: what the client writes is
// written by it.
var Bot = User{Login: "github-actions[bot]", ID: 41898282, Type: "Bot"}

// Human is a person's account.
func Human(login string) User {
	id := int64(1000)
	for _, r := range login {
		id = id*31 + int64(r)
	}
	return User{Login: login, ID: id%1_000_000 + 1000, Type: "User"}
}

// IssueComment is a comment of a pull request's conversation, as "List
// issue comments" shows it
// (https://docs.github.com/en/rest/issues/comments#list-issue-comments).
type IssueComment struct {
	ID                int64  `json:"id"`
	NodeID            string `json:"node_id"`
	URL               string `json:"url"`
	HTMLURL           string `json:"html_url"`
	IssueURL          string `json:"issue_url"`
	Body              string `json:"body"`
	User              User   `json:"user"`
	CreatedAt         string `json:"created_at"`
	UpdatedAt         string `json:"updated_at"`
	AuthorAssociation string `json:"author_association"`
}

// File is one entry of "List pull requests files"
// (https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files);
// Patch is omitted for a removed or binary file. AddPull fills the URLs,
// Changes, and SHA when it is empty.
type File struct {
	SHA              string `json:"sha"`
	Filename         string `json:"filename"`
	Status           string `json:"status"` // added, removed, modified, renamed, copied, changed, unchanged
	Additions        int    `json:"additions"`
	Deletions        int    `json:"deletions"`
	Changes          int    `json:"changes"`
	BlobURL          string `json:"blob_url"`
	RawURL           string `json:"raw_url"`
	ContentsURL      string `json:"contents_url"`
	Patch            string `json:"patch,omitempty"`
	PreviousFilename string `json:"previous_filename,omitempty"`
}

// ReviewComment is a comment on the diff, as "List review comments on a
// pull request" shows it
// (https://docs.github.com/en/rest/pulls/comments#list-review-comments-on-a-pull-request).
// Line is null once the comment is outdated: the line it was on changed.
type ReviewComment struct {
	ID                  int64   `json:"id"`
	PullRequestReviewID int64   `json:"pull_request_review_id"`
	Path                string  `json:"path"`
	CommitID            string  `json:"commit_id"`
	OriginalCommitID    string  `json:"original_commit_id"`
	User                User    `json:"user"`
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

// Review is a pull request review, as "List reviews for a pull request"
// shows it
// (https://docs.github.com/en/rest/pulls/reviews#list-reviews-for-a-pull-request).
type Review struct {
	ID          int64  `json:"id"`
	NodeID      string `json:"node_id"`
	User        User   `json:"user"`
	Body        string `json:"body"`
	State       string `json:"state"` // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
	HTMLURL     string `json:"html_url"`
	CommitID    string `json:"commit_id"`
	SubmittedAt string `json:"submitted_at,omitempty"`
}

// Branch is a pull request's head or base.
type Branch struct {
	Label string      `json:"label,omitempty"` // owner:ref
	Ref   string      `json:"ref"`
	SHA   string      `json:"sha"`
	Repo  *Repository `json:"repo"` // null when a fork was deleted
}

// Repository is a branch's repository.
type Repository struct {
	FullName string `json:"full_name"`
}

// Pull is a pull request. "List pull requests associated with a commit"
// shows it without merged and merged_by, "Get a pull request"
// (https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request) with.
type Pull struct {
	Number         int    `json:"number"`
	State          string `json:"state"` // open or closed
	Title          string `json:"title"`
	HTMLURL        string `json:"html_url"`
	User           User   `json:"user"`
	Head           Branch `json:"head"` // Head.SHA is the commit review comments go on
	Base           Branch `json:"base"`
	MergedAt       string `json:"merged_at,omitempty"`
	MergeCommitSHA string `json:"merge_commit_sha"`
	MergedBy       *User  `json:"-"`
}

// Server is one repository's pull requests, served over HTTP.
type Server struct {
	tb                 TB
	srv                *httptest.Server
	owner, repo, token string

	mu             sync.Mutex
	pageSize       int
	readOnly       bool // the token of a pull request from a fork
	nextID         int64
	issueComments  map[int][]*IssueComment
	files          map[int][]File
	hunks          map[int]map[string][][2]int // the RIGHT lines GitHub accepts comments on, by hunk
	reviewComments map[int][]*ReviewComment
	reviews        map[int][]*Review
	pulls          map[int]*Pull
	commitPulls    map[string][]int
	requests       []string // "METHOD /path?query", in order
}

// New starts the fake for the repository owner/repo, accepting token
// only. When tb has a Cleanup method (*testing.T), the server is closed
// with the test; otherwise the caller closes it.
func New(tb TB, owner, repo, token string) *Server {
	tb.Helper()
	s := &Server{
		tb:             tb,
		owner:          owner,
		repo:           repo,
		token:          token,
		pageSize:       2,
		nextID:         1000,
		issueComments:  map[int][]*IssueComment{},
		files:          map[int][]File{},
		hunks:          map[int]map[string][][2]int{},
		reviewComments: map[int][]*ReviewComment{},
		reviews:        map[int][]*Review{},
		pulls:          map[int]*Pull{},
		commitPulls:    map[string][]int{},
	}
	mux := http.NewServeMux()
	prefix := "/repos/{owner}/{repo}"
	mux.HandleFunc("GET "+prefix+"/issues/{number}/comments", s.listIssueComments)
	mux.HandleFunc("POST "+prefix+"/issues/{number}/comments", s.createIssueComment)
	mux.HandleFunc("PATCH "+prefix+"/issues/comments/{id}", s.updateIssueComment)
	mux.HandleFunc("GET "+prefix+"/pulls/{number}", s.getPull)
	mux.HandleFunc("GET "+prefix+"/pulls/{number}/files", s.listFiles)
	mux.HandleFunc("GET "+prefix+"/pulls/{number}/comments", s.listReviewComments)
	mux.HandleFunc("GET "+prefix+"/pulls/{number}/reviews", s.listReviews)
	mux.HandleFunc("POST "+prefix+"/pulls/{number}/reviews", s.createReview)
	mux.HandleFunc("GET "+prefix+"/commits/{sha}/pulls", s.listCommitPulls)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.tb.Errorf("fake GitHub: no such route: %s %s", r.Method, r.URL.Path)
		writeJSON(w, http.StatusNotFound, notFound("https://docs.github.com/rest"))
	})
	s.srv = httptest.NewServer(s.check(mux))
	if c, ok := tb.(interface{ Cleanup(func()) }); ok {
		c.Cleanup(s.srv.Close)
	}
	return s
}

// URL is the API's root, as GITHUB_API_URL gives it (no final slash).
func (s *Server) URL() string { return s.srv.URL }

// HTTPClient is a client for the server.
func (s *Server) HTTPClient() *http.Client { return s.srv.Client() }

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Owner and Repo name the repository the fake serves.
func (s *Server) Owner() string { return s.owner }

// Repo: see Owner.
func (s *Server) Repo() string { return s.repo }

// Path is the route of the repository followed by format: Path("/pulls/%d", 42)
// is "/repos/OWNER/REPO/pulls/42", as Requests records it.
func (s *Server) Path(format string, args ...any) string {
	return "/repos/" + s.owner + "/" + s.repo + fmt.Sprintf(format, args...)
}

// SetReadOnly makes every write refused as a fork's token is: 403
// "Resource not accessible by integration".
func (s *Server) SetReadOnly(ro bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.readOnly = ro
}

// SetPageSize sets the most items a page holds (2 by default).
func (s *Server) SetPageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pageSize = max(n, 1)
}

// check verifies what every request must carry, and answers a write with
// a read-only token as GitHub does.
func (s *Server) check(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
		readOnly := s.readOnly
		s.mu.Unlock()
		if got := r.Header.Get("Authorization"); got != "Bearer "+s.token {
			s.tb.Errorf("fake GitHub: %s %s: Authorization %q, want the token as a bearer", r.Method, r.URL.Path, got)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
			return
		}
		if got := r.Header.Get("X-GitHub-Api-Version"); got != APIVersion {
			s.tb.Errorf("fake GitHub: %s %s: X-GitHub-Api-Version %q, want %s", r.Method, r.URL.Path, got, APIVersion)
		}
		if !strings.Contains(r.Header.Get("Accept"), "application/vnd.github") {
			s.tb.Errorf("fake GitHub: %s %s: Accept %q, want a GitHub media type", r.Method, r.URL.Path, r.Header.Get("Accept"))
		}
		if !strings.HasPrefix(r.URL.Path, "/repos/"+s.owner+"/"+s.repo+"/") {
			s.tb.Errorf("fake GitHub: %s %s: not the repository %s/%s", r.Method, r.URL.Path, s.owner, s.repo)
			writeJSON(w, http.StatusNotFound, notFound("https://docs.github.com/rest"))
			return
		}
		if r.Method != http.MethodGet {
			if ct := r.Header.Get("Content-Type"); ct != "application/json" {
				s.tb.Errorf("fake GitHub: %s %s: Content-Type %q, want application/json", r.Method, r.URL.Path, ct)
			}
			if readOnly {
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

func notFound(doc string) map[string]string {
	return map[string]string{"message": "Not Found", "documentation_url": doc}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// invalid answers 422 as GitHub answers a body it refuses, and reports
// it: the client should never send it.
func (s *Server) invalid(w http.ResponseWriter, r *http.Request, doc, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.tb.Errorf("fake GitHub: %s %s: %s", r.Method, r.URL.Path, msg)
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

// page serves one page of items, with the Link header, as
// https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
// describes. The caller holds s.mu.
func page[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T) {
	q := r.URL.Query()
	p, per := 1, 30 // GitHub's defaults
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			s.tb.Errorf("fake GitHub: %s: page %q", r.URL, v)
		}
		p = max(n, 1)
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			s.tb.Errorf("fake GitHub: %s: per_page %q (GitHub allows 1 to 100)", r.URL, v)
		}
		per = min(max(n, 1), 100)
	}
	per = min(per, s.pageSize)
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

// clock is when the client writes: a fixed time, so that the bodies are
// the same from run to run.
func clock() string { return time.Date(2024, 5, 2, 9, 30, 0, 0, time.UTC).Format(time.RFC3339) }

func (s *Server) id() int64 { s.nextID++; return s.nextID }

// AddIssueComment stores a comment on pull request (or issue) n as if u
// had written it, and returns it.
func (s *Server) AddIssueComment(n int, u User, body string) IssueComment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addIssueComment(n, u, body)
}

func (s *Server) addIssueComment(n int, u User, body string) *IssueComment {
	id := s.id()
	c := &IssueComment{
		ID:                id,
		NodeID:            fmt.Sprintf("IC_kwDO%d", id),
		URL:               fmt.Sprintf("%s/repos/%s/%s/issues/comments/%d", s.srv.URL, s.owner, s.repo, id),
		HTMLURL:           fmt.Sprintf("https://github.com/%s/%s/pull/%d#issuecomment-%d", s.owner, s.repo, n, id),
		IssueURL:          fmt.Sprintf("%s/repos/%s/%s/issues/%d", s.srv.URL, s.owner, s.repo, n),
		Body:              body,
		User:              u,
		CreatedAt:         clock(),
		UpdatedAt:         clock(),
		AuthorAssociation: "NONE",
	}
	s.issueComments[n] = append(s.issueComments[n], c)
	return c
}

func (s *Server) listIssueComments(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	page(s, w, r, s.issueComments[number(r)])
}

// commentRequest is the body of "Create an issue comment" and "Update an
// issue comment": body, required.
type commentRequest struct {
	Body *string `json:"body"`
}

func (s *Server) createIssueComment(w http.ResponseWriter, r *http.Request) {
	doc := "https://docs.github.com/rest/issues/comments#create-an-issue-comment"
	var req commentRequest
	if err := decode(r, &req); err != nil {
		s.invalid(w, r, doc, "body: %v", err)
		return
	}
	if req.Body == nil || *req.Body == "" {
		s.invalid(w, r, doc, `"body" wasn't supplied`)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.addIssueComment(number(r), Bot, *req.Body)
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) updateIssueComment(w http.ResponseWriter, r *http.Request) {
	doc := "https://docs.github.com/rest/issues/comments#update-an-issue-comment"
	var req commentRequest
	if err := decode(r, &req); err != nil {
		s.invalid(w, r, doc, "body: %v", err)
		return
	}
	if req.Body == nil || *req.Body == "" {
		s.invalid(w, r, doc, `"body" wasn't supplied`)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, cs := range s.issueComments {
		for _, c := range cs {
			if c.ID == id {
				if c.User != Bot {
					// GitHub may let a token with write access edit
					// anyone's comment; crieur must edit only its own.
					s.tb.Errorf("fake GitHub: PATCH of comment %d, written by %s, not by the token's user", id, c.User.Login)
				}
				c.Body = *req.Body
				c.UpdatedAt = clock()
				writeJSON(w, http.StatusOK, c)
				return
			}
		}
	}
	s.tb.Errorf("fake GitHub: PATCH of comment %d, which does not exist", id)
	writeJSON(w, http.StatusNotFound, notFound(doc))
}

// AddPull stores pull request p, its files and the RIGHT lines of its
// diff GitHub accepts comments on (by path, each hunk as its first and
// last line of the new file). p.Head.SHA is the commit review comments
// go on. Adding a pull request that exists replaces it, as a push to its
// branch does: its comments and reviews stay (see MoveReviewComments).
func (s *Server) AddPull(p Pull, files []File, hunks map[string][][2]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.HTMLURL == "" {
		p.HTMLURL = fmt.Sprintf("https://github.com/%s/%s/pull/%d", s.owner, s.repo, p.Number)
	}
	if p.State == "" {
		p.State = "open"
	}
	head := p.Head.SHA
	files = slices.Clone(files)
	for i := range files {
		fl := &files[i]
		if fl.SHA == "" {
			fl.SHA = fmt.Sprintf("%040d", i+1)
		}
		fl.BlobURL = fmt.Sprintf("https://github.com/%s/%s/blob/%s/%s", s.owner, s.repo, head, fl.Filename)
		fl.RawURL = fmt.Sprintf("https://github.com/%s/%s/raw/%s/%s", s.owner, s.repo, head, fl.Filename)
		fl.ContentsURL = fmt.Sprintf("%s/repos/%s/%s/contents/%s?ref=%s", s.srv.URL, s.owner, s.repo, fl.Filename, head)
		fl.Changes = fl.Additions + fl.Deletions
	}
	s.pulls[p.Number] = &p
	s.files[p.Number] = files
	s.hunks[p.Number] = hunks
}

// Merge records that pull request n was merged as commit sha by u at
// at: closed, merged_at, merge_commit_sha and merged_by set, and sha
// associated with it (LinkCommit).
func (s *Server) Merge(n int, sha string, u User, at time.Time) {
	s.mu.Lock()
	p, ok := s.pulls[n]
	if !ok {
		s.mu.Unlock()
		s.tb.Errorf("fake GitHub: Merge(%d): no such pull request", n)
		return
	}
	p.State = "closed"
	p.MergedAt = at.UTC().Format(time.RFC3339)
	p.MergeCommitSHA = sha
	p.MergedBy = &u
	s.mu.Unlock()
	s.LinkCommit(sha, n)
}

// LinkCommit associates commit sha with pull requests: "List pull
// requests associated with a commit" lists them, in this order after
// the ones already linked.
func (s *Server) LinkCommit(sha string, numbers ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range numbers {
		if !slices.Contains(s.commitPulls[sha], n) {
			s.commitPulls[sha] = append(s.commitPulls[sha], n)
		}
	}
}

func (s *Server) getPull(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pulls[number(r)]
	if !ok {
		writeJSON(w, http.StatusNotFound, notFound("https://docs.github.com/rest/pulls/pulls#get-a-pull-request"))
		return
	}
	full := struct {
		*Pull
		Merged   bool  `json:"merged"`
		MergedBy *User `json:"merged_by"`
	}{p, p.MergedAt != "", p.MergedBy}
	writeJSON(w, http.StatusOK, full)
}

func (s *Server) listFiles(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pulls[number(r)]; !ok {
		writeJSON(w, http.StatusNotFound, notFound("https://docs.github.com/rest/pulls/pulls#list-pull-requests-files"))
		return
	}
	page(s, w, r, s.files[number(r)])
}

func (s *Server) listReviewComments(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	page(s, w, r, s.reviewComments[number(r)])
}

func (s *Server) listReviews(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	page(s, w, r, s.reviews[number(r)])
}

// AddReview stores a review of pull request n by u, on its head, submitted
// at at. state is APPROVED, CHANGES_REQUESTED, COMMENTED or DISMISSED.
func (s *Server) AddReview(n int, u User, state string, at time.Time) Review {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch state {
	case "APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING":
	default:
		s.tb.Errorf("fake GitHub: AddReview: state %q is not one of GitHub's", state)
	}
	id := s.id()
	rev := &Review{
		ID: id, NodeID: fmt.Sprintf("PRR_kwDO%d", id), User: u, State: state,
		HTMLURL:     fmt.Sprintf("https://github.com/%s/%s/pull/%d#pullrequestreview-%d", s.owner, s.repo, n, id),
		SubmittedAt: at.UTC().Format(time.RFC3339),
	}
	if p := s.pulls[n]; p != nil {
		rev.CommitID = p.Head.SHA
	}
	s.reviews[n] = append(s.reviews[n], rev)
	return *rev
}

// reviewRequest is the body of "Create a review for a pull request".
type reviewRequest struct {
	CommitID *string              `json:"commit_id"`
	Body     *string              `json:"body"`
	Event    *string              `json:"event"`
	Comments []draftReviewComment `json:"comments"`
}

// draftReviewComment is one of its comments. position is deprecated and
// not to be mixed with line; crieur uses line and side.
type draftReviewComment struct {
	Path      *string `json:"path"`
	Position  *int    `json:"position"`
	Body      *string `json:"body"`
	Line      *int    `json:"line"`
	Side      *string `json:"side"`
	StartLine *int    `json:"start_line"`
	StartSide *string `json:"start_side"`
}

func (s *Server) createReview(w http.ResponseWriter, r *http.Request) {
	doc := "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
	n := number(r)
	var req reviewRequest
	if err := decode(r, &req); err != nil {
		s.invalid(w, r, doc, "body: %v", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pulls[n]
	if !ok {
		writeJSON(w, http.StatusNotFound, notFound(doc))
		return
	}
	switch {
	case req.CommitID == nil || *req.CommitID != p.Head.SHA:
		s.invalid(w, r, doc, "commit_id %v is not the head of the pull request (%s)", deref(req.CommitID), p.Head.SHA)
		return
	case req.Event == nil || *req.Event != "COMMENT":
		// APPROVE and REQUEST_CHANGES exist; crieur only comments.
		s.invalid(w, r, doc, "event %v, want COMMENT", deref(req.Event))
		return
	case req.Body == nil || *req.Body == "":
		s.invalid(w, r, doc, "body is required when event is COMMENT")
		return
	case len(req.Comments) == 0:
		s.invalid(w, r, doc, "a review with no comment: the client should not post it")
		return
	}
	files := map[string]bool{}
	for _, fl := range s.files[n] {
		files[fl.Filename] = true
	}
	for i, c := range req.Comments {
		switch {
		case c.Path == nil || !files[*c.Path]:
			s.invalid(w, r, doc, "comments[%d].path %v is not a file of the pull request", i, deref(c.Path))
			return
		case c.Position != nil:
			s.invalid(w, r, doc, "comments[%d]: position is deprecated, use line and side", i)
			return
		case c.Line == nil || *c.Line < 1:
			s.invalid(w, r, doc, "comments[%d]: line is required", i)
			return
		case c.Side == nil || *c.Side != "RIGHT":
			s.invalid(w, r, doc, "comments[%d]: side %v, want RIGHT (the head's lines)", i, deref(c.Side))
			return
		case c.StartLine != nil && *c.StartLine >= *c.Line:
			s.invalid(w, r, doc, "comments[%d]: start_line %d must precede line %d", i, *c.StartLine, *c.Line)
			return
		case c.StartLine != nil && (c.StartSide == nil || *c.StartSide != "RIGHT"):
			s.invalid(w, r, doc, "comments[%d]: start_side %v, want RIGHT", i, deref(c.StartSide))
			return
		case c.StartLine == nil && c.StartSide != nil:
			s.invalid(w, r, doc, "comments[%d]: start_side without start_line", i)
			return
		case c.Body == nil || !strings.Contains(*c.Body, "```suggestion\n") || !strings.HasSuffix(*c.Body, "```"):
			s.invalid(w, r, doc, "comments[%d]: body %q holds no suggestion block", i, deref(c.Body))
			return
		}
		start := *c.Line
		if c.StartLine != nil {
			start = *c.StartLine
		}
		if !s.inHunk(n, *c.Path, start, *c.Line) {
			// GitHub's answer to a line off the diff.
			s.invalid(w, r, doc, "comments[%d]: Line could not be resolved (%s:%d-%d)", i, *c.Path, start, *c.Line)
			return
		}
	}
	id := s.id()
	rev := &Review{
		ID: id, NodeID: fmt.Sprintf("PRR_kwDO%d", id), User: Bot, Body: *req.Body, State: "COMMENTED",
		HTMLURL:  fmt.Sprintf("https://github.com/%s/%s/pull/%d#pullrequestreview-%d", s.owner, s.repo, n, id),
		CommitID: *req.CommitID, SubmittedAt: clock(),
	}
	s.reviews[n] = append(s.reviews[n], rev)
	for _, c := range req.Comments {
		cid := s.id()
		line := *c.Line
		s.reviewComments[n] = append(s.reviewComments[n], &ReviewComment{
			ID: cid, PullRequestReviewID: id, Path: *c.Path, CommitID: *req.CommitID, OriginalCommitID: *req.CommitID,
			User: Bot, Body: *c.Body, Line: &line, OriginalLine: ptr(line), StartLine: c.StartLine, OriginalStartLine: c.StartLine,
			Side: *c.Side, StartSide: c.StartSide,
			HTMLURL:   fmt.Sprintf("https://github.com/%s/%s/pull/%d#discussion_r%d", s.owner, s.repo, n, cid),
			CreatedAt: clock(), UpdatedAt: clock(),
		})
	}
	writeJSON(w, http.StatusOK, rev)
}

// inHunk: lines start to end are RIGHT lines of one hunk.
func (s *Server) inHunk(n int, path string, start, end int) bool {
	for _, h := range s.hunks[n][path] {
		if h[0] <= start && end <= h[1] {
			return true
		}
	}
	return false
}

// MoveReviewComments follows pull request n's review comments to its
// new head after a push (AddPull with another Head.SHA), as GitHub
// does: move says where a line of the comment's file went, or false when
// it changed, which makes the comment outdated (line and start_line
// null, original_line kept).
func (s *Server) MoveReviewComments(n int, move func(path string, line int) (int, bool)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	head := ""
	if p := s.pulls[n]; p != nil {
		head = p.Head.SHA
	}
	for _, c := range s.reviewComments[n] {
		if c.Line == nil || c.CommitID == head {
			continue
		}
		end, ok := move(c.Path, *c.Line)
		start := end
		if ok && c.StartLine != nil {
			start, ok = move(c.Path, *c.StartLine)
		}
		if !ok || end-start != lineSpan(c) {
			c.Line, c.StartLine = nil, nil
			continue
		}
		c.Line = ptr(end)
		if c.StartLine != nil {
			c.StartLine = ptr(start)
		}
		c.CommitID = head
	}
}

func lineSpan(c *ReviewComment) int {
	if c.StartLine == nil {
		return 0
	}
	return *c.Line - *c.StartLine
}

func (s *Server) listCommitPulls(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []*Pull{}
	for _, n := range s.commitPulls[r.PathValue("sha")] {
		if p := s.pulls[n]; p != nil {
			out = append(out, p)
		}
	}
	page(s, w, r, out)
}

// IssueComments are pull request n's conversation comments, oldest
// first.
func (s *Server) IssueComments(n int) []IssueComment {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]IssueComment, 0, len(s.issueComments[n]))
	for _, c := range s.issueComments[n] {
		out = append(out, *c)
	}
	return out
}

// ReviewComments are the comments on pull request n's diff, oldest
// first.
func (s *Server) ReviewComments(n int) []ReviewComment {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ReviewComment, 0, len(s.reviewComments[n]))
	for _, c := range s.reviewComments[n] {
		cc := *c
		cc.Line, cc.OriginalLine, cc.StartLine, cc.OriginalStartLine = clone(c.Line), clone(c.OriginalLine), clone(c.StartLine), clone(c.OriginalStartLine)
		cc.StartSide = clone(c.StartSide)
		out = append(out, cc)
	}
	return out
}

// Reviews are pull request n's reviews, in the order they were
// submitted.
func (s *Server) Reviews(n int) []Review {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Review, 0, len(s.reviews[n]))
	for _, r := range s.reviews[n] {
		out = append(out, *r)
	}
	return out
}

// Requests are the requests served, in order, each as "METHOD
// /path?query".
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Count tells how many requests started with prefix ("POST /repos/…").
func (s *Server) Count(prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}

// CountExact tells how many requests were exactly r ("GET /repos/…").
func (s *Server) CountExact(r string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, got := range s.requests {
		if got == r {
			n++
		}
	}
	return n
}

func ptr[T any](v T) *T { return &v }

func clone[T any](p *T) *T {
	if p == nil {
		return nil
	}
	return ptr(*p)
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
