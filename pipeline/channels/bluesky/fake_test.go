package bluesky

// A fake PDS for what the real one cannot be made to do on demand: expire
// an access token, rate-limit, fail a write with a 5xx. It follows
//   - atproto.com/specs/xrpc: errors as {"error", "message"}, 400
//     ExpiredToken for an expired access token, 401 AuthenticationRequired;
//   - the lexicons com.atproto.server.createSession ({identifier,
//     password} → {accessJwt, refreshJwt, handle, did}) and refreshSession
//     (Authorization: Bearer <refreshJwt>), com.atproto.repo.createRecord
//     ({repo, collection, rkey, record} → {uri, cid}) and getRecord (400
//     RecordNotFound), com.atproto.identity.resolveHandle;
//   - docs.bsky.app "Rate limits": 429 with the ratelimit-limit,
//     ratelimit-remaining, ratelimit-reset (Unix seconds) and
//     ratelimit-policy headers;
//   - for metrics, the lexicon app.bsky.feed.getPosts (uris, at most 25 →
//     {posts: [app.bsky.feed.defs#postView]}, the views of the posts the
//     AppView has, with the optional likeCount, repostCount, replyCount,
//     quoteCount and bookmarkCount), answered as a PDS does (@atproto/pds
//     pipethrough): forwarded to the AppView the atproto-proxy header names,
//     or to its own when there is none; 400 InvalidRequest "No service
//     configured for …" when it has none, a bare 500 when it cannot resolve
//     the header's service. com.atproto.sync.listRepos and
//     com.atproto.repo.listRecords (alice's posts only, one page) serve the
//     count without AppView.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

type fakePDS struct {
	t  *testing.T
	mu sync.Mutex
	// what the test sets
	expired   map[string]bool // access tokens the fake says have expired
	createErr func(w http.ResponseWriter) bool
	// getPosts: the counts of the posts the AppView has, by URI
	// (likeCount…), and the atproto-proxy headers the PDS can serve ("" is
	// its own AppView); postsErr may answer the n-th call (from 1) instead.
	views    map[string]map[string]int64
	appViews map[string]bool
	postsErr func(w http.ResponseWriter, n int) bool
	// what the fake saw
	logins, refreshes, creates int
	records                    map[string]json.RawMessage // rkey -> record
	tokens                     int
	postsCalls                 []postsCall
}

// postsCall is a getPosts the fake was asked.
type postsCall struct {
	uris         []string
	proxy, token string
}

const fakeDID = "did:plc:fakealice"

func newFakePDS(t *testing.T) (*fakePDS, *httptest.Server) {
	f := &fakePDS{t: t, expired: map[string]bool{}, records: map[string]json.RawMessage{},
		views: map[string]map[string]int64{}, appViews: map[string]bool{defaultAppView: true, "": true}}
	s := httptest.NewServer(f)
	t.Cleanup(s.Close)
	return f, s
}

func xrpcErr(w http.ResponseWriter, status int, name, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": name, "message": msg})
}

func (f *fakePDS) newSession() map[string]string {
	f.tokens++
	return map[string]string{"accessJwt": fmt.Sprintf("access-%d", f.tokens), "refreshJwt": fmt.Sprintf("refresh-%d", f.tokens),
		"handle": "alice.test", "did": fakeDID}
}

