package github

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/crieur/crieur/internal/fakegithub"
)

// The tests talk to internal/fakegithub, a fake of the routes this
// package calls that follows GitHub's documentation and fails the test on
// a request GitHub would refuse.
const (
	fakeOwner = "octo-org"
	fakeRepo  = "posts"
	fakeToken = "ghs_faketoken"
	headSHA   = "6dcb09b5b57875f334f61aebed695e2e4193db5e"
	prNumber  = 42
)

func newFake(t *testing.T) *fakegithub.Server {
	t.Helper()
	return fakegithub.New(t, fakeOwner, fakeRepo, fakeToken)
}

// newClient is a Client of the fake, built as main builds it from
// GITHUB_API_URL (which sets go-github's BaseURL to the URL + "/").
func newClient(t *testing.T, f *fakegithub.Server) *Client {
	t.Helper()
	c, err := NewClient(f.URL(), fakeToken, f.HTTPClient())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.gh.BaseURL.String(), f.URL()+"/"; got != want {
		t.Fatalf("BaseURL = %s, want %s", got, want)
	}
	return c
}

func TestStickyCommentCreatesOnceThenEdits(t *testing.T) {
	f := newFake(t)
	// Three comments by people, so that listing takes two pages; one of
	// them quotes crieur's comment and is not crieur's.
	f.AddIssueComment(prNumber, fakegithub.Human("camille"), "Ready for review.")
	f.AddIssueComment(prNumber, fakegithub.Human("dominique"), "> <!-- crieur -->\n> 2 errors\n\nOn it.")
	f.AddIssueComment(prNumber, fakegithub.Human("camille"), "Fixed.")
	c := newClient(t, f)
	ctx := context.Background()

	first, err := c.StickyComment(ctx, fakeOwner, fakeRepo, prNumber, "crieur found 2 errors.")
	if err != nil {
		t.Fatal(err)
	}
	if first.Action != Created || first.ID == 0 || !strings.Contains(first.URL, "#issuecomment-") {
		t.Fatalf("first call: %+v, want a created comment with its URL", first)
	}
	second, err := c.StickyComment(ctx, fakeOwner, fakeRepo, prNumber, "crieur found no error.")
	if err != nil {
		t.Fatal(err)
	}
	if second.Action != Updated || second.ID != first.ID || second.URL != first.URL {
		t.Fatalf("second call: %+v, want comment %d updated", second, first.ID)
	}

	var ours []fakegithub.IssueComment
	for _, ic := range f.IssueComments(prNumber) {
		if ic.User == fakegithub.Bot {
			ours = append(ours, ic)
		}
	}
	if len(ours) != 1 {
		t.Fatalf("%d comments of crieur after two calls, want 1", len(ours))
	}
	if want := "<!-- crieur -->\ncrieur found no error."; ours[0].Body != want {
		t.Errorf("body %q, want %q", ours[0].Body, want)
	}
	if n := f.Count("POST " + f.Path("/issues/%d/comments", prNumber)); n != 1 {
		t.Errorf("%d comments created, want 1", n)
	}
	if n := f.Count("PATCH " + f.Path("/issues/comments/%d", first.ID)); n != 1 {
		t.Errorf("%d edits, want 1", n)
	}
	// Both calls read both pages of comments.
	if n := f.Count("GET " + f.Path("/issues/%d/comments?page=2", prNumber)); n != 2 {
		t.Errorf("page 2 of the comments read %d times, want 2 (requests: %q)", n, f.Requests())
	}

	// The same words again: nothing to write.
	third, err := c.StickyComment(ctx, fakeOwner, fakeRepo, prNumber, "<!-- crieur -->\ncrieur found no error.")
	if err != nil {
		t.Fatal(err)
	}
	if third.Action != Unchanged || third.ID != first.ID {
		t.Errorf("third call: %+v, want unchanged", third)
	}
	if n := f.Count("PATCH "); n != 1 {
		t.Errorf("%d edits after an unchanged body, want 1", n)
	}
}

func TestStickyCommentFoundOnALaterPage(t *testing.T) {
	f := newFake(t)
	for i := 0; i < 4; i++ {
		f.AddIssueComment(prNumber, fakegithub.Human("camille"), "a remark")
	}
	old := f.AddIssueComment(prNumber, fakegithub.Bot, "<!-- crieur -->\nold report")
	got, err := newClient(t, f).StickyComment(context.Background(), fakeOwner, fakeRepo, prNumber, "new report")
	if err != nil {
		t.Fatal(err)
	}
	if got.Action != Updated || got.ID != old.ID {
		t.Errorf("got %+v, want comment %d (on page 3) updated", got, old.ID)
	}
	if n := len(f.IssueComments(prNumber)); n != 5 {
		t.Errorf("%d comments, want 5", n)
	}
}

