package facebook

// fakeGraph is a Facebook Graph API server for the tests, written from
// these pages of developers.facebook.com:
//
//   - docs/pages-api/posts and docs/pages/publishing: POST /{page-id}/feed
//     (message, link, published) answers {"id":"{page-id}_{post-id}"};
//     DELETE /{post-id} answers {"success":true}; GET /{page-id}/posts lists
//     the Page's posts, newest first, with the fields asked.
//   - docs/graph-api/reference/page/photos and docs/graph-api/reference/photo:
//     POST /{page-id}/photos takes a file attachment (source), published
//     and alt_text_custom, answers {"id","post_id"}; a photo is under 10 MB.
//   - docs/graph-api/photo-uploads: attached_media[N]={"media_fbid":"…"}
//     on the feed post attaches photos uploaded with published=false.
//   - docs/graph-api/reference/object/comments: POST /{object-id}/comments
//     (message) answers {"id"}.
//   - docs/graph-api/reference/page-post: permalink_url, created_time.
//   - docs/graph-api/guides/error-handling: errors are
//     {"error":{"message","type","code","error_subcode","fbtrace_id"}},
//     HTTP 400 for OAuthException (190 invalid token, 104 no token, 100
//     invalid parameter; subcode 33 for an object that does not exist).
//   - docs/graph-api/overview/rate-limiting: X-App-Usage and
//     X-Business-Use-Case-Usage headers (estimated_time_to_regain_access in
//     minutes); throttling answers code 4, 17, 32 or 613.
//   - docs/graph-api/reference/page-post and docs/graph-api/field-expansion:
//     GET /{post-id}?fields=reactions.summary(total_count).limit(0),
//     comments.summary(total_count).limit(0),shares answers the edges'
//     summary {total_count} without items, and shares {count}, which Graph
//     leaves out of a post nobody shared; a field the node does not have is
//     (#100) "Tried accessing nonexisting field".
//   - docs/graph-api/reference/insights (Page Post metrics) and
//     docs/platforminsights/page/deprecated-metrics: GET
//     /{post-id}/insights?metric=a,b answers {"data":[{"name","period":
//     "lifetime","values":[{"value"}],"title","description","id"}]}, a
//     metric without data left out; a retired metric (post_impressions…)
//     is (#100) "The value must be a valid insights metric"; without
//     read_insights or pages_read_engagement the answer is code 10.
//
// The token must come in "Authorization: Bearer"; a token in the URL fails
// the test (crieur never puts one there).

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

type fakePhoto struct {
	ID, Alt, Filename, ContentType string
	Size                           int
	Used                           bool
}

type fakePost struct {
	ID, Message, Link string
	Photos            []string
	Created           time.Time
	Deleted           bool
	// Engagement: counts of reactions, comments by others and shares, and
	// the insights the post has data for.
	Reactions, Comments, Shares int64
	Insights                    map[string]int64
}

type fakeComment struct {
	ID, Post, Message string
	Deleted           bool
}

// fakeAnswer is a scripted error for the next request on a route, given
// after Skip requests on the route were served.
type fakeAnswer struct {
	Skip    int
	Status  int
	Code    int
	Subcode int
	Message string
	Header  map[string]string
}

type fakeGraph struct {
	t       *testing.T
	srv     *httptest.Server
	token   string
	page    string
	version string
	now     time.Time

	mu       sync.Mutex
	seq      int
	photos   map[string]*fakePhoto
	posts    []*fakePost
	comments map[string]*fakeComment
	requests []string                // "POST feed", in order
	script   map[string][]fakeAnswer // route -> answers to give before serving it
	// noInsights answers insights with code 10, as for a token without
	// read_insights and pages_read_engagement.
	noInsights bool
}

