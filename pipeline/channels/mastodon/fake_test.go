package mastodon

// A fake Mastodon server for what GoToSocial cannot be made to do: an
// image still processing (202, then 206), a rate limit, a validation error,
// a server error. It follows docs.joinmastodon.org:
//   - methods/accounts: GET /api/v1/accounts/verify_credentials,
//     GET /api/v1/accounts/:id/statuses;
//   - methods/media: POST /api/v2/media (multipart file, description)
//     answers 200 with url, or 202 with url null while processing;
//     GET /api/v1/media/:id answers 206 until processed, then 200;
//   - methods/statuses: POST /api/v1/statuses (form status, media_ids[],
//     visibility, language, in_reply_to_id; Idempotency-Key), 422 with
//     {"error": "Validation failed: …"};
//   - api/rate-limits: X-RateLimit-Limit, X-RateLimit-Remaining and
//     X-RateLimit-Reset (ISO 8601) on every answer, 429 when exceeded;
//   - Authorization: Bearer, 401 {"error": "The access token is invalid"}.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

type fakeMastodon struct {
	mu sync.Mutex
	// what the test sets
	statusErr  func(w http.ResponseWriter) bool
	mediaPolls int // GET /api/v1/media/:id answers 206 this many times
	// what the fake saw
	statuses []url.Values
	alts     []string
	polls    int
	idem     []string
}

const fakeToken = "fake-token-Qm31"

func newFakeMastodon(t *testing.T) (*fakeMastodon, *Client) {
	f := &fakeMastodon{}
	s := httptest.NewServer(f)
	t.Cleanup(s.Close)
	c, err := FromConfig(pipeline.ChannelConfig{Name: "masto", Type: "mastodon", Secrets: map[string]string{"token": "MASTODON_TOKEN"},
		Options: map[string]string{"server": s.URL, "visibility": "unlisted"}}, map[string]string{"token": fakeToken}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Sleep = func(context.Context, time.Duration) error { return nil }
	c.http.Sleep = func(context.Context, time.Duration) error { return nil }
	return f, c
}

func apiErr(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func (f *fakeMastodon) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("X-RateLimit-Limit", "300")
	w.Header().Set("X-RateLimit-Remaining", "299")
	w.Header().Set("X-RateLimit-Reset", time.Now().Add(5*time.Minute).UTC().Format(time.RFC3339))
	if r.Header.Get("Authorization") != "Bearer "+fakeToken {
		apiErr(w, http.StatusUnauthorized, "The access token is invalid")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/accounts/verify_credentials":
		io.WriteString(w, `{"id":"1","username":"alice","acct":"alice"}`)
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/accounts/1/statuses":
		if r.URL.Query().Get("exclude_replies") != "false" {
			apiErr(w, http.StatusBadRequest, "the look-up must see replies")
			return
		}
		io.WriteString(w, `[]`)
	case r.Method == http.MethodPost && r.URL.Path == "/api/v2/media":
		file, hdr, err := r.FormFile("file")
		if err != nil {
			apiErr(w, http.StatusUnprocessableEntity, "Validation failed: File can't be blank")
			return
		}
		b, _ := io.ReadAll(file)
		if pipeline.ImageFormat(b) == "" || !strings.HasPrefix(hdr.Header.Get("Content-Type"), "image/") {
			apiErr(w, http.StatusUnprocessableEntity, "Validation failed: File content type is invalid")
			return
		}
		f.alts = append(f.alts, r.FormValue("description"))
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, `{"id":"m%d","type":"image","url":null,"description":%q}`, len(f.alts), r.FormValue("description"))
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v1/media/"):
		f.polls++
		id := strings.TrimPrefix(r.URL.Path, "/api/v1/media/")
		if f.polls <= f.mediaPolls {
			w.WriteHeader(http.StatusPartialContent)
			fmt.Fprintf(w, `{"id":%q,"type":"image","url":null}`, id)
			return
		}
		fmt.Fprintf(w, `{"id":%q,"type":"image","url":"https://files.example/%s.png"}`, id, id)
	case r.Method == http.MethodPost && r.URL.Path == "/api/v1/statuses":
		if r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
			apiErr(w, http.StatusUnprocessableEntity, "unexpected content type")
			return
		}
		if err := r.ParseForm(); err != nil {
			apiErr(w, http.StatusBadRequest, err.Error())
			return
		}
		for k := range r.PostForm {
			switch k {
			case "status", "media_ids[]", "visibility", "language", "in_reply_to_id":
			default:
				apiErr(w, http.StatusUnprocessableEntity, "unknown parameter "+k)
				return
			}
		}
		if f.statusErr != nil && f.statusErr(w) {
			return
		}
		f.statuses = append(f.statuses, r.PostForm)
		f.idem = append(f.idem, r.Header.Get("Idempotency-Key"))
		n := len(f.statuses)
		reply := "null"
		if id := r.PostForm.Get("in_reply_to_id"); id != "" {
			reply = fmt.Sprintf("%q", id)
		}
		fmt.Fprintf(w, `{"id":"%d","url":"https://masto.example/@alice/%d","created_at":"2026-11-22T10:00:00.000Z","in_reply_to_id":%s,"content":"<p>x</p>"}`, n, n, reply)
	default:
		apiErr(w, http.StatusNotFound, "Record not found")
	}
}