func TestStickyCommentReadOnlyToken(t *testing.T) {
	f := newFake(t)
	f.SetReadOnly(true)
	_, err := newClient(t, f).StickyComment(context.Background(), fakeOwner, fakeRepo, prNumber, "report")
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("err = %v, want ErrReadOnly", err)
	}
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response.StatusCode != http.StatusForbidden || er.Message != "Resource not accessible by integration" {
		t.Errorf("err = %v, want the 403 kept inside", err)
	}
	if len(f.IssueComments(prNumber)) != 0 {
		t.Errorf("a comment was stored")
	}
}

// A pull request of four files: the diffs are what GitHub's "List pull
// requests files" returns, and the RIGHT lines it accepts comments on
// are written by hand from them.
func addLaunchPull(f *fakegithub.Server) {
	f.AddPull(fakegithub.Pull{Number: prNumber, State: "open", Title: "Spring launch posts", User: fakegithub.Human("camille"), Head: fakegithub.Branch{Ref: "spring-launch", SHA: headSHA}}, []fakegithub.File{
		{
			Filename: "posts/2024-05-02-launch.md", Status: "modified", Additions: 3, Deletions: 1,
			// Hunk 1: new lines 1-7 (3 added at 4-6). Hunk 2: new lines 20-24.
			Patch: "@@ -1,5 +1,7 @@\n ---\n title: Launch\n date: 2024-05-02\n+channels:\n+  - mastodon\n+  - bluesky\n ---\n-Old intro.\n@@ -18,4 +20,5 @@ Our launch\n We are live !\n \n-See you soon\n+See you soon.\n+Thanks !\n \n",
		},
		{Filename: "posts/2024-04-01-old.md", Status: "removed", Deletions: 6},
		{
			Filename: "posts/2024-05-10-recap.md", Status: "renamed", PreviousFilename: "drafts/recap.md", Additions: 1, Deletions: 1,
			Patch: "@@ -2,3 +2,3 @@ title: Recap\n date: 2024-05-10\n-draft: true\n+draft: false\n ---",
		},
		{Filename: "media/launch.png", Status: "added"}, // binary: no patch
	}, map[string][][2]int{
		"posts/2024-05-02-launch.md": {{1, 7}, {20, 24}},
		"posts/2024-05-10-recap.md":  {{2, 4}},
	})
}

