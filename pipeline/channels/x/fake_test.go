package x

// fakeX is a stand-in for api.x.com that follows the X API v2
// documentation (docs.x.com, the xdevplatform/docs repository and its
// openapi.json):
//   - x-api/posts/create-post: POST /2/tweets, a JSON body with no other
//     fields than text, media{media_ids (1 to 4)}, reply{in_reply_to_tweet_id};
//     201 {data{id, text, edit_history_tweet_ids}}; 403 "You are not
//     allowed to create a Tweet with duplicate content." for a text the
//     account has out; links replaced by t.co links and & < > escaped in
//     the stored text, as the API returns it;
//   - x-api/posts/delete-post: DELETE /2/tweets/:id → 200 {data{deleted}},
//     404 resource-not-found for a post that is not there;
//   - x-api/media/upload-media: POST /2/media/upload, multipart/form-data
//     with media and media_category (tweet_image, tweet_gif…) and no
//     other field but additional_owners; 5 MB per image, 15 MB per GIF;
//   - x-api/media/create-media-metadata: POST /2/media/metadata
//     {id, metadata{alt_text{text ≤ 1000 characters}}};
//   - x-api/users/get-my-user: GET /2/users/me;
//   - timelines: GET /2/users/:id/tweets with max_results (5 to 100),
//     start_time, exclude, tweet.fields, pagination_token; newest first;
//     the Post fields of fundamentals/data-dictionary (created_at,
//     referenced_tweets [{type: replied_to, id}], note_tweet…);
//   - x-api/posts/get-posts-by-ids (openapi.json getPostsByIds) and
//     posts/lookup/integrate: GET /2/tweets?ids= (1 to 100 numeric ids,
//     comma-separated) with tweet.fields, expansions, media.fields,
//     poll.fields, user.fields, place.fields; 200 {data[…], errors[…]}: a
//     post deleted or not found is left out of data and named in errors
//     (resource-not-found, "Could not find tweet with id: [id]."), an
//     edited post answers with its latest version and its
//     edit_history_tweet_ids; fundamentals/metrics and data-dictionary:
//     public_metrics {retweet_count, reply_count, like_count, quote_count,
//     bookmark_count, impression_count};
//   - fundamentals/rate-limits: x-rate-limit-limit, -remaining and -reset
//     (Unix seconds) on every answer; 429 {title: Too Many Requests, …};
//   - response-codes-and-errors: problem bodies {title, detail, type, status};
//   - oauth-1-0a/authorizing-a-request and creating-a-signature (RFC
//     5849): every request carries an OAuth 1.0a Authorization header
//     whose HMAC-SHA1 signature is checked here, with code of its own,
//     over the method, base URI, query, form body (never a JSON or
//     multipart one) and oauth_* parameters; a nonce seen before or a
//     timestamp more than 5 minutes off is refused with 401.

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// The test account's secrets: none of them may appear in an error or a receipt.
const (
	consumerKey       = "ck-Xq8LNPzVb2"
	consumerSecret    = "cs-9gH2kJd7Lp0QrS4tUvW"
	accessToken       = "1500000000000000001-atAbCdEfGhIj"
	accessTokenSecret = "ats-ZyXwVuTsRqPo98"
)

type fakeTweet struct {
	ID      string
	Sent    string // the text as received
	Text    string // the text as the API returns it
	ReplyTo string
	Media   []string
	Created time.Time
	Deleted bool
	History []string         // earlier ids of the post, when it was edited on x.com
	Public  map[string]int64 // public_metrics counts other than 0
	Omit    []string         // public_metrics counts the answer leaves out
}

type fakeMedia struct {
	Bytes    []byte
	Category string
	Alt      string
}

// answer is a scripted answer given instead of the route's own, after
// skip calls to the route went through.
type answer struct {
	skip   int
	status int
	header map[string]string
	body   string
}

type fakeX struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	clock     time.Time // creation time of the next post
	seq       int
	userID    string
	username  string
	media     map[string]*fakeMedia
	tweets    []*fakeTweet
	nonces    map[string]bool
	calls     []string
	authFails int
	script    map[string][]*answer
	links     int
}