func TestImagesStillProcessingAndTheFormSent(t *testing.T) {
	t.Parallel()
	f, c := newFakeMastodon(t)
	f.mediaPolls = 3
	key := strings.Repeat("ab", 32)
	m := pipeline.Message{Key: key, Lang: "fr-CA", Parts: []string{"Bonjour", "suite"}, FirstComment: "commentaire",
		Media: []pipeline.Attachment{{Path: writePNG(t, 4, 4), Name: "a.png", Alt: "première image"}, {Path: writePNG(t, 4, 4), Name: "b.png", Alt: "seconde"}}}
	r, err := c.Publish(ctx(t), m)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "1" || r.URL != "https://masto.example/@alice/1" || fmt.Sprint(r.Parts) != "[2 3]" || !r.At.Equal(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("receipt %+v", r)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if fmt.Sprint(f.alts) != "[première image seconde]" || f.polls != 5 {
		t.Errorf("alts %q, polls %d; want both alt texts, 3 answers 206 then 200 for the first, 200 for the second", f.alts, f.polls)
	}
	want := []string{
		"map[language:[fr] media_ids[]:[m1 m2] status:[Bonjour] visibility:[unlisted]]",
		"map[in_reply_to_id:[1] language:[fr] status:[suite] visibility:[unlisted]]",
		"map[in_reply_to_id:[1] language:[fr] status:[commentaire] visibility:[unlisted]]",
	}
	for i, w := range want {
		if i >= len(f.statuses) || fmt.Sprint(f.statuses[i]) != w {
			t.Errorf("status %d sent %v, want %s", i, f.statuses, w)
			break
		}
	}
	if fmt.Sprint(f.idem) != fmt.Sprintf("[%s %s-p1 %s-comment]", key, key, key) {
		t.Errorf("Idempotency-Key headers %v", f.idem)
	}
}

func TestFailuresOfPostStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		answer    func(w http.ResponseWriter) bool
		status    int
		temporary bool
		maybeSent bool
		retry     int // 1: RetryAfter set, 0: not set, -1: either
	}{
		{"rate limited", func(w http.ResponseWriter) bool {
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", time.Now().Add(3*time.Minute).UTC().Format(time.RFC3339))
			apiErr(w, http.StatusTooManyRequests, "Too many requests")
			return true
		}, http.StatusTooManyRequests, true, false, 1},
		{"too long", func(w http.ResponseWriter) bool {
			apiErr(w, http.StatusUnprocessableEntity, "Validation failed: Text character limit of 500 exceeded")
			return true
		}, http.StatusUnprocessableEntity, false, false, 0},
		{"server error", func(w http.ResponseWriter) bool {
			apiErr(w, http.StatusInternalServerError, "We're sorry, but something went wrong on our end.")
			return true
			// httpapi.Client reads X-RateLimit-Reset, which Mastodon
			// sends with every answer, on a 5xx too.
		}, http.StatusInternalServerError, true, true, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, c := newFakeMastodon(t)
			f.statusErr = tt.answer
			_, err := c.Publish(ctx(t), pipeline.Message{Key: "k", Parts: []string{"texte"}})
			fl := pipeline.AsFailure(err)
			if fl == nil || fl.Status != tt.status || fl.Temporary != tt.temporary || fl.MaybeSent != tt.maybeSent || tt.retry >= 0 && (fl.RetryAfter > 0) != (tt.retry == 1) {
				t.Fatalf("Publish = %v (%+v)", err, fl)
			}
			if tt.retry == 1 && (fl.RetryAfter < 2*time.Minute || fl.RetryAfter > 4*time.Minute) {
				t.Errorf("RetryAfter = %v, want about 3 min from X-RateLimit-Reset", fl.RetryAfter)
			}
			if strings.Contains(err.Error(), fakeToken) {
				t.Errorf("the token leaks: %v", err)
			}
		})
	}
}

