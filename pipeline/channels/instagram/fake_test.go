package instagram

// fakeInstagram is the Instagram Platform's content publishing API for the
// tests, written from these pages of developers.facebook.com:
//
//   - docs/instagram-platform/content-publishing: containers made from a
//     public image URL that Instagram fetches itself ("We cURL media used in
//     publishing attempts"); JPEG is the only image format; carousels of up
//     to 10 items, caption on the carousel container only.
//   - …/reference/ig-user/media: POST /{ig-user-id}/media (image_url,
//     caption, alt_text, is_carousel_item; media_type=CAROUSEL with
//     children, a comma-separated list of container ids) answers {"id"};
//     GET /{ig-user-id}/media lists media, newest first.
//   - …/reference/ig-user/media_publish: POST /{ig-user-id}/media_publish
//     (creation_id) answers {"id"} of the media.
//   - …/reference/ig-container: GET /{ig-container-id}?fields=status_code
//     answers EXPIRED, ERROR, FINISHED, IN_PROGRESS or PUBLISHED.
//   - …/reference/ig-user/content_publishing_limit:
//     {"data":[{"quota_usage":N,"config":{"quota_total":50,"quota_duration":86400}}]}.
//   - …/reference/ig-media and …/reference/ig-media/comments: permalink,
//     timestamp; POST /{ig-media-id}/comments (message) answers {"id"}.
//     IG Media has no delete operation.
//   - …/reference/instagram-media/insights and the Graph API changelog
//     (v22.0): GET /{ig-media-id}/insights?metric=a,b answers
//     {"data":[{"name","period":"lifetime","values":[{"value"}],"title",
//     "description","id"}]}; "If insights data you are requesting does not
//     exist or is currently unavailable, the API returns an empty data set
//     instead of 0 for individual metrics"; views exists from v22.0;
//     impressions, plays, clips_replays_count,
//     ig_reels_aggregated_all_plays_count and video_views are retired for
//     all versions; code 10 "(#10) Not enough viewers for the media to show
//     insights"; IG Media fields like_count and comments_count.
//   - …/instagram-graph-api/reference/error-codes: 400 with code 9 subcode
//     2207042 for the publishing limit, 9004/2207052 when the media cannot
//     be fetched, 36001/2207005 for an unsupported format, 9007/2207027 for
//     a container not ready; the Graph API's error body and usage headers
//     (docs/graph-api/guides/error-handling, …/overview/rate-limiting).
//
// The token must come in "Authorization: Bearer"; a token in a URL fails
// the test.

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

type fakeContainer struct {
	ID, ImageURL, Caption, Alt, MediaType string
	Item                                  bool
	Children                              []string
	Polls                                 int    // status answers given
	Pending                               int    // IN_PROGRESS answers before FINISHED
	Final                                 string // "" for FINISHED
	Published                             bool
}

type fakeMedia struct {
	ID, Caption, Shortcode string
	Container              string
	Created                time.Time
	Comments               []string
	Deleted                bool             // deleted by hand in the app
	Likes, CommentCount    int64            // like_count; comments_count besides Comments
	Insights               map[string]int64 // the metrics the media has data for
	FewViewers             bool             // insights refused: not enough viewers
}

// fakeAnswer is a scripted answer for a route, given after Skip requests
// on the route were served.
type fakeAnswer struct {
	Skip    int
	Status  int
	Code    int
	Subcode int
	Message string
	Header  map[string]string
}

type fakeInstagram struct {
	t       *testing.T
	srv     *httptest.Server
	token   string
	user    string
	version string
	now     time.Time

	mu         sync.Mutex
	seq        int
	containers map[string]*fakeContainer
	order      []string // container ids in creation order
	media      []*fakeMedia
	quota      int
	pending    int    // IN_PROGRESS answers of each new container
	final      string // status of each new container once done: "" (FINISHED), ERROR, EXPIRED
	requests   []string
	script     map[string][]fakeAnswer
	// noInsights refuses insights with code 10, as for a token without
	// instagram_manage_insights.
	noInsights bool
}