func newFakeX(t *testing.T) *fakeX {
	t.Helper()
	f := &fakeX{t: t, clock: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), userID: "1500000000000000001", username: "crieur_app",
		media: map[string]*fakeMedia{}, nonces: map[string]bool{}, script: map[string][]*answer{}}
	mux := http.NewServeMux()
	f.handle(mux, "POST /2/tweets", f.createTweet)
	f.handle(mux, "DELETE /2/tweets/{id}", f.deleteTweet)
	f.handle(mux, "POST /2/media/upload", f.upload)
	f.handle(mux, "POST /2/media/metadata", f.metadata)
	f.handle(mux, "GET /2/users/me", f.me)
	f.handle(mux, "GET /2/tweets", f.lookup)
	f.handle(mux, "GET /2/users/{id}/tweets", f.timeline)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// then scripts the answers of the next calls to a route ("POST /2/tweets").
func (f *fakeX) then(route string, a ...*answer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[route] = append(f.script[route], a...)
}

func (f *fakeX) handle(mux *http.ServeMux, route string, h func(w http.ResponseWriter, r *http.Request)) {
	mux.HandleFunc(route, func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.calls = append(f.calls, route)
		reset := time.Now().Add(15 * time.Minute).Unix()
		w.Header().Set("x-rate-limit-limit", "100")
		w.Header().Set("x-rate-limit-remaining", "99")
		w.Header().Set("x-rate-limit-reset", strconv.FormatInt(reset, 10))
		if err := f.verify(r); err != nil {
			f.authFails++
			f.t.Logf("fake X: %s refused: %v", route, err)
			problem(w, http.StatusUnauthorized, "Unauthorized", "Unauthorized", "about:blank")
			return
		}
		if q := f.script[route]; len(q) > 0 {
			if q[0].skip > 0 {
				q[0].skip--
			} else {
				a := q[0]
				f.script[route] = q[1:]
				for k, v := range a.header {
					w.Header().Set(k, v)
				}
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				w.WriteHeader(a.status)
				io.WriteString(w, a.body)
				return
			}
		}
		h(w, r)
	})
}

func problem(w http.ResponseWriter, status int, title, detail, typ string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"title": title, "detail": detail, "type": typ, "status": status})
}

func invalid(w http.ResponseWriter, detail string) {
	problem(w, http.StatusBadRequest, "Invalid Request", detail, "https://api.x.com/2/problems/invalid-request")
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// rfc3986 percent-encodes as RFC 5849 §3.6 asks, written apart from the
// adapter's own encoder so that a shared mistake cannot pass unseen.
func rfc3986(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// verify checks the OAuth 1.0a signature of a request (RFC 5849 §3.2).
func (f *fakeX) verify(r *http.Request) error {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "OAuth ") {
		return fmt.Errorf("no OAuth Authorization header")
	}
	oauth := map[string]string{}
	for _, kv := range strings.Split(strings.TrimPrefix(h, "OAuth "), ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok || len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
			return fmt.Errorf("malformed parameter %q", kv)
		}
		dv, err := url.PathUnescape(v[1 : len(v)-1])
		if err != nil {
			return err
		}
		oauth[k] = dv
	}
	switch {
	case oauth["oauth_consumer_key"] != consumerKey:
		return fmt.Errorf("unknown consumer key")
	case oauth["oauth_token"] != accessToken:
		return fmt.Errorf("unknown token")
	case oauth["oauth_signature_method"] != "HMAC-SHA1":
		return fmt.Errorf("signature method %q", oauth["oauth_signature_method"])
	case oauth["oauth_version"] != "" && oauth["oauth_version"] != "1.0":
		return fmt.Errorf("version %q", oauth["oauth_version"])
	case oauth["oauth_nonce"] == "":
		return fmt.Errorf("no nonce")
	}
	ts, err := strconv.ParseInt(oauth["oauth_timestamp"], 10, 64)
	if err != nil || time.Since(time.Unix(ts, 0)).Abs() > 5*time.Minute {
		return fmt.Errorf("timestamp %q out of bounds", oauth["oauth_timestamp"])
	}
	if f.nonces[oauth["oauth_nonce"]] {
		return fmt.Errorf("nonce %q used already", oauth["oauth_nonce"])
	}
	f.nonces[oauth["oauth_nonce"]] = true
	params := r.URL.Query()
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return err
		}
		for k, vs := range form {
			params[k] = append(params[k], vs...)
		}
	}
	for k, v := range oauth {
		if k != "oauth_signature" && k != "realm" {
			params.Add(k, v)
		}
	}
	type pair struct{ k, v string }
	var pairs []pair
	for k, vs := range params {
		for _, v := range vs {
			pairs = append(pairs, pair{rfc3986(k), rfc3986(v)})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k == pairs[j].k {
			return pairs[i].v < pairs[j].v
		}
		return pairs[i].k < pairs[j].k
	})
	var norm []string
	for _, p := range pairs {
		norm = append(norm, p.k+"="+p.v)
	}
	base := r.Method + "&" + rfc3986("http://"+r.Host+r.URL.EscapedPath()) + "&" + rfc3986(strings.Join(norm, "&"))
	mac := hmac.New(sha1.New, []byte(rfc3986(consumerSecret)+"&"+rfc3986(accessTokenSecret)))
	mac.Write([]byte(base))
	if want := base64.StdEncoding.EncodeToString(mac.Sum(nil)); oauth["oauth_signature"] != want {
		return fmt.Errorf("signature %q, want %q over %s", oauth["oauth_signature"], want, base)
	}
	return nil
}