func (f *fakePDS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	bearer, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	authed := func() bool {
		switch {
		case !strings.HasPrefix(bearer, "access-"):
			xrpcErr(w, http.StatusUnauthorized, "AuthenticationRequired", "Authentication Required")
		case f.expired[bearer]:
			xrpcErr(w, http.StatusBadRequest, "ExpiredToken", "Token has expired")
		default:
			return true
		}
		return false
	}
	w.Header().Set("Content-Type", "application/json")
	switch r.Method + " " + r.URL.Path {
	case "POST /xrpc/com.atproto.server.createSession":
		var in struct{ Identifier, Password string }
		if r.Header.Get("Content-Type") != "application/json" || json.NewDecoder(r.Body).Decode(&in) != nil {
			xrpcErr(w, http.StatusBadRequest, "InvalidRequest", "Input must be JSON")
			return
		}
		if in.Identifier != "alice.test" || in.Password != "good-password" {
			xrpcErr(w, http.StatusUnauthorized, "AuthenticationRequired", "Invalid identifier or password")
			return
		}
		f.logins++
		json.NewEncoder(w).Encode(f.newSession())
	case "POST /xrpc/com.atproto.server.refreshSession":
		if !strings.HasPrefix(bearer, "refresh-") {
			xrpcErr(w, http.StatusBadRequest, "InvalidToken", "Invalid token type")
			return
		}
		f.refreshes++
		json.NewEncoder(w).Encode(f.newSession())
	case "GET /xrpc/com.atproto.identity.resolveHandle":
		xrpcErr(w, http.StatusBadRequest, "InvalidRequest", "Unable to resolve handle")
	case "GET /xrpc/com.atproto.repo.getRecord":
		if !authed() {
			return
		}
		q := r.URL.Query()
		rec, ok := f.records[q.Get("rkey")]
		if q.Get("repo") != fakeDID || q.Get("collection") != postCollection || !ok {
			xrpcErr(w, http.StatusBadRequest, "RecordNotFound", "Could not locate record")
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"uri": "at://" + fakeDID + "/" + postCollection + "/" + q.Get("rkey"), "cid": "bafy" + q.Get("rkey"), "value": rec})
	case "POST /xrpc/com.atproto.repo.createRecord":
		if !authed() {
			return
		}
		f.creates++
		if f.createErr != nil && f.createErr(w) {
			return
		}
		var in struct {
			Repo, Collection, Rkey string
			Record                 json.RawMessage
		}
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil || in.Repo != fakeDID || in.Collection != postCollection || !tidSyntax.MatchString(in.Rkey) {
			xrpcErr(w, http.StatusBadRequest, "InvalidRequest", fmt.Sprintf("bad createRecord input: %v %+v", err, in))
			return
		}
		if _, dup := f.records[in.Rkey]; dup {
			xrpcErr(w, http.StatusInternalServerError, "InternalServerError", "Internal Server Error") // what @atproto/pds says to a key in use
			return
		}
		f.records[in.Rkey] = in.Record
		json.NewEncoder(w).Encode(map[string]string{"uri": "at://" + fakeDID + "/" + postCollection + "/" + in.Rkey, "cid": "bafy" + in.Rkey})
	case "GET /xrpc/app.bsky.feed.getPosts":
		q := r.URL.Query()
		proxy := r.Header.Get("atproto-proxy")
		f.postsCalls = append(f.postsCalls, postsCall{uris: q["uris"], proxy: proxy, token: bearer})
		if bearer != "" && !authed() { // a public AppView asked directly takes no token
			return
		}
		if f.postsErr != nil && f.postsErr(w, len(f.postsCalls)) {
			return
		}
		if !f.appViews[proxy] {
			if proxy == "" {
				xrpcErr(w, http.StatusBadRequest, "InvalidRequest", "No service configured for app.bsky.feed.getPosts")
			} else {
				xrpcErr(w, http.StatusInternalServerError, "InternalServerError", "Internal Server Error")
			}
			return
		}
		if len(q["uris"]) > 25 {
			xrpcErr(w, http.StatusBadRequest, "InvalidRequest", "uris: at most 25 items (lexicon maxLength)")
			return
		}
		posts := []map[string]any{}
		for _, u := range q["uris"] {
			counts, ok := f.views[u]
			if !ok {
				continue // not in the AppView: deleted, or never there
			}
			v := map[string]any{"$type": "app.bsky.feed.defs#postView", "uri": u, "cid": "bafy" + u[len(u)-13:],
				"author": map[string]string{"did": fakeDID, "handle": "alice.test"}, "record": map[string]string{"$type": postCollection, "text": "…"},
				"indexedAt": "2026-01-01T00:00:00.000Z"}
			for k, n := range counts {
				v[k] = n
			}
			posts = append(posts, v)
		}
		json.NewEncoder(w).Encode(map[string]any{"posts": posts})
	case "GET /xrpc/com.atproto.sync.listRepos":
		json.NewEncoder(w).Encode(map[string]any{"repos": []map[string]any{{"did": fakeDID, "head": "bafyhead", "rev": "2222222222222", "active": true}}})
	case "GET /xrpc/com.atproto.repo.listRecords":
		q := r.URL.Query()
		if q.Get("repo") != fakeDID {
			xrpcErr(w, http.StatusBadRequest, "InvalidRequest", "Could not find repo: "+q.Get("repo"))
			return
		}
		recs := []map[string]any{}
		if q.Get("collection") == postCollection {
			for rkey, rec := range f.records {
				recs = append(recs, map[string]any{"uri": "at://" + fakeDID + "/" + postCollection + "/" + rkey, "cid": "bafy" + rkey, "value": rec})
			}
		}
		json.NewEncoder(w).Encode(map[string]any{"records": recs})
	default:
		xrpcErr(w, http.StatusNotImplemented, "MethodNotImplemented", "Method Not Implemented")
	}
}