func newFakeGraph(t *testing.T, token, page string, now time.Time) *fakeGraph {
	t.Helper()
	f := &fakeGraph{t: t, token: token, page: page, version: "v23.0", now: now,
		photos: map[string]*fakePhoto{}, comments: map[string]*fakeComment{}, script: map[string][]fakeAnswer{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// fail scripts answers for a route: "photos", "feed", "node", "comments",
// "posts", "delete", "insights".
func (f *fakeGraph) fail(route string, answers ...fakeAnswer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[route] = append(f.script[route], answers...)
}

func (f *fakeGraph) id() string {
	f.seq++
	return strconv.Itoa(1000 + f.seq)
}

func (f *fakeGraph) routes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func graphErr(w http.ResponseWriter, status, code, subcode int, typ, msg string) {
	e := map[string]any{"message": msg, "type": typ, "code": code, "fbtrace_id": "AbCdEf123"}
	if subcode != 0 {
		e["error_subcode"] = subcode
	}
	writeJSON(w, status, map[string]any{"error": e})
}

func (f *fakeGraph) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.URL.Query().Has("access_token") || strings.Contains(r.URL.String(), f.token) {
		f.t.Errorf("%s %s: the token is in the URL", r.Method, r.URL.Path)
	}
	w.Header().Set("X-App-Usage", `{"call_count":3,"total_cputime":1,"total_time":2}`)
	auth := r.Header.Get("Authorization")
	if auth == "" {
		graphErr(w, 400, 104, 0, "OAuthException", "An access token is required to request this resource.")
		return
	}
	if auth != "Bearer "+f.token {
		graphErr(w, 400, 190, 0, "OAuthException", "Invalid OAuth access token - Cannot parse access token")
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/"+f.version+"/")
	if !ok {
		graphErr(w, 400, 2500, 0, "OAuthException", "Unknown path components: "+r.URL.Path)
		return
	}
	seg := strings.Split(rest, "/")
	route := ""
	switch {
	case len(seg) == 1 && r.Method == http.MethodGet:
		route = "node"
	case len(seg) == 1 && r.Method == http.MethodDelete:
		route = "delete"
	case len(seg) == 2 && seg[0] == f.page && seg[1] == "photos" && r.Method == http.MethodPost:
		route = "photos"
	case len(seg) == 2 && seg[0] == f.page && seg[1] == "feed" && r.Method == http.MethodPost:
		route = "feed"
	case len(seg) == 2 && seg[0] == f.page && seg[1] == "posts" && r.Method == http.MethodGet:
		route = "posts"
	case len(seg) == 2 && seg[1] == "comments" && r.Method == http.MethodPost:
		route = "comments"
	case len(seg) == 2 && seg[1] == "insights" && r.Method == http.MethodGet:
		route = "insights"
	default:
		graphErr(w, 400, 100, 33, "GraphMethodException", fmt.Sprintf("Unsupported %s request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", strings.ToLower(r.Method), seg[0]))
		return
	}
	f.requests = append(f.requests, r.Method+" "+route)
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
		graphErr(w, a.Status, a.Code, a.Subcode, "OAuthException", a.Message)
		return
	}
	switch route {
	case "photos":
		f.uploadPhoto(w, r)
	case "feed":
		f.feed(w, r)
	case "comments":
		f.comment(w, r, seg[0])
	case "node":
		f.node(w, r, seg[0])
	case "posts":
		f.list(w, r)
	case "delete":
		f.delete(w, seg[0])
	case "insights":
		f.insights(w, r, seg[0])
	}
}

func invalid(w http.ResponseWriter, msg string) {
	graphErr(w, 400, 100, 0, "OAuthException", "(#100) "+msg)
}

func (f *fakeGraph) uploadPhoto(w http.ResponseWriter, r *http.Request) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		graphErr(w, 400, 324, 0, "OAuthException", "(#324) Requires upload file")
		return
	}
	if err := r.ParseMultipartForm(20 << 20); err != nil {
		invalid(w, "cannot read the upload: "+err.Error())
		return
	}
	for k := range r.MultipartForm.Value {
		switch k {
		case "published", "alt_text_custom", "caption":
		default:
			invalid(w, "Param "+k+" is not a valid parameter of this edge")
			return
		}
	}
	for k := range r.MultipartForm.File {
		if k != "source" {
			invalid(w, "Param "+k+" is not a valid parameter of this edge")
			return
		}
	}
	files := r.MultipartForm.File["source"]
	if len(files) != 1 {
		graphErr(w, 400, 324, 0, "OAuthException", "(#324) Requires upload file")
		return
	}
	fh := files[0]
	if fh.Size >= 10<<20 {
		invalid(w, "a photo must be less than 10MB in size")
		return
	}
	file, _ := fh.Open()
	head := make([]byte, 512)
	n, _ := io.ReadFull(file, head)
	file.Close()
	if ct := http.DetectContentType(head[:n]); !strings.HasPrefix(ct, "image/") {
		graphErr(w, 400, 324, 2069019, "OAuthException", "(#324) Missing or invalid image file")
		return
	}
	published := r.MultipartForm.Value["published"]
	p := &fakePhoto{ID: f.id(), Filename: fh.Filename, ContentType: fh.Header.Get("Content-Type"), Size: int(fh.Size)}
	if alt := r.MultipartForm.Value["alt_text_custom"]; len(alt) > 0 {
		p.Alt = alt[0]
	}
	f.photos[p.ID] = p
	if len(published) == 1 && published[0] == "false" {
		writeJSON(w, 200, map[string]string{"id": p.ID})
		return
	}
	// A published photo is a post of its own.
	post := &fakePost{ID: f.page + "_" + f.id(), Photos: []string{p.ID}, Created: f.now}
	p.Used = true
	f.posts = append(f.posts, post)
	writeJSON(w, 200, map[string]string{"id": p.ID, "post_id": post.ID})
}

