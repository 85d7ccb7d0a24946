package fakegithub

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a TB that keeps the errors, as a testscript script does:
// the tests below check that the fake reports what it refuses.
type recorder struct {
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Helper() {}

func (r *recorder) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

const (
	owner = "octo-org"
	repo  = "posts"
	token = "ghs_faketoken"
	head  = "6dcb09b5b57875f334f61aebed695e2e4193db5e"
	path  = "posts/2024-05-02-launch.md"
)

func newRecorded(t *testing.T) (*Server, *recorder) {
	rec := &recorder{}
	s := New(rec, owner, repo, token)
	t.Cleanup(s.Close)
	s.AddPull(Pull{Number: 42, Title: "Spring launch", User: Human("camille"), Head: Branch{Ref: "spring", SHA: head}, Base: Branch{Ref: "main", SHA: "ba1d1ce1c0a2a6ab8cb6f2fc5b0d96ff7c2ac1b4"}},
		[]File{{Filename: path, Status: "modified", Additions: 1, Deletions: 1,
			Patch: "@@ -1,5 +1,5 @@\n ---\n title: Launch\n-date: 2024-05-01\n+date: 2024-05-02\n ---\n Hello\n@@ -18,4 +18,4 @@\n a\n b\n-c\n+C\n d"}},
		map[string][][2]int{path: {{1, 5}, {18, 21}}})
	return s, rec
}

// call sends a request as go-github does: the token, the version and
// media type, a JSON body.
func call(t *testing.T, s *Server, method, path string, body any) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = strings.NewReader(string(b))
	}
	req, err := http.NewRequest(method, s.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("X-GitHub-Api-Version", APIVersion)
	req.Header.Set("Accept", "application/vnd.github.v3+json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

func suggestion(line int, startLine ...int) map[string]any {
	c := map[string]any{"path": path, "line": line, "side": "RIGHT", "body": "Fix.\n\n```suggestion\nx\n```"}
	if len(startLine) > 0 {
		c["start_line"], c["start_side"] = startLine[0], "RIGHT"
	}
	return c
}

func review(comments ...map[string]any) map[string]any {
	return map[string]any{"commit_id": head, "body": "crieur suggests changes.", "event": "COMMENT", "comments": comments}
}

func TestReviewCommentOffTheDiffIs422(t *testing.T) {
	for _, tc := range []struct {
		name    string
		comment map[string]any
	}{
		{"between the hunks", suggestion(12)},
		{"after the last hunk", suggestion(30)},
		{"a range across two hunks", suggestion(18, 5)},
		{"a range running off a hunk", suggestion(6, 4)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, rec := newRecorded(t)
			res, body := call(t, s, "POST", s.Path("/pulls/42/reviews"), review(suggestion(2), tc.comment))
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422 (%s)", res.StatusCode, body)
			}
			var e struct {
				Message          string   `json:"message"`
				Errors           []string `json:"errors"`
				DocumentationURL string   `json:"documentation_url"`
			}
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatal(err)
			}
			if e.Message != "Unprocessable Entity" || len(e.Errors) != 1 || !strings.Contains(e.Errors[0], "Line could not be resolved") ||
				!strings.HasSuffix(e.DocumentationURL, "#create-a-review-for-a-pull-request") {
				t.Errorf("body %s, want GitHub's refusal", body)
			}
			if errs := rec.errors(); len(errs) != 1 || !strings.Contains(errs[0], "Line could not be resolved") {
				t.Errorf("reported %q, want the refusal reported once", errs)
			}
			// Nothing of the review is kept, not even the comment on the diff.
			if n := len(s.ReviewComments(42)) + len(s.Reviews(42)); n != 0 {
				t.Errorf("%d comments or reviews stored after a refusal", n)
			}
		})
	}
}