func TestTooManyImages(t *testing.T) {
	t.Parallel()
	f, c := newFakeMastodon(t)
	img := pipeline.Attachment{Path: writePNG(t, 2, 2), Name: "a.png", Alt: "a"}
	_, err := c.Publish(ctx(t), pipeline.Message{Key: "k", Parts: []string{"x"}, Media: []pipeline.Attachment{img, img, img, img, img}})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Message, "at most 4") {
		t.Errorf("Publish with 5 images = %v", err)
	}
	if len(f.alts) != 0 || len(f.statuses) != 0 {
		t.Error("something was sent")
	}
}

func TestFingerprintIgnoresMarkup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, content string
		same                bool
	}{
		{"Mastodon's link and remote mention",
			"Voir https://example.org/page @bob@other.social & co #Été",
			`<p>Voir <a href="https://example.org/page" rel="nofollow noopener" translate="no" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.org/pa</span><span class="invisible">ge</span></a> <span class="h-card" translate="no"><a href="https://other.social/@bob" class="u-url mention">@<span>bob</span></a></span> &amp; co <a href="https://m.example/tags/%C3%A9t%C3%A9" class="mention hashtag" rel="tag">#<span>Été</span></a></p>`,
			true},
		{"GoToSocial's mention with a port",
			"salut @bob@localhost:8089\u202F!",
			`<p>salut <span class="h-card"><a href="http://localhost:8089/@bob" class="u-url mention">@<span>bob</span></a></span>&#8239;!</p>`,
			true},
		{"lines and paragraphs", "un\ndeux\n\ntrois", "<p>un<br>deux</p><p>trois</p>", true},
		{"another text", "Bonjour 1", "<p>Bonjour 2</p>", false},
		{"emoji only", "🎉🎉", "<p>🎉🎉</p>", true},
		{"emoji only, different", "🎉", "<p>🎂</p>", false},
	}
	for _, tt := range tests {
		if got := fingerprint(htmlText(tt.content)) == fingerprint(tt.text); got != tt.same {
			t.Errorf("%s: same = %v (%q vs %q)", tt.name, got, fingerprint(htmlText(tt.content)), fingerprint(tt.text))
		}
	}
}

func TestFromConfig(t *testing.T) {
	t.Parallel()
	base := pipeline.ChannelConfig{Name: "masto", Type: "mastodon", Secrets: map[string]string{"token": "MASTO_TOKEN"},
		Options: map[string]string{"server": "https://m.example/"}}
	tests := []struct {
		name    string
		edit    func(*pipeline.ChannelConfig)
		secrets map[string]string
		want    string
	}{
		{"no secret entry", func(c *pipeline.ChannelConfig) { c.Secrets = nil }, nil, "add secrets: {token: MSTDN_TOKEN} to channels.masto"},
		{"empty secret", nil, map[string]string{}, `secret "token" is empty: set the environment variable MASTO_TOKEN (crieur.yml: channels.masto.secrets.token); in GitHub, create the repository secret MASTO_TOKEN and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{"no server", func(c *pipeline.ChannelConfig) { c.Options = nil }, map[string]string{"token": "t"}, `option "server" is required`},
		{"bad server", func(c *pipeline.ChannelConfig) { c.Options = map[string]string{"server": "m.example"} }, map[string]string{"token": "t"}, `option server "m.example" is not an http(s) URL`},
		{"bad visibility", func(c *pipeline.ChannelConfig) {
			c.Options = map[string]string{"server": "https://m.example", "visibility": "secret"}
		}, map[string]string{"token": "t"}, `visibility "secret"`},
		{"bad find_within", func(c *pipeline.ChannelConfig) {
			c.Options = map[string]string{"server": "https://m.example", "find_within": "1 day"}
		}, map[string]string{"token": "t"}, `find_within "1 day"`},
	}
	for _, tt := range tests {
		cc := base
		cc.Secrets = map[string]string{"token": "MASTO_TOKEN"}
		if tt.edit != nil {
			tt.edit(&cc)
		}
		_, err := FromConfig(cc, tt.secrets, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to say %q", tt.name, err, tt.want)
		}
	}
	c, err := FromConfig(base, map[string]string{"token": "t"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Server != "https://m.example" || c.Visibility != "public" || c.FindWithin != 12*time.Hour {
		t.Errorf("defaults: %+v", c)
	}
}