// newID makes a Snowflake id at the fake's clock.
func (f *fakeX) newID() string {
	f.seq++
	ms := f.clock.UnixMilli() - snowflake0
	return strconv.FormatUint(uint64(ms)<<22|uint64(f.seq), 10)
}

var urlRE = regexp.MustCompile(`https?://\S+`)

// stored is a text as the API returns it: links replaced by t.co links,
// & < > escaped.
func (f *fakeX) stored(text string) string {
	text = urlRE.ReplaceAllStringFunc(text, func(string) string {
		f.links++
		return fmt.Sprintf("https://t.co/Ab%08d", f.links)
	})
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(text)
}

func (f *fakeX) find(id string) *fakeTweet {
	for _, t := range f.tweets {
		if t.ID == id && !t.Deleted {
			return t
		}
	}
	return nil
}

// live returns the posts that are out, in the order they were made.
func (f *fakeX) live() []*fakeTweet {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*fakeTweet
	for _, t := range f.tweets {
		if !t.Deleted {
			out = append(out, t)
		}
	}
	return out
}

func (f *fakeX) count(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == route {
			n++
		}
	}
	return n
}

func isJSON(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "application/json"
}

func (f *fakeX) createTweet(w http.ResponseWriter, r *http.Request) {
	if !isJSON(r) {
		invalid(w, "Content-Type must be application/json")
		return
	}
	var body struct {
		Text  *string `json:"text"`
		Media *struct {
			MediaIDs []string `json:"media_ids"`
		} `json:"media"`
		Reply *struct {
			InReplyToTweetID string `json:"in_reply_to_tweet_id"`
		} `json:"reply"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		invalid(w, "invalid request body: "+err.Error())
		return
	}
	text := ""
	if body.Text != nil {
		text = *body.Text
	}
	var media []string
	if body.Media != nil {
		media = body.Media.MediaIDs
		if len(media) < 1 || len(media) > 4 {
			invalid(w, "media.media_ids must hold 1 to 4 ids")
			return
		}
		for _, id := range media {
			if f.media[id] == nil {
				invalid(w, "media id "+id+" is not known")
				return
			}
		}
	}
	if text == "" && len(media) == 0 {
		invalid(w, "text or media is required")
		return
	}
	replyTo := ""
	if body.Reply != nil {
		replyTo = body.Reply.InReplyToTweetID
		if f.find(replyTo) == nil {
			problem(w, http.StatusForbidden, "Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to you.", "about:blank")
			return
		}
	}
	for _, t := range f.tweets {
		if !t.Deleted && t.Sent == text {
			problem(w, http.StatusForbidden, "Forbidden", "You are not allowed to create a Tweet with duplicate content.", "about:blank")
			return
		}
	}
	t := &fakeTweet{ID: f.newID(), Sent: text, Text: f.stored(text), ReplyTo: replyTo, Media: media, Created: f.clock}
	f.clock = f.clock.Add(time.Second)
	f.tweets = append(f.tweets, t)
	reply(w, http.StatusCreated, map[string]any{"data": map[string]any{"id": t.ID, "text": t.Text, "edit_history_tweet_ids": []string{t.ID}}})
}

func (f *fakeX) deleteTweet(w http.ResponseWriter, r *http.Request) {
	t := f.find(r.PathValue("id"))
	if t == nil {
		problem(w, http.StatusNotFound, "Not Found Error", "Could not find tweet with id: ["+r.PathValue("id")+"].", "https://api.x.com/2/problems/resource-not-found")
		return
	}
	t.Deleted = true
	reply(w, http.StatusOK, map[string]any{"data": map[string]any{"deleted": true}})
}

func (f *fakeX) upload(w http.ResponseWriter, r *http.Request) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		invalid(w, "the body must be multipart/form-data")
		return
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		invalid(w, err.Error())
		return
	}
	for k := range r.MultipartForm.Value {
		if k != "media_category" && k != "additional_owners" {
			invalid(w, "unknown field "+k)
			return
		}
	}
	for k := range r.MultipartForm.File {
		if k != "media" {
			invalid(w, "unknown file field "+k)
			return
		}
	}
	cat := r.FormValue("media_category")
	limit := map[string]int64{"tweet_image": 5 << 20, "tweet_gif": 15 << 20, "dm_image": 5 << 20}[cat]
	if limit == 0 {
		invalid(w, "media_category "+cat+" is not one of tweet_image, tweet_video, tweet_gif, dm_image, dm_video, dm_gif, subtitles")
		return
	}
	file, hdr, err := r.FormFile("media")
	if err != nil {
		invalid(w, "media is required")
		return
	}
	data, _ := io.ReadAll(file)
	if hdr.Size > limit {
		invalid(w, "media is too large")
		return
	}
	f.seq++
	id := strconv.Itoa(1900000000000000000 + f.seq)
	f.media[id] = &fakeMedia{Bytes: data, Category: cat}
	reply(w, http.StatusOK, map[string]any{"data": map[string]any{"id": id, "media_key": "3_" + id, "size": len(data),
		"expires_after_secs": 86400, "image": map[string]any{"image_type": "image/png", "w": 1, "h": 1}}})
}

func (f *fakeX) metadata(w http.ResponseWriter, r *http.Request) {
	if !isJSON(r) {
		invalid(w, "Content-Type must be application/json")
		return
	}
	var body struct {
		ID       string `json:"id"`
		Metadata *struct {
			AltText *struct {
				Text string `json:"text"`
			} `json:"alt_text"`
		} `json:"metadata"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		invalid(w, "invalid request body: "+err.Error())
		return
	}
	m := f.media[body.ID]
	if m == nil {
		problem(w, http.StatusNotFound, "Not Found Error", "Could not find media with id: ["+body.ID+"].", "https://api.x.com/2/problems/resource-not-found")
		return
	}
	if body.Metadata == nil || body.Metadata.AltText == nil {
		invalid(w, "metadata.alt_text is required")
		return
	}
	if utf8.RuneCountInString(body.Metadata.AltText.Text) > 1000 {
		invalid(w, "alt_text.text must be at most 1000 characters")
		return
	}
	m.Alt = body.Metadata.AltText.Text
	reply(w, http.StatusOK, map[string]any{"data": map[string]any{"id": body.ID, "associated_metadata": map[string]any{"alt_text": map[string]any{"text": m.Alt}}}})
}