func (f *fakeGraph) form(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" && mt != "multipart/form-data" {
		invalid(w, "unsupported body: "+mt)
		return nil, false
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		invalid(w, err.Error())
		return nil, false
	}
	return r.PostForm, true
}

func (f *fakeGraph) feed(w http.ResponseWriter, r *http.Request) {
	form, ok := f.form(w, r)
	if !ok {
		return
	}
	post := &fakePost{Message: form.Get("message"), Link: form.Get("link"), Created: f.now}
	attached := map[int]string{}
	for k, v := range form {
		switch {
		case k == "message" || k == "link" || k == "published":
		case strings.HasPrefix(k, "attached_media[") && strings.HasSuffix(k, "]"):
			i, err := strconv.Atoi(k[len("attached_media[") : len(k)-1])
			var ref map[string]string
			if err != nil || len(v) != 1 || json.Unmarshal([]byte(v[0]), &ref) != nil || len(ref) != 1 || ref["media_fbid"] == "" {
				invalid(w, "attached_media must be a list of {\"media_fbid\":…}")
				return
			}
			p, ok := f.photos[ref["media_fbid"]]
			if !ok || p.Used {
				invalid(w, "Invalid media_fbid "+ref["media_fbid"])
				return
			}
			attached[i] = p.ID
		default:
			invalid(w, "Param "+k+" is not a valid parameter of this edge")
			return
		}
	}
	if post.Message == "" && post.Link == "" && len(attached) == 0 {
		invalid(w, "Either message or link must be supplied")
		return
	}
	idx := make([]int, 0, len(attached))
	for i := range attached {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		post.Photos = append(post.Photos, attached[i])
		f.photos[attached[i]].Used = true
	}
	// Facebook refuses a post identical to the Page's last one.
	if n := len(f.posts); n > 0 && !f.posts[n-1].Deleted && post.Message != "" && f.posts[n-1].Message == post.Message {
		graphErr(w, 400, 506, 1455006, "OAuthException", "(#506) Duplicate status message")
		return
	}
	post.ID = f.page + "_" + f.id()
	f.posts = append(f.posts, post)
	writeJSON(w, 200, map[string]string{"id": post.ID})
}