func newFakeInstagram(t *testing.T, token, user string, now time.Time) *fakeInstagram {
	t.Helper()
	f := &fakeInstagram{t: t, token: token, user: user, version: "v23.0", now: now,
		containers: map[string]*fakeContainer{}, script: map[string][]fakeAnswer{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// fail scripts answers for a route: "create", "status", "publish",
// "permalink", "comments", "list", "quota", "insights".
func (f *fakeInstagram) fail(route string, answers ...fakeAnswer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[route] = append(f.script[route], answers...)
}

func (f *fakeInstagram) routes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

func (f *fakeInstagram) id() string {
	f.seq++
	return strconv.Itoa(17900000 + f.seq)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func graphErr(w http.ResponseWriter, status, code, subcode int, msg, userMsg string) {
	e := map[string]any{"message": msg, "type": "OAuthException", "code": code, "fbtrace_id": "IgTrace42"}
	if subcode != 0 {
		e["error_subcode"] = subcode
		e["is_transient"] = false
	}
	if userMsg != "" {
		e["error_user_msg"] = userMsg
	}
	writeJSON(w, status, map[string]any{"error": e})
}

func invalid(w http.ResponseWriter, msg string) {
	graphErr(w, 400, 100, 0, "(#100) "+msg, "")
}

func (f *fakeInstagram) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.URL.Query().Has("access_token") || strings.Contains(r.URL.String(), f.token) {
		f.t.Errorf("%s %s: the token is in the URL", r.Method, r.URL.Path)
	}
	auth := r.Header.Get("Authorization")
	if auth == "" {
		graphErr(w, 400, 104, 0, "An access token is required to request this resource.", "")
		return
	}
	if auth != "Bearer "+f.token {
		graphErr(w, 400, 190, 0, "Invalid OAuth access token - Cannot parse access token", "")
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/"+f.version+"/")
	if !ok {
		graphErr(w, 400, 2500, 0, "Unknown path components: "+r.URL.Path, "")
		return
	}
	seg := strings.Split(rest, "/")
	route := ""
	switch {
	case len(seg) == 2 && seg[0] == f.user && seg[1] == "media" && r.Method == http.MethodPost:
		route = "create"
	case len(seg) == 2 && seg[0] == f.user && seg[1] == "media" && r.Method == http.MethodGet:
		route = "list"
	case len(seg) == 2 && seg[0] == f.user && seg[1] == "media_publish" && r.Method == http.MethodPost:
		route = "publish"
	case len(seg) == 2 && seg[0] == f.user && seg[1] == "content_publishing_limit" && r.Method == http.MethodGet:
		route = "quota"
	case len(seg) == 2 && seg[1] == "comments" && r.Method == http.MethodPost:
		route = "comments"
	case len(seg) == 2 && seg[1] == "insights" && r.Method == http.MethodGet:
		route = "insights"
	case len(seg) == 1 && r.Method == http.MethodGet && f.containers[seg[0]] != nil:
		route = "status"
	case len(seg) == 1 && r.Method == http.MethodGet:
		route = "permalink"
	default:
		graphErr(w, 400, 100, 33, fmt.Sprintf("Unsupported %s request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation", strings.ToLower(r.Method), seg[0]), "")
		return
	}
	f.requests = append(f.requests, route)
	if q := f.script[route]; len(q) > 0 && q[0].Skip > 0 {
		q[0].Skip--
	} else if len(q) > 0 {
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
		graphErr(w, a.Status, a.Code, a.Subcode, a.Message, "")
		return
	}
	switch route {
	case "create":
		f.create(w, r)
	case "status":
		f.status(w, r, f.containers[seg[0]])
	case "publish":
		f.publish(w, r)
	case "permalink":
		f.permalink(w, r, seg[0])
	case "comments":
		f.comment(w, r, seg[0])
	case "insights":
		f.insights(w, r, seg[0])
	case "list":
		f.list(w, r)
	case "quota":
		if r.URL.Query().Get("fields") != "quota_usage,config" {
			invalid(w, "fields must be quota_usage,config")
			return
		}
		writeJSON(w, 200, map[string]any{"data": []any{map[string]any{"quota_usage": f.quota,
			"config": map[string]int{"quota_total": 50, "quota_duration": 86400}}}})
	}
}

func (f *fakeInstagram) form(w http.ResponseWriter, r *http.Request) (map[string]string, bool) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		invalid(w, "unsupported body: "+mt)
		return nil, false
	}
	if err := r.ParseForm(); err != nil {
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

// fetchImage does what Instagram does with image_url: it cURLs it.
func fetchImage(u string) (code, subcode int, msg string) {
	res, err := http.Get(u)
	if err != nil {
		return 9004, 2207052, "The media could not be fetched from this URI: " + u
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return 9004, 2207052, "The media could not be fetched from this URI: " + u
	}
	if ct, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type")); ct != "image/jpeg" {
		return 36001, 2207005, "The image format is not supported. Supported formats are: JPEG"
	}
	return 0, 0, ""
}

func (f *fakeInstagram) create(w http.ResponseWriter, r *http.Request) {
	form, ok := f.form(w, r)
	if !ok {
		return
	}
	for k := range form {
		switch k {
		case "image_url", "caption", "alt_text", "is_carousel_item", "media_type", "children":
		default:
			invalid(w, "Param "+k+" is not a valid parameter of this edge")
			return
		}
	}
	c := &fakeContainer{ID: f.id(), Caption: form["caption"], Alt: form["alt_text"], Pending: f.pending, Final: f.final}
	if len([]rune(c.Caption)) > 2200 {
		invalid(w, "The caption is longer than 2200 characters")
		return
	}
	switch form["media_type"] {
	case "CAROUSEL":
		if form["image_url"] != "" || form["alt_text"] != "" || form["is_carousel_item"] != "" {
			invalid(w, "A CAROUSEL container takes children and a caption, not image_url, alt_text or is_carousel_item")
			return
		}
		c.MediaType = "CAROUSEL"
		c.Children = strings.Split(form["children"], ",")
		if len(c.Children) < 2 || len(c.Children) > 10 {
			invalid(w, "children must list 2 to 10 container ids")
			return
		}
		for _, id := range c.Children {
			child := f.containers[id]
			if child == nil || !child.Item {
				invalid(w, "children: "+id+" is not a carousel item container")
				return
			}
		}
	case "":
		c.MediaType = "IMAGE"
		c.ImageURL = form["image_url"]
		if c.ImageURL == "" {
			invalid(w, "image_url is required for an image")
			return
		}
		switch form["is_carousel_item"] {
		case "true":
			c.Item = true
			if c.Caption != "" {
				invalid(w, "a carousel item takes no caption")
				return
			}
		case "", "false":
		default:
			invalid(w, "is_carousel_item must be true or false")
			return
		}
		if form["children"] != "" {
			invalid(w, "children is for a CAROUSEL container")
			return
		}
		if code, sub, msg := fetchImage(c.ImageURL); code != 0 {
			graphErr(w, 400, code, sub, msg, "")
			return
		}
	default:
		invalid(w, "media_type "+form["media_type"]+" is not supported here")
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

func (f *fakeInstagram) status(w http.ResponseWriter, r *http.Request, c *fakeContainer) {
	c.Polls++
	out := map[string]string{"id": c.ID}
	for _, k := range strings.Split(r.URL.Query().Get("fields"), ",") {
		switch k {
		case "status_code":
			out[k] = c.status()
		case "status":
			out[k] = c.status()
			if c.status() == "ERROR" {
				out[k] = "Error: Media upload has failed with error code 2207026"
			}
		}
	}
	writeJSON(w, 200, out)
}

func (f *fakeInstagram) publish(w http.ResponseWriter, r *http.Request) {
	form, ok := f.form(w, r)
	if !ok {
		return
	}
	if len(form) != 1 || form["creation_id"] == "" {
		invalid(w, "creation_id is required, and alone")
		return
	}
	c := f.containers[form["creation_id"]]
	switch {
	case c == nil || c.Item:
		graphErr(w, 400, 9007, 2207027, "Media ID is not available", "The media is not ready for publishing, please wait for a moment")
		return
	case c.status() != "FINISHED":
		graphErr(w, 400, 9007, 2207027, "Media ID is not available", "The media is not ready for publishing, please wait for a moment")
		return
	case f.quota >= 50:
		graphErr(w, 400, 9, 2207042, "Application request limit reached", "You reached maximum number of posts that is allowed to be published by Content Publishing API.")
		return
	}
	c.Published = true
	f.quota++
	m := &fakeMedia{ID: f.id(), Caption: c.Caption, Shortcode: "C" + c.ID, Container: c.ID, Created: f.now}
	f.media = append(f.media, m)
	writeJSON(w, 200, map[string]string{"id": m.ID})
}

func (f *fakeInstagram) find(id string) *fakeMedia {
	for _, m := range f.media {
		if m.ID == id && !m.Deleted {
			return m
		}
	}
	return nil
}

func (f *fakeInstagram) mediaJSON(m *fakeMedia, fields string) map[string]any {
	out := map[string]any{"id": m.ID}
	for _, k := range strings.Split(fields, ",") {
		switch k {
		case "caption":
			if m.Caption != "" {
				// Captions read back lose their @ (IG Media reference).
				out[k] = strings.ReplaceAll(m.Caption, "@", "")
			}
		case "timestamp":
			out[k] = m.Created.UTC().Format("2006-01-02T15:04:05-0700")
		case "permalink":
			out[k] = "https://www.instagram.com/p/" + m.Shortcode + "/"
		case "like_count":
			out[k] = m.Likes
		case "comments_count":
			out[k] = m.CommentCount + int64(len(m.Comments))
		}
	}
	return out
}

func (f *fakeInstagram) permalink(w http.ResponseWriter, r *http.Request, id string) {
	m := f.find(id)
	if m == nil {
		graphErr(w, 400, 100, 33, "Unsupported get request. Object with ID '"+id+"' does not exist", "")
		return
	}
	writeJSON(w, 200, f.mediaJSON(m, r.URL.Query().Get("fields")))
}

func (f *fakeInstagram) comment(w http.ResponseWriter, r *http.Request, id string) {
	form, ok := f.form(w, r)
	if !ok {
		return
	}
	m := f.find(id)
	if m == nil {
		graphErr(w, 400, 100, 33, "Unsupported post request. Object with ID '"+id+"' does not exist", "")
		return
	}
	if len(form) != 1 || form["message"] == "" {
		invalid(w, "message is required, and alone")
		return
	}
	m.Comments = append(m.Comments, form["message"])
	writeJSON(w, 200, map[string]string{"id": f.id()})
}

func (f *fakeInstagram) list(w http.ResponseWriter, r *http.Request) {
	data := []map[string]any{}
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	if limit <= 0 {
		limit = 25
	}
	for i := len(f.media) - 1; i >= 0 && len(data) < limit; i-- {
		data = append(data, f.mediaJSON(f.media[i], r.URL.Query().Get("fields")))
	}
	writeJSON(w, 200, map[string]any{"data": data})
}

// mediaHost serves the repository's images as GitHub Pages would, and
// records what it was asked.
type mediaHost struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []string // "HEAD /site/media/a%20b.jpg"
	// files maps escaped paths to a content type; noHead paths refuse HEAD;
	// broken paths answer 500.
	files  map[string]string
	noHead map[string]bool
	broken map[string]bool
	t      *testing.T
	token  string
}

func newMediaHost(t *testing.T, token string) *mediaHost {
	h := &mediaHost{files: map[string]string{}, noHead: map[string]bool{}, broken: map[string]bool{}, t: t, token: token}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.got = append(h.got, r.Method+" "+r.URL.EscapedPath())
		if r.Header.Get("Authorization") != "" || strings.Contains(r.URL.String(), h.token) {
			h.t.Errorf("the media host received credentials: %s %s", r.Method, r.URL)
		}
		p := r.URL.EscapedPath()
		switch {
		case h.broken[p]:
			w.WriteHeader(500)
			return
		case r.Method == http.MethodHead && h.noHead[p]:
			w.WriteHeader(405)
			return
		}
		ct, ok := h.files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ct)
		if ct == "image/jpeg" {
			_, _ = w.Write([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'})
			return
		}
		_, _ = io.WriteString(w, "<html>not found</html>")
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *mediaHost) requests() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.got...)
}

// mediaMetrics are the insights metrics of a feed image or carousel.
var mediaMetrics = []string{"comments", "follows", "likes", "profile_activity", "profile_visits", "reach", "saved", "shares", "total_interactions", "views"}

func (f *fakeInstagram) insights(w http.ResponseWriter, r *http.Request, id string) {
	m := f.find(id)
	if m == nil {
		graphErr(w, 400, 100, 33, "Unsupported get request. Object with ID '"+id+"' does not exist, cannot be loaded due to missing permissions, or does not support this operation", "")
		return
	}
	q := r.URL.Query()
	for k := range q {
		if k != "metric" && k != "period" && k != "breakdown" && k != "metric_type" {
			invalid(w, "Param "+k+" is not a valid parameter of this edge")
			return
		}
	}
	valid := []string{}
	for _, name := range mediaMetrics {
		if name != "views" || versionAtLeast(f.version, 22) {
			valid = append(valid, name)
		}
	}
	metrics := strings.Split(q.Get("metric"), ",")
	for i, name := range metrics {
		if !slices.Contains(valid, name) {
			invalid(w, fmt.Sprintf("metric[%d] must be one of the following values: %s", i, strings.Join(valid, ", ")))
			return
		}
	}
	switch {
	case f.noInsights:
		graphErr(w, 403, 10, 0, "(#10) Application does not have permission for this action", "")
		return
	case m.FewViewers:
		graphErr(w, 400, 10, 0, "(#10) Not enough viewers for the media to show insights", "")
		return
	}
	data := []map[string]any{}
	for _, name := range metrics {
		if v, ok := m.Insights[name]; ok {
			data = append(data, map[string]any{"name": name, "period": "lifetime", "values": []map[string]any{{"value": v}},
				"title": name, "description": "…", "id": m.ID + "/insights/" + name + "/lifetime"})
		}
	}
	writeJSON(w, 200, map[string]any{"data": data})
}

// versionAtLeast reports whether a version such as v23.0 is major or more.
func versionAtLeast(version string, major int) bool {
	n, err := strconv.Atoi(strings.TrimPrefix(strings.SplitN(version, ".", 2)[0], "v"))
	return err == nil && n >= major
}
