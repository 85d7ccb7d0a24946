package github

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// runnerEnv is what the runner sets for a step, for the repository
// octo-org/posts; with overrides it is one event's.
func runnerEnv(overrides map[string]string) func(string) string {
	env := map[string]string{
		"CI":                      "true",
		"GITHUB_ACTIONS":          "true",
		"GITHUB_API_URL":          "https://api.github.com",
		"GITHUB_SERVER_URL":       "https://github.com",
		"GITHUB_REPOSITORY":       "octo-org/posts",
		"GITHUB_REPOSITORY_OWNER": "octo-org",
		"GITHUB_ACTOR":            "camille",
		"GITHUB_RUN_ID":           "8912345678",
		"GITHUB_RUN_NUMBER":       "118",
		"GITHUB_RUN_ATTEMPT":      "1",
		"GITHUB_WORKFLOW":         "crieur",
		"GITHUB_TOKEN":            "ghs_fromtheenvironment",
	}
	for k, v := range overrides {
		if v == "" {
			delete(env, k)
			continue
		}
		env[k] = v
	}
	return func(k string) string { return env[k] }
}

func TestEvent(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Event
	}{
		{
			name: "pull request from a branch of the repository",
			env: map[string]string{
				"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": "testdata/pull_request.json",
				"GITHUB_SHA": "e1f0a9c7b3d5e4f9a8f6e2c1b0d4e7f3a5c8b2d6", "GITHUB_REF": "refs/pull/42/merge",
				"GITHUB_HEAD_REF": "spring-launch", "GITHUB_BASE_REF": "main",
			},
			want: Event{
				Name: "pull_request", PayloadPath: "testdata/pull_request.json",
				Owner: "octo-org", Repo: "posts", APIURL: "https://api.github.com",
				SHA: "e1f0a9c7b3d5e4f9a8f6e2c1b0d4e7f3a5c8b2d6", Ref: "refs/pull/42/merge", Actor: "camille",
				Token: "ghs_fromtheenvironment", CanWrite: true,
				PullRequest: &PullRequestEvent{
					Number: 42, URL: "https://github.com/octo-org/posts/pull/42", Author: "camille",
					HeadRepo: "octo-org/posts", BaseRepo: "octo-org/posts", HeadRef: "spring-launch", BaseRef: "main",
					HeadSHA: "6dcb09b5b57875f334f61aebed695e2e4193db5e", BaseSHA: "ba1d1ce1c0a2a6ab8cb6f2fc5b0d96ff7c2ac1b4",
				},
			},
		},
		{
			name: "pull request from a fork: read-only",
			env: map[string]string{
				"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": "testdata/pull_request_fork.json",
				"GITHUB_SHA": "c0b9a8f7e6d5c4b0f3c2b1a9e8d7c6b5a4f3e2d1", "GITHUB_REF": "refs/pull/57/merge",
				"GITHUB_ACTOR": "dominique-contrib",
			},
			want: Event{
				Name: "pull_request", PayloadPath: "testdata/pull_request_fork.json",
				Owner: "octo-org", Repo: "posts", APIURL: "https://api.github.com",
				SHA: "c0b9a8f7e6d5c4b0f3c2b1a9e8d7c6b5a4f3e2d1", Ref: "refs/pull/57/merge", Actor: "dominique-contrib",
				Token:       "ghs_fromtheenvironment",
				WhyReadOnly: "the pull request comes from a fork (dominique-contrib/posts), its token is read-only",
				PullRequest: &PullRequestEvent{
					Number: 57, URL: "https://github.com/octo-org/posts/pull/57", Author: "dominique-contrib",
					HeadRepo: "dominique-contrib/posts", BaseRepo: "octo-org/posts", HeadRef: "fix-typo", BaseRef: "main",
					HeadSHA: "0f3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b", BaseSHA: "ba1d1ce1c0a2a6ab8cb6f2fc5b0d96ff7c2ac1b4",
					IsFork: true,
				},
			},
		},
		{
			name: "pull_request_target from a fork: the token can write, the input wins over GITHUB_TOKEN",
			env: map[string]string{
				"GITHUB_EVENT_NAME": "pull_request_target", "GITHUB_EVENT_PATH": "testdata/pull_request_fork.json",
				"GITHUB_SHA": "ba1d1ce1c0a2a6ab8cb6f2fc5b0d96ff7c2ac1b4", "GITHUB_REF": "refs/heads/main",
				"INPUT_GITHUB-TOKEN": "  ghp_fromtheinput\n",
			},
			want: Event{
				Name: "pull_request_target", PayloadPath: "testdata/pull_request_fork.json",
				Owner: "octo-org", Repo: "posts", APIURL: "https://api.github.com",
				SHA: "ba1d1ce1c0a2a6ab8cb6f2fc5b0d96ff7c2ac1b4", Ref: "refs/heads/main", Actor: "camille",
				Token: "ghp_fromtheinput", CanWrite: true,
				PullRequest: &PullRequestEvent{
					Number: 57, URL: "https://github.com/octo-org/posts/pull/57", Author: "dominique-contrib",
					HeadRepo: "dominique-contrib/posts", BaseRepo: "octo-org/posts", HeadRef: "fix-typo", BaseRef: "main",
					HeadSHA: "0f3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b", BaseSHA: "ba1d1ce1c0a2a6ab8cb6f2fc5b0d96ff7c2ac1b4",
					IsFork: true,
				},
			},
		},
		{
			name: "push to main on GitHub Enterprise Server",
			env: map[string]string{
				"GITHUB_EVENT_NAME": "push", "GITHUB_EVENT_PATH": "testdata/push.json",
				"GITHUB_SHA": "9a8f6e2c1b0d4e7f3a5c8b2d6e1f0a9c7b3d5e4f", "GITHUB_REF": "refs/heads/main",
				"GITHUB_ACTOR": "morgane", "GITHUB_API_URL": "https://ghe.example.com/api/v3",
			},
			want: Event{
				Name: "push", PayloadPath: "testdata/push.json",
				Owner: "octo-org", Repo: "posts", APIURL: "https://ghe.example.com/api/v3",
				SHA: "9a8f6e2c1b0d4e7f3a5c8b2d6e1f0a9c7b3d5e4f", Ref: "refs/heads/main", Actor: "morgane",
				Token: "ghs_fromtheenvironment", CanWrite: true,
				Push: &PushEvent{
					Ref:    "refs/heads/main",
					Before: "ba1d1ce1c0a2a6ab8cb6f2fc5b0d96ff7c2ac1b4",
					After:  "9a8f6e2c1b0d4e7f3a5c8b2d6e1f0a9c7b3d5e4f",
				},
			},
		},
		{
			name: "schedule, without a token",
			env: map[string]string{
				"GITHUB_EVENT_NAME": "schedule", "GITHUB_EVENT_PATH": "testdata/schedule.json",
				"GITHUB_SHA": "9a8f6e2c1b0d4e7f3a5c8b2d6e1f0a9c7b3d5e4f", "GITHUB_REF": "refs/heads/main",
				"GITHUB_TOKEN": "",
			},
			want: Event{
				Name: "schedule", PayloadPath: "testdata/schedule.json",
				Owner: "octo-org", Repo: "posts", APIURL: "https://api.github.com",
				SHA: "9a8f6e2c1b0d4e7f3a5c8b2d6e1f0a9c7b3d5e4f", Ref: "refs/heads/main", Actor: "camille",
				WhyReadOnly: "no token: neither the input github-token nor GITHUB_TOKEN is set",
				Schedule:    "*/15 * * * *",
			},
		},
		{
			name: "Dependabot's pull request",
			env: map[string]string{
				"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": "testdata/pull_request.json",
				"GITHUB_ACTOR": "dependabot[bot]",
			},
			want: Event{
				Name: "pull_request", PayloadPath: "testdata/pull_request.json",
				Owner: "octo-org", Repo: "posts", APIURL: "https://api.github.com", Actor: "dependabot[bot]",
				Token:       "ghs_fromtheenvironment",
				WhyReadOnly: "the run was triggered by Dependabot, whose token is read-only",
				PullRequest: &PullRequestEvent{
					Number: 42, URL: "https://github.com/octo-org/posts/pull/42", Author: "camille",
					HeadRepo: "octo-org/posts", BaseRepo: "octo-org/posts", HeadRef: "spring-launch", BaseRef: "main",
					HeadSHA: "6dcb09b5b57875f334f61aebed695e2e4193db5e", BaseSHA: "ba1d1ce1c0a2a6ab8cb6f2fc5b0d96ff7c2ac1b4",
				},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log bytes.Buffer
			got, err := NewRunner(runnerEnv(tc.env), &log).Event()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tc.want)
				if got.PullRequest != nil && tc.want.PullRequest != nil {
					t.Errorf("pull request: got %+v\nwant %+v", *got.PullRequest, *tc.want.PullRequest)
				}
			}
			if log.Len() != 0 {
				t.Errorf("reading the event wrote to the log: %q", log.String())
			}
		})
	}
}

