package threads

// fakeThreads is the Threads API for the tests, written from these pages
// of developers.facebook.com:
//
//   - docs/threads/posts: POST /{threads-user-id}/threads makes a
//     container (media_type TEXT, IMAGE or CAROUSEL; text, image_url,
//     is_carousel_item, children as a comma-separated list of 2 to 20 item
//     ids) and answers {"id"}; POST /{threads-user-id}/threads_publish
//     (creation_id) answers {"id"} of the post. Threads fetches image_url
//     itself ("it must be on a public server"); images are JPEG or PNG;
//     text posts are limited to 500 characters.
//   - docs/threads/posts/accessibility: alt_text on image containers, not
//     on text-only posts.
//   - docs/threads/retrieve-and-manage-replies/create-replies: reply_to_id
//     on a container makes a reply once published.
//   - docs/threads/retrieve-and-discover-posts/retrieve-posts and the User
//     reference: GET /{threads-user-id}/threads lists the user's posts (not
//     replies), newest first, with the fields asked (text, timestamp,
//     permalink); GET /{threads-media-id}?fields=permalink,timestamp.
//   - docs/threads/troubleshooting: GET /{container-id}?fields=status,error_message,
//     status one of EXPIRED, ERROR, FINISHED, IN_PROGRESS, PUBLISHED.
//   - The Reply Management reference: GET /{threads-media-id}/conversation
//     lists every reply under a post, nested ones too, flattened, with
//     replied_to {"id"} and is_reply_owned_by_me.
//   - docs/threads/posts/delete-posts: DELETE /{threads-media-id} answers
//     {"success":true,"deleted_id":…}.
//   - docs/threads/insights, "Media Insights": GET
//     /{threads-media-id}/insights?metric=a,b (views, likes, replies,
//     reposts, quotes, shares; threads_manage_insights) answers
//     {"data":[{"name","period":"lifetime","values":[{"value"}],"title",
//     "description","id"}]}.
//   - The Graph API's error body and throttling codes
//     (docs/graph-api/guides/error-handling, …/overview/rate-limiting);
//     an unknown object is 400 with code 100 and subcode 33.
//
// The token must come in "Authorization: Bearer"; a token in a URL fails
// the test. "me" is the token's user.

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

type fakeContainer struct {
	ID, MediaType, Text, ImageURL, Alt, ReplyTo string
	Item                                        bool
	Children                                    []string
	Polls, Pending                              int
	Final                                       string
	Published                                   bool
}

type fakePost struct {
	ID, Text, ReplyTo, Container string
	Created                      time.Time
	Deleted                      bool
	Foreign                      bool             // someone else's reply
	Insights                     map[string]int64 // the metrics the post has data for
}

type fakeAnswer struct {
	Status  int
	Code    int
	Subcode int
	Message string
	Header  map[string]string
}

type fakeThreads struct {
	t       *testing.T
	srv     *httptest.Server
	token   string
	user    string
	version string
	now     time.Time

	mu         sync.Mutex
	seq        int
	containers map[string]*fakeContainer
	order      []string
	posts      []*fakePost
	pending    int
	final      string
	requests   []string
	deleted    []string
	script     map[string][]fakeAnswer
	skip       map[string]int // requests to serve before the script's answers
}