func (f *fakeX) me(w http.ResponseWriter, r *http.Request) {
	reply(w, http.StatusOK, map[string]any{"data": map[string]any{"id": f.userID, "name": "Crieur", "username": f.username}})
}

// tweetFields are the Post fields of fundamentals/data-dictionary.
var tweetFields = map[string]bool{"attachments": true, "author_id": true, "context_annotations": true, "conversation_id": true,
	"created_at": true, "edit_controls": true, "edit_history_tweet_ids": true, "entities": true, "geo": true, "id": true,
	"in_reply_to_user_id": true, "lang": true, "non_public_metrics": true, "note_tweet": true, "organic_metrics": true,
	"possibly_sensitive": true, "promoted_metrics": true, "public_metrics": true, "referenced_tweets": true,
	"reply_settings": true, "source": true, "text": true, "withheld": true}

func (f *fakeX) timeline(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("id") != f.userID {
		problem(w, http.StatusNotFound, "Not Found Error", "Could not find user with id: ["+r.PathValue("id")+"].", "https://api.x.com/2/problems/resource-not-found")
		return
	}
	q := r.URL.Query()
	for k := range q {
		switch k {
		case "max_results", "pagination_token", "start_time", "end_time", "since_id", "until_id", "exclude", "tweet.fields", "expansions", "user.fields", "media.fields":
		default:
			invalid(w, "unknown parameter "+k)
			return
		}
	}
	max := 10
	if s := q.Get("max_results"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 5 || n > 100 {
			invalid(w, "max_results must be a number between 5 and 100")
			return
		}
		max = n
	}
	var since time.Time
	if s := q.Get("start_time"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			invalid(w, "start_time must be an RFC 3339 time")
			return
		}
		since = t
	}
	fields := map[string]bool{}
	for _, fl := range strings.Split(q.Get("tweet.fields"), ",") {
		if fl != "" && !tweetFields[fl] {
			invalid(w, "The `tweet.fields` query parameter value ["+fl+"] is not one of the documented Post fields")
			return
		}
		fields[fl] = true
	}
	exclude := q.Get("exclude")
	var list []*fakeTweet
	for i := len(f.tweets) - 1; i >= 0; i-- {
		t := f.tweets[i]
		if t.Deleted || t.Created.Before(since) || strings.Contains(exclude, "replies") && t.ReplyTo != "" {
			continue
		}
		list = append(list, t)
	}
	start := 0
	if tok := q.Get("pagination_token"); tok != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(tok, "page"))
		if err != nil {
			invalid(w, "pagination_token is not valid")
			return
		}
		start = n
	}
	end := min(start+max, len(list))
	var data []map[string]any
	for _, t := range list[start:end] {
		d := map[string]any{"id": t.ID, "text": t.Text, "edit_history_tweet_ids": []string{t.ID}}
		if fields["created_at"] {
			d["created_at"] = t.Created.Format("2006-01-02T15:04:05.000Z")
		}
		if fields["referenced_tweets"] && t.ReplyTo != "" {
			d["referenced_tweets"] = []map[string]string{{"type": "replied_to", "id": t.ReplyTo}}
		}
		data = append(data, d)
	}
	meta := map[string]any{"result_count": len(data)}
	if len(data) > 0 {
		meta["newest_id"], meta["oldest_id"] = data[0]["id"], data[len(data)-1]["id"]
	}
	if end < len(list) {
		meta["next_token"] = "page" + strconv.Itoa(end)
	}
	out := map[string]any{"meta": meta}
	if len(data) > 0 {
		out["data"] = data
	}
	reply(w, http.StatusOK, out)
}