func TestEventOutsideActions(t *testing.T) {
	got, err := NewRunner(func(string) string { return "" }, &bytes.Buffer{}).Event()
	if err != nil {
		t.Fatal(err)
	}
	want := Event{APIURL: "https://api.github.com", WhyReadOnly: "no token: neither the input github-token nor GITHUB_TOKEN is set"}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got %+v, want %+v", *got, want)
	}
}

func TestEventDeletedFork(t *testing.T) {
	data, err := os.ReadFile("testdata/pull_request_fork.json")
	if err != nil {
		t.Fatal(err)
	}
	// A fork deleted after the pull request was opened: head.repo is null.
	var payload map[string]any
	if err := json.Unmarshal(data, &payload); err != nil {
		t.Fatal(err)
	}
	payload["pull_request"].(map[string]any)["head"].(map[string]any)["repo"] = nil
	deleted, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(path, deleted, 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := NewRunner(runnerEnv(map[string]string{"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": path}), &bytes.Buffer{}).Event()
	if err != nil {
		t.Fatal(err)
	}
	if !e.PullRequest.IsFork || e.CanWrite || !strings.Contains(e.WhyReadOnly, "a deleted repository") {
		t.Errorf("got %+v %+v, want a read-only fork", e, e.PullRequest)
	}
}

func TestEventBadPayload(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"pull_request": `), 0o644); err != nil {
		t.Fatal(err)
	}
	noPR := filepath.Join(dir, "nopr.json")
	if err := os.WriteFile(noPR, []byte(`{"action": "opened"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{bad, noPR} {
		_, err := NewRunner(runnerEnv(map[string]string{"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": path}), &bytes.Buffer{}).Event()
		if err == nil {
			t.Errorf("%s: no error", filepath.Base(path))
		}
	}
}