func newFakeThreads(t *testing.T, token, user string, now time.Time) *fakeThreads {
	t.Helper()
	f := &fakeThreads{t: t, token: token, user: user, version: "v1.0", now: now,
		containers: map[string]*fakeContainer{}, script: map[string][]fakeAnswer{}, skip: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// fail scripts answers for a route: "create", "status", "publish",
// "permalink", "list", "delete", "conversation", "insights".
func (f *fakeThreads) fail(route string, answers ...fakeAnswer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[route] = append(f.script[route], answers...)
}

// failAfter lets n requests on a route through, then gives the answer.
func (f *fakeThreads) failAfter(route string, n int, a fakeAnswer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.skip[route] = n
	f.script[route] = append(f.script[route], a)
}

func (f *fakeThreads) routes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

func (f *fakeThreads) id() string {
	f.seq++
	return strconv.Itoa(18000000 + f.seq)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func graphErr(w http.ResponseWriter, status, code, subcode int, msg string) {
	e := map[string]any{"message": msg, "type": "OAuthException", "code": code, "fbtrace_id": "ThTrace7"}
	if subcode != 0 {
		e["error_subcode"] = subcode
	}
	writeJSON(w, status, map[string]any{"error": e})
}

func invalid(w http.ResponseWriter, msg string) {
	graphErr(w, 400, 100, 0, "(#100) "+msg)
}

func (f *fakeThreads) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.URL.Query().Has("access_token") || strings.Contains(r.URL.String(), f.token) {
		f.t.Errorf("%s %s: the token is in the URL", r.Method, r.URL.Path)
	}
	auth := r.Header.Get("Authorization")
	if auth == "" {
		graphErr(w, 400, 104, 0, "An access token is required to request this resource.")
		return
	}
	if auth != "Bearer "+f.token {
		graphErr(w, 400, 190, 0, "Invalid OAuth access token - Cannot parse access token")
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/"+f.version+"/")
	if !ok {
		graphErr(w, 400, 2500, 0, "Unknown path components: "+r.URL.Path)
		return
	}
	seg := strings.Split(rest, "/")
	me := len(seg) == 2 && (seg[0] == "me" || seg[0] == f.user)
	route := ""
	switch {
	case me && seg[1] == "threads" && r.Method == http.MethodPost:
		route = "create"
	case me && seg[1] == "threads" && r.Method == http.MethodGet:
		route = "list"
	case me && seg[1] == "threads_publish" && r.Method == http.MethodPost:
		route = "publish"
	case len(seg) == 1 && r.Method == http.MethodGet && f.containers[seg[0]] != nil:
		route = "status"
	case len(seg) == 1 && r.Method == http.MethodGet:
		route = "permalink"
	case len(seg) == 1 && r.Method == http.MethodDelete:
		route = "delete"
	case len(seg) == 2 && seg[1] == "conversation" && r.Method == http.MethodGet:
		route = "conversation"
	case len(seg) == 2 && seg[1] == "insights" && r.Method == http.MethodGet:
		route = "insights"
	default:
		graphErr(w, 400, 100, 33, fmt.Sprintf("Unsupported %s request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation", strings.ToLower(r.Method), seg[0]))
		return
	}
	f.requests = append(f.requests, route)
	if f.skip[route] > 0 {
		f.skip[route]--
	} else if q := f.script[route]; len(q) > 0 {
		a := q[0]
		f.script[route] = q[1:]
		for k, v := range a.Header {
			w.Header().Set(k, v)
		}
		if a.Code == 0 {
			w.WriteHeader(a.Status)
			_, _ = io.WriteString(w, a.Message)
			return
		}
		graphErr(w, a.Status, a.Code, a.Subcode, a.Message)
		return
	}
	switch route {
	case "create":
		f.create(w, r)
	case "publish":
		f.publish(w, r)
	case "status":
		f.status(w, r, f.containers[seg[0]])
	case "permalink":
		f.node(w, r, seg[0])
	case "list":
		f.list(w, r)
	case "delete":
		f.delete(w, seg[0])
	case "conversation":
		f.conversation(w, r, seg[0])
	case "insights":
		f.insights(w, r, seg[0])
	}
}

func (f *fakeThreads) form(w http.ResponseWriter, r *http.Request) (map[string]string, bool) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" && mt != "multipart/form-data" {
		invalid(w, "unsupported body: "+mt)
		return nil, false
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		invalid(w, err.Error())
		return nil, false
	}
	out := map[string]string{}
	for k, v := range r.PostForm {
		if len(v) != 1 {
			invalid(w, "Param "+k+" is given more than once")
			return nil, false
		}
		out[k] = v[0]
	}
	return out, true
}

// length counts as Threads does: characters, an emoji as its UTF-8 bytes.
func length(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1F000 {
			n += utf8.RuneLen(r)
		} else {
			n++
		}
	}
	return n
}

func fetchImage(u string) string {
	res, err := http.Get(u)
	if err != nil {
		return "The media could not be fetched from this URI: " + u
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return "The media could not be fetched from this URI: " + u
	}
	if ct, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type")); ct != "image/jpeg" && ct != "image/png" {
		return "The image format is not supported"
	}
	return ""
}

func (f *fakeThreads) published(id string) *fakePost {
	for _, p := range f.posts {
		if p.ID == id && !p.Deleted {
			return p
		}
	}
	return nil
}