func (f *fakeGraph) post(id string) *fakePost {
	for _, p := range f.posts {
		if p.ID == id && !p.Deleted {
			return p
		}
	}
	return nil
}

func (f *fakeGraph) comment(w http.ResponseWriter, r *http.Request, postID string) {
	form, ok := f.form(w, r)
	if !ok {
		return
	}
	for k := range form {
		if k != "message" && k != "attachment_url" {
			invalid(w, "Param "+k+" is not a valid parameter of this edge")
			return
		}
	}
	if f.post(postID) == nil {
		graphErr(w, 400, 100, 33, "GraphMethodException", "Unsupported post request. Object with ID '"+postID+"' does not exist")
		return
	}
	if form.Get("message") == "" {
		invalid(w, "Missing message or attachment")
		return
	}
	c := &fakeComment{ID: strings.SplitN(postID, "_", 2)[1] + "_" + f.id(), Post: postID, Message: form.Get("message")}
	f.comments[c.ID] = c
	writeJSON(w, 200, map[string]string{"id": c.ID})
}

func fields(r *http.Request) map[string]bool {
	m := map[string]bool{"id": true}
	for _, s := range strings.Split(r.URL.Query().Get("fields"), ",") {
		if s != "" {
			m[s] = true
		}
	}
	return m
}

func (f *fakeGraph) postJSON(p *fakePost, want map[string]bool) map[string]any {
	out := map[string]any{}
	all := map[string]any{
		"id":            p.ID,
		"message":       p.Message,
		"created_time":  p.Created.UTC().Format("2006-01-02T15:04:05-0700"),
		"permalink_url": "https://www.facebook.com/" + strings.Replace(p.ID, "_", "/posts/", 1),
	}
	for k := range want {
		if v, ok := all[k]; ok && !(k == "message" && p.Message == "") {
			out[k] = v
		}
	}
	return out
}

func (f *fakeGraph) node(w http.ResponseWriter, r *http.Request, id string) {
	p := f.post(id)
	if p == nil {
		graphErr(w, 400, 100, 33, "GraphMethodException", "Unsupported get request. Object with ID '"+id+"' does not exist")
		return
	}
	out := map[string]any{}
	plain := map[string]bool{}
	for k := range fields(r) {
		name, mods, _ := strings.Cut(k, ".")
		switch name {
		case "id", "message", "created_time", "permalink_url":
			if mods != "" {
				invalid(w, "Tried accessing nonexisting field ("+k+") on node type (Post)")
				return
			}
			plain[name] = true
		case "reactions", "comments":
			total := p.Reactions
			if name == "comments" {
				total = p.Comments
				for _, c := range f.comments {
					if c.Post == p.ID && !c.Deleted {
						total++
					}
				}
			}
			edge, ok := edgeJSON(name, mods, total)
			if !ok {
				invalid(w, "Syntax error: unknown modifier in \""+k+"\"")
				return
			}
			out[name] = edge
		case "shares":
			if mods != "" {
				invalid(w, "Tried accessing nonexisting field ("+k+") on node type (Post)")
				return
			}
			if p.Shares > 0 {
				out[name] = map[string]int64{"count": p.Shares}
			}
		default:
			invalid(w, "Tried accessing nonexisting field ("+name+") on node type (Post)")
			return
		}
	}
	for k, v := range f.postJSON(p, plain) {
		out[k] = v
	}
	writeJSON(w, 200, out)
}

