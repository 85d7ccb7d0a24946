// Package fakegithub is a fake of GitHub's REST API for the calls crieur
// makes, for tests: pipeline/github's unit tests and cmd/crieur's
// testscript scripts, which run the real crieur binary against it. It
// follows the routes, request bodies and response bodies of GitHub's
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
// PageSize items a page (2 unless SetPageSize says otherwise), whatever
// per_page asks, so that a few items are enough to make a client follow
// the links.
//
// A token without write access (SetReadOnly) is refused as GitHub refuses
// a fork's token: 403 {"message": "Resource not accessible by
// integration", "documentation_url": …} (see
// https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api).
// A review comment off the diff is refused with 422, as GitHub does.
//
// Every request is checked (method and route, the repository, the token,
// the API version header, the JSON body's fields, the suggestion fence);
// a request the documentation would not accept is answered as GitHub
// would answer it and reported to the TB's Errorf: a test fails, a
// testscript script collects the error and fails at its next github
// command.
//
// The fake knows only what a test tells it: the pull requests (AddPull,
// with their files and the lines of their diff), the comments and
// reviews people wrote (AddIssueComment, AddReview), the merges (Merge)
// and which commits belong to which pull requests (LinkCommit). What the
// client writes (comments, reviews) is read back with IssueComments,
// ReviewComments and Reviews; the requests themselves with Requests and
// Count.
//
// Rule of the room: a test helper; imports the standard library only,
// and only tests import it. internal/archtest checks the imports.
package fakegithub