func TestSuggestChanges(t *testing.T) {
	f := newFake(t)
	addLaunchPull(f)
	c := newClient(t, f)
	ctx := context.Background()

	launch, recap := "posts/2024-05-02-launch.md", "posts/2024-05-10-recap.md"
	suggestions := []Suggestion{
		{Path: launch, Line: 23, Replacement: "Thanks!", Body: "typo: no space before “!” in English."},                           // added line
		{Path: launch, Line: 5, EndLine: 6, Replacement: "  - mastodon\n  - bluesky\n  - threads", Body: "charter: add Threads."}, // range in hunk 1
		{Path: launch, Line: 2, Replacement: "title: Launch day", Body: "charter: a longer title."},                               // context line
		{Path: recap, Line: 3, Replacement: ""},                                            // deletion, no text
		{Path: launch, Line: 12, Replacement: "x", Body: "off the diff"},                   // between the hunks
		{Path: launch, Line: 6, EndLine: 21, Replacement: "x", Body: "two hunks"},          // across hunks
		{Path: "posts/2024-04-01-old.md", Line: 1, Replacement: "x", Body: "removed file"}, // no patch
		{Path: "posts/untouched.md", Line: 1, Replacement: "x", Body: "not in the pull request"},
	}
	rev, err := c.SuggestChanges(ctx, fakeOwner, fakeRepo, prNumber, headSHA, suggestions)
	if err != nil {
		t.Fatal(err)
	}
	if rev.Posted != 4 || rev.Already != 0 || !strings.Contains(rev.URL, "#pullrequestreview-") {
		t.Errorf("review %+v, want 4 posted and its URL", rev)
	}
	if want := suggestions[4:]; !reflect.DeepEqual(rev.Unplaced, want) {
		t.Errorf("unplaced %+v\nwant %+v", rev.Unplaced, want)
	}
	if n := f.Count("POST " + f.Path("/pulls/%d/reviews", prNumber)); n != 1 {
		t.Fatalf("%d reviews posted, want 1", n)
	}
	type placed struct {
		Path      string
		Line      int
		StartLine int
		Body      string
	}
	var got []placed
	for _, rc := range f.ReviewComments(prNumber) {
		p := placed{Path: rc.Path, Line: *rc.Line, Body: rc.Body}
		if rc.StartLine != nil {
			p.StartLine = *rc.StartLine
		}
		got = append(got, p)
	}
	want := []placed{
		{launch, 23, 0, "typo: no space before “!” in English.\n\n```suggestion\nThanks!\n```"},
		{launch, 6, 5, "charter: add Threads.\n\n```suggestion\n  - mastodon\n  - bluesky\n  - threads\n```"},
		{launch, 2, 0, "charter: a longer title.\n\n```suggestion\ntitle: Launch day\n```"},
		{recap, 3, 0, "```suggestion\n```"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("review comments\n%+v\nwant\n%+v", got, want)
	}

	// A second run with the same suggestions posts nothing.
	again, err := c.SuggestChanges(ctx, fakeOwner, fakeRepo, prNumber, headSHA, suggestions)
	if err != nil {
		t.Fatal(err)
	}
	if again.Posted != 0 || again.Already != 4 || again.URL != "" || len(again.Unplaced) != 4 {
		t.Errorf("second run %+v, want 4 already there, 4 unplaced, no review", again)
	}
	// Nor does a run whose suggestions all fall off the diff.
	off, err := c.SuggestChanges(ctx, fakeOwner, fakeRepo, prNumber, headSHA, suggestions[4:])
	if err != nil {
		t.Fatal(err)
	}
	if off.Posted != 0 || len(off.Unplaced) != 4 {
		t.Errorf("off-diff run %+v", off)
	}
	if n := f.Count("POST " + f.Path("/pulls/%d/reviews", prNumber)); n != 1 {
		t.Errorf("%d reviews posted after three runs, want 1", n)
	}
	// The files (4, two a page) and the review comments were paginated.
	if n := f.Count("GET " + f.Path("/pulls/%d/files?page=2", prNumber)); n != 3 {
		t.Errorf("page 2 of the files read %d times, want 3", n)
	}
	if n := f.Count("GET " + f.Path("/pulls/%d/comments?page=2", prNumber)); n != 2 {
		t.Errorf("page 2 of the review comments read %d times, want 2", n)
	}
}

func TestSuggestChangesReadOnlyToken(t *testing.T) {
	f := newFake(t)
	addLaunchPull(f)
	f.SetReadOnly(true)
	s := []Suggestion{
		{Path: "posts/2024-05-02-launch.md", Line: 22, Replacement: "See you soon!"},
		{Path: "posts/2024-05-02-launch.md", Line: 12, Replacement: "x"},
	}
	rev, err := newClient(t, f).SuggestChanges(context.Background(), fakeOwner, fakeRepo, prNumber, headSHA, s)
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("err = %v, want ErrReadOnly", err)
	}
	if len(rev.Unplaced) != 2 || rev.Posted != 0 {
		t.Errorf("review %+v, want both suggestions back to annotate", rev)
	}
}

func TestSuggestionBody(t *testing.T) {
	tests := []struct{ text, replacement, want string }{
		{"Hint.", "new", "Hint.\n\n```suggestion\nnew\n```"},
		{"Hint.\n", "new", "Hint.\n\n```suggestion\nnew\n```"},
		{"", "a\nb", "```suggestion\na\nb\n```"},
		{"Delete.", "", "Delete.\n\n```suggestion\n```"},
		{"", "```go\nx\n```", "````suggestion\n```go\nx\n```\n````"},
	}
	for _, tc := range tests {
		if got := suggestionBody(tc.text, tc.replacement); got != tc.want {
			t.Errorf("suggestionBody(%q, %q) = %q, want %q", tc.text, tc.replacement, got, tc.want)
		}
	}
}

