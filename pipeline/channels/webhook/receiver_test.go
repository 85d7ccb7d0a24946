package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// receiver is a user's endpoint written from this package's documentation
// (doc.go, the contract) alone, as a reader of it would write one, with
// the signature checked as GitHub's "Validating webhook deliveries" shows:
//
//   - POST /hooks/<token>/publish: Content-Type application/json,
//     Idempotency-Key equal to the body's key, X-Crieur-Signature
//     "sha256=<hex HMAC-SHA256 of the raw body>" when a secret is set
//     (401 otherwise); the body decoded strictly (unknown fields → 400
//     {"error": …}); a key seen before is answered with the same
//     {"id", "url"} and not acted upon twice.
//   - POST /hooks/<token>/retract: {"action": "retract", "key", "id"};
//     404 when the id is unknown.
//   - GET /hooks/<token>/find?key=…: 200 {"id", "url"} or 404; the
//     signature is over the raw query string.
type receiver struct {
	t      *testing.T
	token  string // in the path: the URL is a secret
	secret string // "" when signatures are not checked

	mu        sync.Mutex
	received  []Delivery // acted upon, once per key
	byKey     map[string]string
	retracted []Retraction
	requests  int
	idKeys    []string // Idempotency-Key headers seen
	agents    []string
	// answer, when set, replaces the publish answer: status and body.
	answer func(n int) (int, http.Header, string)
	// conflict answers a repeated key with 409 instead of 200.
	conflict bool
}

func newReceiver(t *testing.T, secret string) (*receiver, *httptest.Server) {
	rc := &receiver{t: t, token: "tok-Zz9SeCrEt", secret: secret, byKey: map[string]string{}}
	ts := httptest.NewServer(rc)
	t.Cleanup(ts.Close)
	return rc, ts
}

func (rc *receiver) base(ts *httptest.Server) string { return ts.URL + "/hooks/" + rc.token }

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (rc *receiver) verify(r *http.Request, signed []byte) bool {
	if rc.secret == "" {
		return true
	}
	mac := hmac.New(sha256.New, []byte(rc.secret))
	mac.Write(signed)
	want := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(r.Header.Get("X-Crieur-Signature")))
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.requests++
	rc.agents = append(rc.agents, r.Header.Get("User-Agent"))
	prefix := "/hooks/" + rc.token + "/"
	if !strings.HasPrefix(r.URL.Path, prefix) {
		reply(w, http.StatusNotFound, map[string]string{"error": "no such hook"})
		return
	}
	action := strings.TrimPrefix(r.URL.Path, prefix)
	body, _ := io.ReadAll(r.Body)
	signed := body
	if r.Method == http.MethodGet {
		signed = []byte(r.URL.RawQuery)
	}
	if !rc.verify(r, signed) {
		reply(w, http.StatusUnauthorized, map[string]string{"error": "bad signature"})
		return
	}
	switch {
	case action == "publish" && r.Method == http.MethodPost:
		if r.Header.Get("Content-Type") != "application/json" {
			reply(w, http.StatusUnsupportedMediaType, map[string]string{"error": "JSON please"})
			return
		}
		var d Delivery
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil || d.Action != "publish" || len(d.Key) == 0 || d.Parts == nil || d.Media == nil {
			reply(w, http.StatusBadRequest, map[string]string{"error": "bad delivery"})
			return
		}
		// Every documented field is present, even when empty.
		var raw map[string]json.RawMessage
		json.Unmarshal(body, &raw)
		for _, f := range []string{"action", "key", "post", "channel", "lang", "parts", "first_comment", "media", "published_at"} {
			if _, ok := raw[f]; !ok {
				reply(w, http.StatusBadRequest, map[string]string{"error": "missing " + f})
				return
			}
		}
		rc.idKeys = append(rc.idKeys, r.Header.Get("Idempotency-Key"))
		if r.Header.Get("Idempotency-Key") != d.Key {
			reply(w, http.StatusBadRequest, map[string]string{"error": "Idempotency-Key differs from the key"})
			return
		}
		if rc.answer != nil {
			if status, h, text := rc.answer(rc.requests); status != 0 {
				for k, vs := range h {
					w.Header()[k] = vs
				}
				w.WriteHeader(status)
				io.WriteString(w, text)
				return
			}
		}
		if id, seen := rc.byKey[d.Key]; seen {
			status := http.StatusOK
			if rc.conflict {
				status = http.StatusConflict
			}
			reply(w, status, map[string]string{"id": id, "url": "https://intranet.example/posts/" + id})
			return
		}
		id := "evt_" + d.Key[:8]
		rc.byKey[d.Key] = id
		rc.received = append(rc.received, d)
		reply(w, http.StatusCreated, map[string]string{"id": id, "url": "https://intranet.example/posts/" + id})
	case action == "retract" && r.Method == http.MethodPost:
		var rt Retraction
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rt); err != nil || rt.Action != "retract" || r.Header.Get("Idempotency-Key") != "" {
			reply(w, http.StatusBadRequest, map[string]string{"error": "bad retraction"})
			return
		}
		if rc.byKey[rt.Key] != rt.ID {
			reply(w, http.StatusNotFound, map[string]string{"error": "unknown publication"})
			return
		}
		delete(rc.byKey, rt.Key)
		rc.retracted = append(rc.retracted, rt)
		w.WriteHeader(http.StatusNoContent)
	case action == "find" && r.Method == http.MethodGet:
		id, ok := rc.byKey[r.URL.Query().Get("key")]
		if !ok {
			reply(w, http.StatusNotFound, map[string]string{"error": "not found"})
			return
		}
		reply(w, http.StatusOK, map[string]string{"id": id, "url": "https://intranet.example/posts/" + id})
	default:
		reply(w, http.StatusMethodNotAllowed, map[string]string{"error": "method"})
	}
}