func (f *fakeThreads) create(w http.ResponseWriter, r *http.Request) {
	form, ok := f.form(w, r)
	if !ok {
		return
	}
	for k := range form {
		switch k {
		case "media_type", "text", "image_url", "alt_text", "is_carousel_item", "children", "reply_to_id":
		default:
			invalid(w, "Param "+k+" is not a valid parameter of this edge")
			return
		}
	}
	c := &fakeContainer{ID: f.id(), MediaType: form["media_type"], Text: form["text"], ImageURL: form["image_url"],
		Alt: form["alt_text"], ReplyTo: form["reply_to_id"], Item: form["is_carousel_item"] == "true", Pending: f.pending, Final: f.final}
	if length(c.Text) > 500 {
		invalid(w, "The text is longer than 500 characters")
		return
	}
	if c.ReplyTo != "" && f.published(c.ReplyTo) == nil {
		invalid(w, "reply_to_id "+c.ReplyTo+" is not a post you can reply to")
		return
	}
	switch c.MediaType {
	case "TEXT":
		if c.Text == "" || c.ImageURL != "" || c.Alt != "" || c.Item || form["children"] != "" {
			invalid(w, "A TEXT container takes text (required), not image_url, alt_text, is_carousel_item or children")
			return
		}
	case "IMAGE":
		if c.ImageURL == "" || form["children"] != "" {
			invalid(w, "image_url is required for media_type=IMAGE")
			return
		}
		if c.Item && (c.Text != "" || c.ReplyTo != "") {
			invalid(w, "a carousel item takes no text and no reply_to_id")
			return
		}
		if v := form["is_carousel_item"]; v != "" && v != "true" && v != "false" {
			invalid(w, "is_carousel_item must be true or false")
			return
		}
		if msg := fetchImage(c.ImageURL); msg != "" {
			invalid(w, msg)
			return
		}
	case "CAROUSEL":
		if c.ImageURL != "" || c.Alt != "" || c.Item {
			invalid(w, "A CAROUSEL container takes children and text, not image_url, alt_text or is_carousel_item")
			return
		}
		c.Children = strings.Split(form["children"], ",")
		if len(c.Children) < 2 || len(c.Children) > 20 {
			invalid(w, "children must list 2 to 20 container ids")
			return
		}
		for _, id := range c.Children {
			if child := f.containers[id]; child == nil || !child.Item {
				invalid(w, "children: "+id+" is not a carousel item")
				return
			}
		}
	default:
		invalid(w, "media_type must be TEXT, IMAGE, VIDEO or CAROUSEL")
		return
	}
	f.containers[c.ID] = c
	f.order = append(f.order, c.ID)
	writeJSON(w, 200, map[string]string{"id": c.ID})
}

func (c *fakeContainer) status() string {
	switch {
	case c.Published:
		return "PUBLISHED"
	case c.Polls <= c.Pending:
		return "IN_PROGRESS"
	case c.Final != "":
		return c.Final
	}
	return "FINISHED"
}

func (f *fakeThreads) status(w http.ResponseWriter, r *http.Request, c *fakeContainer) {
	c.Polls++
	out := map[string]string{"id": c.ID}
	for _, k := range strings.Split(r.URL.Query().Get("fields"), ",") {
		switch k {
		case "status":
			out[k] = c.status()
		case "error_message":
			if c.status() == "ERROR" {
				out[k] = "FAILED_DOWNLOADING_VIDEO"
			}
		}
	}
	writeJSON(w, 200, out)
}

func (f *fakeThreads) publish(w http.ResponseWriter, r *http.Request) {
	form, ok := f.form(w, r)
	if !ok {
		return
	}
	if len(form) != 1 || form["creation_id"] == "" {
		invalid(w, "creation_id is required, and alone")
		return
	}
	c := f.containers[form["creation_id"]]
	if c == nil || c.Item || c.status() != "FINISHED" {
		graphErr(w, 400, 24, 4279009, "The requested resource does not exist or the media is not ready to be published")
		return
	}
	c.Published = true
	p := &fakePost{ID: f.id(), Text: c.Text, ReplyTo: c.ReplyTo, Container: c.ID, Created: f.now}
	f.posts = append(f.posts, p)
	writeJSON(w, 200, map[string]string{"id": p.ID})
}

func (f *fakeThreads) postJSON(p *fakePost, fields string) map[string]any {
	out := map[string]any{"id": p.ID}
	for _, k := range strings.Split(fields, ",") {
		switch k {
		case "text":
			if p.Text != "" {
				out[k] = p.Text
			}
		case "timestamp":
			out[k] = p.Created.UTC().Format("2006-01-02T15:04:05-0700")
		case "permalink":
			out[k] = "https://www.threads.net/@crieur/post/S" + p.ID
		}
	}
	return out
}