func TestChangedFiles(t *testing.T) {
	f := newFake(t)
	addLaunchPull(f)
	got, err := newClient(t, f).ChangedFiles(context.Background(), fakeOwner, fakeRepo, prNumber)
	if err != nil {
		t.Fatal(err)
	}
	want := []ChangedFile{
		{Path: "posts/2024-05-02-launch.md", Status: "modified"},
		{Path: "posts/2024-04-01-old.md", Status: "removed"},
		{Path: "posts/2024-05-10-recap.md", Status: "renamed", PreviousPath: "drafts/recap.md"},
		{Path: "media/launch.png", Status: "added"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestPullRequestOf(t *testing.T) {
	const (
		mergeSHA  = "9a8f6e2c1b0d4e7f3a5c8b2d6e1f0a9c7b3d5e4f"
		directSHA = "1111111111111111111111111111111111111111"
		openSHA   = "2222222222222222222222222222222222222222"
	)
	f := newFake(t)
	merger := fakegithub.Human("morgane")
	// The commit is in an old, closed pull request and in the one that
	// merged it.
	f.AddPull(fakegithub.Pull{Number: 40, State: "closed", Title: "First try", User: fakegithub.Human("camille"), Head: fakegithub.Branch{SHA: "aaaa"}}, nil, nil)
	f.AddPull(fakegithub.Pull{Number: prNumber, State: "closed", Title: "Spring launch posts", User: fakegithub.Human("camille"), Head: fakegithub.Branch{SHA: headSHA},
		MergedAt: "2024-05-02T10:00:00Z", MergeCommitSHA: mergeSHA, MergedBy: &merger}, nil, nil)
	f.AddPull(fakegithub.Pull{Number: 43, State: "open", Title: "Summer", User: fakegithub.Human("dominique"), Head: fakegithub.Branch{SHA: openSHA}}, nil, nil)
	f.LinkCommit(mergeSHA, 40, prNumber)
	f.LinkCommit(openSHA, 43)

	t0 := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	f.AddReview(prNumber, fakegithub.Human("alice"), "APPROVED", at(1))
	f.AddReview(prNumber, fakegithub.Human("bob"), "APPROVED", at(2))
	f.AddReview(prNumber, fakegithub.Human("carol"), "CHANGES_REQUESTED", at(3))
	f.AddReview(prNumber, fakegithub.Human("alice"), "COMMENTED", at(4)) // a remark does not withdraw her approval
	f.AddReview(prNumber, fakegithub.Human("bob"), "CHANGES_REQUESTED", at(5))
	f.AddReview(prNumber, fakegithub.Human("carol"), "APPROVED", at(6))
	f.AddReview(prNumber, fakegithub.Human("dave"), "DISMISSED", at(7)) // an approval that was dismissed
	f.AddReview(prNumber, fakegithub.Human("erin"), "COMMENTED", at(8))
	c := newClient(t, f)
	ctx := context.Background()

	got, err := c.PullRequestOf(ctx, fakeOwner, fakeRepo, mergeSHA)
	if err != nil {
		t.Fatal(err)
	}
	want := &PullRequestInfo{
		Number: prNumber, URL: "https://github.com/octo-org/posts/pull/42", Author: "camille", MergedBy: "morgane",
		Approvers: []string{"alice", "carol"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if n := f.Count("GET " + f.Path("/pulls/%d/reviews?page=4", prNumber)); n != 1 {
		t.Errorf("the 4th page of reviews was read %d times, want 1 (requests %q)", n, f.Requests())
	}

	none, err := c.PullRequestOf(ctx, fakeOwner, fakeRepo, directSHA)
	if err != nil || none != nil {
		t.Errorf("a direct push: %+v, %v; want nil, nil", none, err)
	}

	open, err := c.PullRequestOf(ctx, fakeOwner, fakeRepo, openSHA)
	if err != nil {
		t.Fatal(err)
	}
	if open == nil || open.Number != 43 || open.MergedBy != "" || len(open.Approvers) != 0 {
		t.Errorf("an open pull request: %+v", open)
	}
	if n := f.CountExact("GET " + f.Path("/pulls/%d", prNumber)); n != 1 {
		t.Errorf("the merged pull request was read %d times, want 1 (for merged_by)", n)
	}
	if n := f.CountExact("GET " + f.Path("/pulls/43")); n != 0 {
		t.Errorf("the open pull request was read in full: nobody merged it")
	}
}

func TestNewClientURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://api.github.com", "https://api.github.com/"},
		{"https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3/"},
		{"", "https://api.github.com/"},
	} {
		c, err := NewClient(tc.in, "t", nil)
		if err != nil {
			t.Fatalf("NewClient(%q): %v", tc.in, err)
		}
		if got := c.gh.BaseURL.String(); got != tc.want {
			t.Errorf("NewClient(%q): BaseURL %s, want %s", tc.in, got, tc.want)
		}
	}
	if _, err := NewClient("api.github.com", "t", nil); err == nil {
		t.Errorf("a URL without scheme was accepted")
	}
}