// edgeJSON is a reactions or comments edge asked as a field with
// modifiers (summary(total_count) or summary(true), limit(N)): its
// summary when asked, and no items when the limit is 0 (the fake has no
// items to show).
func edgeJSON(name, mods string, total int64) (map[string]any, bool) {
	edge := map[string]any{"data": []any{}}
	for _, m := range strings.Split(mods, ".") {
		switch {
		case m == "":
		case m == "summary(total_count)" || m == "summary(true)":
			sum := map[string]any{"total_count": total}
			if name == "reactions" {
				sum["viewer_reaction"] = "NONE"
			} else {
				sum["order"], sum["can_comment"] = "ranked", true
			}
			edge["summary"] = sum
		case strings.HasPrefix(m, "limit(") && strings.HasSuffix(m, ")"):
			if _, err := strconv.Atoi(m[len("limit(") : len(m)-1]); err != nil {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return edge, true
}

// postMetrics are Page Post insights metrics still served; retired are
// some of those Meta retired for all versions.
var (
	postMetrics = map[string]bool{"post_media_view": true, "post_total_media_view_unique": true, "post_clicks": true,
		"post_clicks_by_type": true, "post_reactions_by_type_total": true, "post_activity_by_action_type": true, "post_video_views": true}
	retired = map[string]bool{"post_impressions": true, "post_impressions_unique": true, "post_impressions_organic": true,
		"post_impressions_paid": true, "post_engaged_users": true, "post_views": true}
)

func (f *fakeGraph) insights(w http.ResponseWriter, r *http.Request, id string) {
	p := f.post(id)
	if p == nil {
		graphErr(w, 400, 100, 33, "GraphMethodException", "Unsupported get request. Object with ID '"+id+"' does not exist")
		return
	}
	q := r.URL.Query()
	for k := range q {
		if k != "metric" && k != "period" && k != "since" && k != "until" && k != "date_preset" {
			invalid(w, "Param "+k+" is not a valid parameter of this edge")
			return
		}
	}
	if v := q.Get("period"); v != "" && v != "lifetime" {
		invalid(w, "The period "+v+" is not available for Page post metrics")
		return
	}
	metrics := strings.Split(q.Get("metric"), ",")
	if q.Get("metric") == "" {
		graphErr(w, 400, 3001, 1504028, "OAuthException", "No metric was specified to be fetched. Please specify one or more metrics to be fetched and try again.")
		return
	}
	for _, m := range metrics {
		if !postMetrics[m] || retired[m] {
			invalid(w, "The value must be a valid insights metric")
			return
		}
	}
	if f.noInsights {
		graphErr(w, 400, 10, 0, "OAuthException", "(#10) This endpoint requires the 'read_insights' permission or the 'pages_read_engagement' permission")
		return
	}
	data := []map[string]any{}
	for _, m := range metrics {
		v, ok := p.Insights[m]
		if !ok {
			continue
		}
		data = append(data, map[string]any{"name": m, "period": "lifetime", "values": []map[string]any{{"value": v}},
			"title": "Lifetime " + m, "description": "Lifetime: " + m, "id": p.ID + "/insights/" + m + "/lifetime"})
	}
	writeJSON(w, 200, map[string]any{"data": data, "paging": map[string]string{"previous": "p", "next": "n"}})
}

func (f *fakeGraph) list(w http.ResponseWriter, r *http.Request) {
	limit := 25
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			invalid(w, "limit must be between 1 and 100")
			return
		}
		limit = n
	}
	data := []map[string]any{}
	for i := len(f.posts) - 1; i >= 0 && len(data) < limit; i-- {
		if !f.posts[i].Deleted {
			data = append(data, f.postJSON(f.posts[i], fields(r)))
		}
	}
	writeJSON(w, 200, map[string]any{"data": data, "paging": map[string]any{"cursors": map[string]string{"before": "b", "after": "a"}}})
}

func (f *fakeGraph) delete(w http.ResponseWriter, id string) {
	if p := f.post(id); p != nil {
		p.Deleted = true
		for _, c := range f.comments {
			if c.Post == id {
				c.Deleted = true
			}
		}
		writeJSON(w, 200, map[string]bool{"success": true})
		return
	}
	if c, ok := f.comments[id]; ok && !c.Deleted {
		c.Deleted = true
		writeJSON(w, 200, map[string]bool{"success": true})
		return
	}
	graphErr(w, 400, 100, 33, "GraphMethodException", "Unsupported delete request. Object with ID '"+id+"' does not exist, cannot be loaded due to missing permissions, or does not support this operation.")
}