func (f *fakeThreads) node(w http.ResponseWriter, r *http.Request, id string) {
	p := f.published(id)
	if p == nil {
		graphErr(w, 400, 100, 33, "Unsupported get request. Object with ID '"+id+"' does not exist")
		return
	}
	writeJSON(w, 200, f.postJSON(p, r.URL.Query().Get("fields")))
}

func (f *fakeThreads) list(w http.ResponseWriter, r *http.Request) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	if limit <= 0 {
		limit = 25
	}
	data := []map[string]any{}
	for i := len(f.posts) - 1; i >= 0 && len(data) < limit; i-- {
		if p := f.posts[i]; !p.Deleted && p.ReplyTo == "" {
			data = append(data, f.postJSON(p, r.URL.Query().Get("fields")))
		}
	}
	writeJSON(w, 200, map[string]any{"data": data})
}

func (f *fakeThreads) conversation(w http.ResponseWriter, r *http.Request, id string) {
	if f.published(id) == nil {
		graphErr(w, 400, 100, 33, "Unsupported get request. Object with ID '"+id+"' does not exist")
		return
	}
	under := map[string]bool{id: true}
	data := []map[string]any{}
	for _, p := range f.posts { // oldest first: a parent comes before its replies
		if p.Deleted || !under[p.ReplyTo] {
			continue
		}
		under[p.ID] = true
		out := map[string]any{"id": p.ID}
		for _, k := range strings.Split(r.URL.Query().Get("fields"), ",") {
			switch k {
			case "text":
				out[k] = p.Text
			case "replied_to":
				out[k] = map[string]string{"id": p.ReplyTo}
			case "is_reply_owned_by_me":
				out[k] = !p.Foreign
			}
		}
		data = append(data, out)
	}
	writeJSON(w, 200, map[string]any{"data": data})
}

func (f *fakeThreads) delete(w http.ResponseWriter, id string) {
	p := f.published(id)
	if p == nil {
		graphErr(w, 400, 100, 33, "Unsupported delete request. Object with ID '"+id+"' does not exist")
		return
	}
	p.Deleted = true
	f.deleted = append(f.deleted, id)
	writeJSON(w, 200, map[string]any{"success": true, "deleted_id": id})
}

// mediaHost serves the repository's images; it fails the test when it
// receives credentials.
type mediaHost struct {
	srv   *httptest.Server
	mu    sync.Mutex
	got   []string
	files map[string]string // escaped path -> content type
}

func newMediaHost(t *testing.T, token string) *mediaHost {
	h := &mediaHost{files: map[string]string{}}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.got = append(h.got, r.Method+" "+r.URL.EscapedPath())
		if r.Header.Get("Authorization") != "" || strings.Contains(r.URL.String(), token) {
			t.Errorf("the media host received credentials: %s %s", r.Method, r.URL)
		}
		ct, ok := h.files[r.URL.EscapedPath()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ct)
		_, _ = w.Write([]byte("\x89PNG\r\n\x1a\n"))
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *mediaHost) requests() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.got...)
}

func (f *fakeThreads) insights(w http.ResponseWriter, r *http.Request, id string) {
	p := f.published(id)
	if p == nil {
		graphErr(w, 400, 100, 33, "Unsupported get request. Object with ID '"+id+"' does not exist")
		return
	}
	q := r.URL.Query()
	for k := range q {
		if k != "metric" {
			invalid(w, "Param "+k+" is not a valid parameter of this edge")
			return
		}
	}
	valid := map[string]bool{"views": true, "likes": true, "replies": true, "reposts": true, "quotes": true, "shares": true}
	metrics := strings.Split(q.Get("metric"), ",")
	for _, m := range metrics {
		if !valid[m] {
			invalid(w, "The metric "+m+" is not valid: use views, likes, replies, reposts, quotes or shares")
			return
		}
	}
	data := []map[string]any{}
	for _, m := range metrics {
		if v, ok := p.Insights[m]; ok {
			data = append(data, map[string]any{"name": m, "period": "lifetime", "values": []map[string]any{{"value": v}},
				"title": m, "description": "…", "id": p.ID + "/insights/" + m + "/lifetime"})
		}
	}
	writeJSON(w, 200, map[string]any{"data": data})
}