// lookup answers GET /2/tweets?ids=… (x-api/posts/get-posts-by-ids).
func (f *fakeX) lookup(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for k, v := range q {
		switch k {
		case "ids", "tweet.fields", "expansions", "media.fields", "poll.fields", "user.fields", "place.fields":
			if len(v) != 1 {
				invalid(w, "The `"+k+"` query parameter can only be given once")
				return
			}
		default:
			invalid(w, "The query parameters ["+k+"] is not one of [ids,tweet.fields,expansions,media.fields,poll.fields,user.fields,place.fields]")
			return
		}
	}
	ids := strings.Split(q.Get("ids"), ",")
	if q.Get("ids") == "" || len(ids) > 100 {
		invalid(w, "The `ids` query parameter value must hold 1 to 100 ids")
		return
	}
	for _, id := range ids {
		if _, err := strconv.ParseUint(id, 10, 64); err != nil || len(id) > 19 {
			invalid(w, "The `ids` query parameter value ["+id+"] is not valid")
			return
		}
	}
	fields := map[string]bool{}
	for _, fl := range strings.Split(q.Get("tweet.fields"), ",") {
		if fl != "" && !tweetFields[fl] {
			invalid(w, "The `tweet.fields` query parameter value ["+fl+"] is not one of the documented Post fields")
			return
		}
		fields[fl] = true
	}
	var data, errs []map[string]any
	for _, id := range ids {
		var t *fakeTweet
		for _, c := range f.tweets {
			if !c.Deleted && (c.ID == id || slices.Contains(c.History, id)) {
				t = c
			}
		}
		if t == nil {
			errs = append(errs, map[string]any{"value": id, "detail": "Could not find tweet with id: [" + id + "].", "title": "Not Found Error",
				"resource_type": "tweet", "parameter": "ids", "resource_id": id, "type": "https://api.x.com/2/problems/resource-not-found"})
			continue
		}
		d := map[string]any{"id": t.ID, "text": t.Text, "edit_history_tweet_ids": append(slices.Clone(t.History), t.ID)}
		if fields["public_metrics"] {
			m := map[string]int64{"retweet_count": 0, "reply_count": 0, "like_count": 0, "quote_count": 0, "bookmark_count": 0, "impression_count": 0}
			for k, v := range t.Public {
				m[k] = v
			}
			for _, k := range t.Omit {
				delete(m, k)
			}
			d["public_metrics"] = m
		}
		data = append(data, d)
	}
	out := map[string]any{}
	if len(data) > 0 {
		out["data"] = data
	}
	if len(errs) > 0 {
		out["errors"] = errs
	}
	reply(w, http.StatusOK, out)
}