func fakeClient(t *testing.T, url, password string) *Client {
	t.Helper()
	c, err := FromConfig(pipeline.ChannelConfig{Name: "bsky", Type: "bluesky", Secrets: map[string]string{"app_password": "BLUESKY_APP_PASSWORD"},
		Options: map[string]string{"handle": "alice.test", "service": url, "link_cards": "false"}}, map[string]string{"app_password": password}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.http.Sleep = func(context.Context, time.Duration) error { return nil }
	return c
}

func TestOneLoginAndRefreshOnExpiredToken(t *testing.T) {
	t.Parallel()
	f, s := newFakePDS(t)
	c := fakeClient(t, s.URL, "good-password")
	for i := 0; i < 3; i++ {
		if i == 2 {
			f.mu.Lock()
			f.expired["access-1"] = true // the access token of the only login
			f.mu.Unlock()
		}
		m := pipeline.Message{Key: fmt.Sprintf("key-%d", i), Parts: []string{fmt.Sprintf("post %d", i)}}
		r, err := c.Publish(ctx(t), m)
		if err != nil {
			t.Fatalf("Publish %d: %v", i, err)
		}
		if r.ID != "at://"+fakeDID+"/app.bsky.feed.post/"+recordKey(m.Key, 0) || r.URL != "https://bsky.app/profile/alice.test/post/"+recordKey(m.Key, 0) {
			t.Errorf("receipt %+v", r)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.logins != 1 || f.refreshes != 1 || f.creates != 3 || len(f.records) != 3 {
		t.Errorf("logins %d, refreshes %d, createRecord %d, records %d; want 1, 1, 3, 3", f.logins, f.refreshes, f.creates, len(f.records))
	}
}

func TestFailuresOfCreateRecord(t *testing.T) {
	t.Parallel()
	reset := time.Now().Add(2 * time.Minute).Unix()
	tests := []struct {
		name      string
		answer    func(w http.ResponseWriter) bool
		status    int
		temporary bool
		retry     bool
	}{
		{"rate limited", func(w http.ResponseWriter) bool {
			w.Header().Set("RateLimit-Limit", "5000")
			w.Header().Set("RateLimit-Remaining", "0")
			w.Header().Set("RateLimit-Reset", strconv.FormatInt(reset, 10))
			w.Header().Set("RateLimit-Policy", "5000;w=3600")
			xrpcErr(w, http.StatusTooManyRequests, "RateLimitExceeded", "Rate Limit Exceeded")
			return true
		}, http.StatusTooManyRequests, true, true},
		{"server error, not created", func(w http.ResponseWriter) bool {
			xrpcErr(w, http.StatusInternalServerError, "InternalServerError", "Internal Server Error")
			return true
		}, http.StatusInternalServerError, true, false},
		{"invalid record", func(w http.ResponseWriter) bool {
			xrpcErr(w, http.StatusBadRequest, "InvalidRequest", "Invalid app.bsky.feed.post record")
			return true
		}, http.StatusBadRequest, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, s := newFakePDS(t)
			f.createErr = tt.answer
			_, err := fakeClient(t, s.URL, "good-password").Publish(ctx(t), pipeline.Message{Key: "k", Parts: []string{"texte"}})
			fl := pipeline.AsFailure(err)
			if fl == nil || fl.Status != tt.status || fl.Temporary != tt.temporary || (fl.RetryAfter > 0) != tt.retry {
				t.Fatalf("Publish = %v (%+v)", err, fl)
			}
			if tt.retry && (fl.RetryAfter < time.Minute || fl.RetryAfter > 3*time.Minute) {
				t.Errorf("RetryAfter = %v, want about 2 min from ratelimit-reset", fl.RetryAfter)
			}
			if fl.MaybeSent {
				t.Error("MaybeSent, though getRecord showed the record is not there")
			}
		})
	}
}

func TestBadPasswordOnFake(t *testing.T) {
	t.Parallel()
	_, s := newFakePDS(t)
	_, err := fakeClient(t, s.URL, "s3cr3t-pw-9999").Publish(ctx(t), pipeline.Message{Key: "k", Parts: []string{"x"}})
	f := pipeline.AsFailure(err)
	if f == nil || f.Status != http.StatusUnauthorized || f.Temporary || !strings.Contains(f.Hint, "BLUESKY_APP_PASSWORD") {
		t.Fatalf("Publish = %v (%+v)", err, f)
	}
	if strings.Contains(err.Error(), "s3cr3t-pw-9999") {
		t.Errorf("the password leaks: %v", err)
	}
}

// fakePost is the URI of alice's i-th post on the fake.
func fakePost(i int) string {
	return "at://" + fakeDID + "/" + postCollection + "/" + recordKey(fmt.Sprint("post-", i), 0)
}

func TestMeasureThroughTheAppView(t *testing.T) {
	t.Parallel()
	f, s := newFakePDS(t)
	var ids []string
	for i := 0; i < 60; i++ {
		ids = append(ids, fakePost(i))
		if i == 7 || i == 40 {
			continue // deleted: the AppView has no view of it
		}
		v := map[string]int64{"likeCount": int64(i), "repostCount": 2, "replyCount": 3, "quoteCount": 4}
		if i%2 == 0 {
			v["bookmarkCount"] = 5
		}
		f.views[fakePost(i)] = v
	}
	// Asked twice, and ids that are no post URIs: each post is asked once,
	// the others never.
	ids = append(ids, fakePost(3), "3kabcdefghij2", "at://"+fakeDID+"/app.bsky.feed.like/3kabcdefghij2", "at://alice.test/"+postCollection+"/3kabcdefghij2")
	got, err := fakeClient(t, s.URL, "good-password").Measure(ctx(t), ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 58 {
		t.Errorf("%d readings, want 58: the 60 posts but the 2 the AppView does not have", len(got))
	}
	want := map[int]pipeline.Engagement{
		0:  {pipeline.Likes: 0, pipeline.Reposts: 2, pipeline.Replies: 3, pipeline.Quotes: 4, pipeline.Saves: 5},
		3:  {pipeline.Likes: 3, pipeline.Reposts: 2, pipeline.Replies: 3, pipeline.Quotes: 4},
		59: {pipeline.Likes: 59, pipeline.Reposts: 2, pipeline.Replies: 3, pipeline.Quotes: 4},
	}
	for i, w := range want {
		if fmt.Sprint(got[fakePost(i)]) != fmt.Sprint(w) {
			t.Errorf("post %d = %v, want %v", i, got[fakePost(i)], w)
		}
	}
	for _, i := range []int{7, 40} {
		if e, ok := got[fakePost(i)]; ok {
			t.Errorf("deleted post %d = %v, want it left out", i, e)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var sizes []int
	for _, call := range f.postsCalls {
		sizes = append(sizes, len(call.uris))
		if call.proxy != "did:web:api.bsky.app#bsky_appview" || call.token != "access-1" {
			t.Errorf("getPosts with atproto-proxy %q and token %q, want Bluesky's AppView and the session's token", call.proxy, call.token)
		}
	}
	if fmt.Sprint(sizes) != "[25 25 10]" {
		t.Errorf("getPosts asked for %v posts a call, want [25 25 10]", sizes)
	}
}

func TestMeasureStopsAtARateLimit(t *testing.T) {
	t.Parallel()
	f, s := newFakePDS(t)
	var ids []string
	for i := 0; i < 60; i++ {
		ids = append(ids, fakePost(i))
		f.views[fakePost(i)] = map[string]int64{"likeCount": 1}
	}
	reset := time.Now().Add(2 * time.Minute).Unix()
	f.postsErr = func(w http.ResponseWriter, n int) bool {
		if n < 2 {
			return false
		}
		w.Header().Set("RateLimit-Limit", "3000")
		w.Header().Set("RateLimit-Remaining", "0")
		w.Header().Set("RateLimit-Reset", strconv.FormatInt(reset, 10))
		w.Header().Set("RateLimit-Policy", "3000;w=300")
		xrpcErr(w, http.StatusTooManyRequests, "RateLimitExceeded", "Rate Limit Exceeded")
		return true
	}
	got, err := fakeClient(t, s.URL, "good-password").Measure(ctx(t), ids)
	fl := pipeline.AsFailure(err)
	if fl == nil || fl.Status != http.StatusTooManyRequests || !fl.Temporary || fl.RetryAfter < time.Minute || fl.RetryAfter > 3*time.Minute {
		t.Fatalf("Measure = %v (%+v), want a temporary 429 to retry in about 2 min", err, fl)
	}
	if len(got) != 25 || fmt.Sprint(got[ids[0]]) != fmt.Sprint(pipeline.Engagement{pipeline.Likes: 1}) {
		t.Errorf("readings kept = %d (%v), want the 25 of the first call", len(got), got[ids[0]])
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.postsCalls) != 2 {
		t.Errorf("%d getPosts calls, want 2: the reading stops at the rate limit", len(f.postsCalls))
	}
}

// TestMeasureFindsItsWay follows the PDS's answers: Bluesky's AppView
// through the header, the PDS's own one, or none at all (then alice's
// posts are counted from the PDS: the fake has no likes, so all zero).
func TestMeasureFindsItsWay(t *testing.T) {
	t.Parallel()
	seen := pipeline.Engagement{pipeline.Likes: 1}
	zero := pipeline.Engagement{pipeline.Likes: 0, pipeline.Reposts: 0, pipeline.Replies: 0, pipeline.Quotes: 0}
	tests := []struct {
		name     string
		appview  string          // the option
		appViews map[string]bool // what the PDS can serve
		notImpl  bool            // getPosts answers 501 MethodNotImplemented
		want     pipeline.Engagement
		proxies  []string // the atproto-proxy headers of the calls, two Measures
		err      string
	}{
		{"Bluesky's AppView", "", map[string]bool{defaultAppView: true}, false, seen,
			[]string{defaultAppView, defaultAppView}, ""},
		{"the PDS's own AppView", "", map[string]bool{"": true}, false, seen,
			[]string{defaultAppView, defaultAppView, defaultAppView, "", ""}, ""},
		{"none: counted on the PDS", "", map[string]bool{}, false, zero,
			[]string{defaultAppView, defaultAppView, defaultAppView, ""}, ""},
		// httpapi tries a GET answered 5xx three times, 501 too.
		{"method not implemented: counted on the PDS", "", nil, true, zero,
			[]string{defaultAppView, defaultAppView, defaultAppView}, ""},
		{"a configured AppView", "did:web:appview.example#bsky_appview", map[string]bool{"did:web:appview.example#bsky_appview": true}, false, seen,
			[]string{"did:web:appview.example#bsky_appview", "did:web:appview.example#bsky_appview"}, ""},
		{"a configured AppView the PDS cannot reach", "did:web:appview.example#bsky_appview", map[string]bool{"": true}, false, nil,
			[]string{"did:web:appview.example#bsky_appview", "did:web:appview.example#bsky_appview", "did:web:appview.example#bsky_appview"}, "HTTP 500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, s := newFakePDS(t)
			f.appViews = tt.appViews
			if tt.notImpl {
				f.postsErr = func(w http.ResponseWriter, n int) bool {
					xrpcErr(w, http.StatusNotImplemented, "MethodNotImplemented", "Method Not Implemented")
					return true
				}
			}
			c := fakeClient(t, s.URL, "good-password")
			if tt.appview != "" {
				c.AppView = tt.appview
			}
			m := pipeline.Message{Key: "k", Parts: []string{"mesurée"}}
			r, err := c.Publish(ctx(t), m)
			if err != nil {
				t.Fatal(err)
			}
			f.mu.Lock()
			f.views[r.ID] = map[string]int64{"likeCount": 1}
			f.mu.Unlock()
			ids := []string{r.ID, fakePost(99)} // the second one is nowhere
			for i := 0; i < 2; i++ {
				got, err := c.Measure(ctx(t), ids)
				if tt.err != "" {
					if err == nil || !strings.Contains(err.Error(), tt.err) || len(got) != 0 {
						t.Fatalf("Measure = %v, %v; want an error saying %q", got, err, tt.err)
					}
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 1 || fmt.Sprint(got[r.ID]) != fmt.Sprint(tt.want) {
					t.Errorf("Measure %d = %v, want only %s: %v", i+1, got, r.ID, tt.want)
				}
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			var proxies []string
			for _, call := range f.postsCalls {
				proxies = append(proxies, call.proxy)
			}
			if fmt.Sprint(proxies) != fmt.Sprint(tt.proxies) {
				t.Errorf("getPosts calls with atproto-proxy %q, want %q", proxies, tt.proxies)
			}
		})
	}
}

func TestMeasureAtAnAppViewURL(t *testing.T) {
	t.Parallel()
	pdsFake, pdsServer := newFakePDS(t)
	appview, appviewServer := newFakePDS(t)
	appview.views[fakePost(1)] = map[string]int64{"likeCount": 4, "repostCount": 1}
	cc := pipeline.ChannelConfig{Name: "bsky", Type: "bluesky", Secrets: map[string]string{"app_password": "BLUESKY_APP_PASSWORD"},
		Options: map[string]string{"handle": "alice.test", "service": pdsServer.URL, "appview": appviewServer.URL + "/"}}
	c, err := FromConfig(cc, map[string]string{"app_password": "good-password"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Measure(ctx(t), []string{fakePost(1), fakePost(2)})
	if err != nil || fmt.Sprint(got) != fmt.Sprint(map[string]pipeline.Engagement{fakePost(1): {pipeline.Likes: 4, pipeline.Reposts: 1}}) {
		t.Errorf("Measure = %v, %v", got, err)
	}
	appview.mu.Lock()
	defer appview.mu.Unlock()
	pdsFake.mu.Lock()
	defer pdsFake.mu.Unlock()
	if len(appview.postsCalls) != 1 || appview.postsCalls[0].token != "" || appview.postsCalls[0].proxy != "" {
		t.Errorf("AppView asked %+v, want one call without token or atproto-proxy", appview.postsCalls)
	}
	if pdsFake.logins != 0 || len(pdsFake.postsCalls) != 0 {
		t.Errorf("the PDS was asked (%d logins, %d getPosts): the AppView's URL needs no session", pdsFake.logins, len(pdsFake.postsCalls))
	}
}

func TestAppViewOption(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ option, want, err string }{
		{"", defaultAppView, ""},
		{"did:web:appview.example#bsky_appview", "did:web:appview.example#bsky_appview", ""},
		{"https://public.api.bsky.app/", "https://public.api.bsky.app", ""},
		{"did:web:appview.example", "", "is not a service reference such as did:web:api.bsky.app#bsky_appview"},
		{"did:web:a#b#c", "", "is not a service reference"},
		{"public.api.bsky.app", "", `option appview "public.api.bsky.app" is neither a service reference`},
	} {
		cc := pipeline.ChannelConfig{Name: "bsky", Type: "bluesky", Secrets: map[string]string{"app_password": "BSKY_PW"},
			Options: map[string]string{"handle": "alice.test", "appview": tt.option}}
		c, err := FromConfig(cc, map[string]string{"app_password": "pw"}, nil)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("appview %q: err = %v, want it to say %q", tt.option, err, tt.err)
		case tt.err == "" && (err != nil || c.AppView != tt.want):
			t.Errorf("appview %q: %v, AppView %q; want %q", tt.option, err, c.AppView, tt.want)
		}
	}
}
