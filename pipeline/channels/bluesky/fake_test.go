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
//     ratelimit-policy headers.

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
	// what the fake saw
	logins, refreshes, creates int
	records                    map[string]json.RawMessage // rkey -> record
	tokens                     int
}

const fakeDID = "did:plc:fakealice"

func newFakePDS(t *testing.T) (*fakePDS, *httptest.Server) {
	f := &fakePDS{t: t, expired: map[string]bool{}, records: map[string]json.RawMessage{}}
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
	c.http.Wait = func(context.Context, time.Duration) error { return nil }
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