func TestReviewOnTheDiff(t *testing.T) {
	s, rec := newRecorded(t)
	res, body := call(t, s, "POST", s.Path("/pulls/42/reviews"), review(suggestion(2), suggestion(21, 18)))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if errs := rec.errors(); len(errs) != 0 {
		t.Fatalf("reported %q", errs)
	}
	rcs := s.ReviewComments(42)
	if len(rcs) != 2 || *rcs[0].Line != 2 || rcs[0].StartLine != nil || *rcs[1].Line != 21 || *rcs[1].StartLine != 18 || rcs[1].User != Bot {
		t.Errorf("stored %+v", rcs)
	}
	if revs := s.Reviews(42); len(revs) != 1 || revs[0].State != "COMMENTED" || revs[0].CommitID != head {
		t.Errorf("reviews %+v", revs)
	}
}

func TestRefusals(t *testing.T) {
	for _, tc := range []struct {
		name   string
		setup  func(*Server)
		method string
		path   string
		body   any
		header map[string]string
		status int
		report string // in the reported error; "" for none
	}{
		{name: "a read-only token", setup: func(s *Server) { s.SetReadOnly(true) },
			method: "POST", path: "/issues/42/comments", body: map[string]string{"body": "hi"}, status: 403},
		{name: "a field the documentation does not list",
			method: "POST", path: "/issues/42/comments", body: map[string]string{"body": "hi", "title": "x"}, status: 422, report: `unknown field "title"`},
		{name: "no body", method: "POST", path: "/issues/42/comments", body: map[string]string{}, status: 422, report: `"body" wasn't supplied`},
		{name: "another token", header: map[string]string{"Authorization": "Bearer ghs_other"},
			method: "GET", path: "/issues/42/comments", status: 401, report: "Authorization"},
		{name: "no API version", header: map[string]string{"X-GitHub-Api-Version": ""},
			method: "GET", path: "/issues/42/comments", status: 200, report: "X-GitHub-Api-Version"},
		{name: "a review on an old commit", method: "POST", path: "/pulls/42/reviews",
			body: map[string]any{"commit_id": "0000", "body": "b", "event": "COMMENT", "comments": []any{suggestion(2)}}, status: 422, report: "not the head"},
		{name: "a review with position", method: "POST", path: "/pulls/42/reviews",
			body: review(map[string]any{"path": path, "position": 3, "body": "```suggestion\nx\n```"}), status: 422, report: "position is deprecated"},
		{name: "a comment without suggestion", method: "POST", path: "/pulls/42/reviews",
			body: review(map[string]any{"path": path, "line": 2, "side": "RIGHT", "body": "just words"}), status: 422, report: "no suggestion block"},
		{name: "an unknown route", method: "GET", path: "/issues/42", status: 404, report: "no such route"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, rec := newRecorded(t)
			if tc.setup != nil {
				tc.setup(s)
			}
			var rd io.Reader
			if tc.body != nil {
				b, _ := json.Marshal(tc.body)
				rd = strings.NewReader(string(b))
			}
			req, _ := http.NewRequest(tc.method, s.URL()+s.Path("%s", tc.path), rd)
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("X-GitHub-Api-Version", APIVersion)
			req.Header.Set("Accept", "application/vnd.github.v3+json")
			req.Header.Set("Content-Type", "application/json")
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			res, err := s.HTTPClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d (%s)", res.StatusCode, tc.status, b)
			}
			errs := rec.errors()
			switch {
			case tc.report == "" && len(errs) != 0:
				t.Errorf("reported %q, want nothing", errs)
			case tc.report != "" && (len(errs) != 1 || !strings.Contains(errs[0], tc.report)):
				t.Errorf("reported %q, want one error with %q", errs, tc.report)
			}
			if tc.status == 403 && !strings.Contains(string(b), `"Resource not accessible by integration"`) {
				t.Errorf("403 body %s", b)
			}
			if len(s.IssueComments(42)) != 0 {
				t.Errorf("a comment was stored")
			}
		})
	}
}

func TestPagination(t *testing.T) {
	s, rec := newRecorded(t)
	for i := range 5 {
		s.AddIssueComment(42, Human("camille"), fmt.Sprintf("remark %d", i))
	}
	var bodies []string
	next := s.URL() + s.Path("/issues/42/comments?per_page=100")
	pages := 0
	for next != "" {
		pages++
		res, b := call(t, s, "GET", strings.TrimPrefix(next, s.URL()), nil)
		var cs []IssueComment
		if err := json.Unmarshal(b, &cs); err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			bodies = append(bodies, c.Body)
		}
		next = ""
		for _, l := range strings.Split(res.Header.Get("Link"), ", ") {
			if u, ok := strings.CutSuffix(l, `; rel="next"`); ok {
				next = strings.Trim(u, "<>")
			}
		}
		if pages == 1 && !strings.Contains(res.Header.Get("Link"), `page=3&per_page=100>; rel="last"`) {
			t.Errorf("page 1 Link %q, want a last page 3", res.Header.Get("Link"))
		}
		if pages == 3 && !strings.Contains(res.Header.Get("Link"), `page=1&per_page=100>; rel="first"`) {
			t.Errorf("page 3 Link %q, want the first page", res.Header.Get("Link"))
		}
	}
	if want := []string{"remark 0", "remark 1", "remark 2", "remark 3", "remark 4"}; pages != 3 || !reflect.DeepEqual(bodies, want) {
		t.Errorf("%d pages, %q", pages, bodies)
	}
	if errs := rec.errors(); len(errs) != 0 {
		t.Errorf("reported %q", errs)
	}
}

func TestCommitPullsAndMerge(t *testing.T) {
	s, _ := newRecorded(t)
	const merge = "9a8f6e2c1b0d4e7f3a5c8b2d6e1f0a9c7b3d5e4f"
	s.LinkCommit(head, 42)
	s.Merge(42, merge, Human("morgane"), time.Date(2024, 5, 2, 10, 0, 0, 0, time.UTC))
	for _, sha := range []string{head, merge} {
		_, b := call(t, s, "GET", s.Path("/commits/%s/pulls", sha), nil)
		var ps []map[string]any
		if err := json.Unmarshal(b, &ps); err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0]["number"] != 42.0 || ps[0]["merged_at"] != "2024-05-02T10:00:00Z" || ps[0]["merge_commit_sha"] != merge {
			t.Errorf("%s: %s", sha, b)
		}
		if _, ok := ps[0]["merged_by"]; ok {
			t.Errorf("the list shows merged_by: %s", b)
		}
	}
	_, b := call(t, s, "GET", s.Path("/pulls/42"), nil)
	var p map[string]any
	json.Unmarshal(b, &p)
	if p["merged"] != true || p["merged_by"].(map[string]any)["login"] != "morgane" || p["state"] != "closed" {
		t.Errorf("the pull request: %s", b)
	}
	_, b = call(t, s, "GET", s.Path("/commits/%s/pulls", "1111111111111111111111111111111111111111"), nil)
	if strings.TrimSpace(string(b)) != "[]" {
		t.Errorf("a commit of no pull request: %s", b)
	}
}

func TestMoveReviewComments(t *testing.T) {
	s, _ := newRecorded(t)
	if res, b := call(t, s, "POST", s.Path("/pulls/42/reviews"), review(suggestion(2), suggestion(4, 3), suggestion(20))); res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	// A push adds a line at the top and changes line 20.
	const newHead = "7777777777777777777777777777777777777777"
	s.AddPull(Pull{Number: 42, User: Human("camille"), Head: Branch{SHA: newHead}}, []File{{Filename: path, Status: "modified"}}, nil)
	s.MoveReviewComments(42, func(p string, line int) (int, bool) {
		if line == 20 {
			return 0, false
		}
		return line + 1, true
	})
	rcs := s.ReviewComments(42)
	if *rcs[0].Line != 3 || *rcs[0].OriginalLine != 2 || rcs[0].CommitID != newHead || rcs[0].OriginalCommitID != head {
		t.Errorf("moved comment %+v", rcs[0])
	}
	if *rcs[1].Line != 5 || *rcs[1].StartLine != 4 {
		t.Errorf("moved range %+v", rcs[1])
	}
	if rcs[2].Line != nil || rcs[2].StartLine != nil || *rcs[2].OriginalLine != 20 || rcs[2].CommitID != head {
		t.Errorf("outdated comment %+v", rcs[2])
	}
}
