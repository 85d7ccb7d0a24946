package linkedin

// fakeLinkedIn is a stand-in for api.linkedin.com and www.linkedin.com
// that follows LinkedIn's documentation on learn.microsoft.com
// (linkedin/marketing/community-management/shares/…):
//   - posts-api: POST /rest/posts with the documented fields only
//     (author, commentary, visibility, distribution{feedDistribution,
//     targetEntities, thirdPartyDistributionChannels}, content{media{id,
//     altText} | multiImage{images (2 to 20)}}, lifecycleState,
//     isReshareDisabledByAuthor…); 201, the URN in x-restli-id;
//     GET /rest/posts/{urn}; the author finder GET /rest/posts?q=author
//     (X-RestLi-Method: FINDER); DELETE /rest/posts/{urn} → 204;
//     URNs URL-encoded in paths; 422 DUPLICATE_POST "Content is a
//     duplicate of urn:li:share:…" for a commentary the author has out;
//   - every /rest call: Authorization: Bearer, LinkedIn-Version (YYYYMM,
//     426 for a version not served), X-Restli-Protocol-Version: 2.0.0;
//   - little-text-format: the commentary is parsed as little text: a
//     backslash escapes the next character, {hashtag|\#|tag} is a hashtag,
//     @[name](urn) a mention; any other reserved character
//     (\ | { } @ [ ] ( ) < > # * _ ~) ends the text there, as LinkedIn
//     silently cuts a post at the first unescaped one;
//   - images-api: POST /rest/images?action=initializeUpload
//     {initializeUploadRequest{owner}} → value{uploadUrl, image,
//     uploadUrlExpiresAt}; PUT the bytes to uploadUrl with the token;
//     GET /rest/images/{urn} → status WAITING_UPLOAD, PROCESSING, AVAILABLE;
//   - comments-api: POST and GET /rest/socialActions/{urn}/comments
//     {actor, object, message{text}};
//   - token introspection: POST /oauth/v2/introspectToken (form client_id,
//     client_secret, token) → {active, status, expires_at, …};
//   - error-handling: bodies {status, serviceErrorCode, code, message};
//     401 EXPIRED_ACCESS_TOKEN (serviceErrorCode 65601) for an expired token;
//   - community-management/organizations/share-statistics: GET
//     /rest/organizationalEntityShareStatistics?q=organizationalEntity&
//     organizationalEntity={org URN}&shares=List({share URN},…) or
//     ugcPosts=List({ugcPost URN},…), Rest.li 2.0 (protocol-version
//     2.0.0): List( , ) as they are, each URN URL-encoded; the caller must
//     be an ADMINISTRATOR of the organization (403 ACCESS_DENIED else);
//     answer {paging, elements[{organizationalEntity, share | ugcPost,
//     totalShareStatistics{uniqueImpressionsCount, shareCount, engagement,
//     clickCount, likeCount, impressionCount, commentCount}}]}; "Shares with
//     no actions or impressions are not included in the list of elements",
//     and only the past 12 months (a rolling window) are kept. That a
//     deleted post is left out too is the fake's assumption (the page does
//     not say);
//   - shared/api-guide/concepts/rate-limits: 429 once the application's or
//     the member's daily limit is reached.

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

const (
	bearerToken  = "AQV-token-QmFzZTY0U2VjcmV0"
	clientID     = "86abcdef123456"
	clientSecret = "WPL_AP1.client.secret.z9y8"
	org          = "urn:li:organization:2414183"
)

var reservedRunes = `\|{}@[]()<>#*_~`

// parseLittle is how the fake reads a commentary: the text LinkedIn
// shows and the hashtags, cut at the first unescaped reserved character
// that starts neither a hashtag template nor a mention.
func parseLittle(s string) (shown string, tags []string) {
	var b strings.Builder
	rs := []rune(s)
	i := 0
	for i < len(rs) {
		r := rs[i]
		switch {
		case r == '\\':
			if i+1 >= len(rs) {
				return b.String(), tags
			}
			b.WriteRune(rs[i+1])
			i += 2
		case r == '{':
			const tmpl = `{hashtag|\#|`
			if !strings.HasPrefix(string(rs[i:]), tmpl) {
				return b.String(), tags
			}
			j := i + len([]rune(tmpl))
			var tag strings.Builder
			for j < len(rs) && rs[j] != '}' {
				if strings.ContainsRune(reservedRunes, rs[j]) {
					return b.String(), tags
				}
				tag.WriteRune(rs[j])
				j++
			}
			if j >= len(rs) || tag.Len() == 0 {
				return b.String(), tags
			}
			tags = append(tags, tag.String())
			b.WriteString("#" + tag.String())
			i = j + 1
		case r == '@':
			rest := string(rs[i:])
			closeName := strings.Index(rest, "](")
			closeURN := strings.Index(rest, ")")
			if !strings.HasPrefix(rest, "@[") || closeName < 0 || closeURN < closeName {
				return b.String(), tags
			}
			b.WriteString(rest[2:closeName])
			i += len([]rune(rest[:closeURN+1]))
		case strings.ContainsRune(reservedRunes, r):
			return b.String(), tags
		default:
			b.WriteRune(r)
			i++
		}
	}
	return b.String(), tags
}

type fakePost struct {
	URN        string
	Author     string
	Commentary string // as received
	Shown      string // as LinkedIn shows it
	Tags       []string
	Media      []fakeContent
	Created    time.Time
	Deleted    bool
	Stats      *fakeStats // nil: no action nor impression yet
}

// fakeStats are a post's lifetime statistics.
type fakeStats struct {
	Likes, Shares, Comments, Impressions, Unique, Clicks int64
}

type fakeContent struct{ ID, Alt string }

type fakeImage struct {
	Owner    string
	Bytes    []byte
	Uploaded bool
	Polls    int // GET answers still PROCESSING after the upload
	PutAuth  string
}

type fakeComment struct {
	ID, URN, Actor, Object, Text string
}

// answer is a scripted answer given instead of the route's own, after
// skip calls to the route went through.
type answer struct {
	skip   int
	status int
	header map[string]string
	body   string
}

type fakeLinkedIn struct {
	t   *testing.T
	srv *httptest.Server

	mu         sync.Mutex
	clock      time.Time
	seq        int
	expired    bool
	versions   map[string]bool
	processing int // polls an image stays PROCESSING after its upload
	expiresAt  int64
	active     bool
	images     map[string]*fakeImage
	posts      []*fakePost
	comments   map[string][]*fakeComment
	calls      []string
	script     map[string][]*answer
}

func newFakeLinkedIn(t *testing.T) *fakeLinkedIn {
	t.Helper()
	f := &fakeLinkedIn{t: t, clock: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), versions: map[string]bool{"202609": true, "202510": true},
		images: map[string]*fakeImage{}, comments: map[string][]*fakeComment{}, script: map[string][]*answer{},
		expiresAt: time.Date(2027, 1, 19, 9, 0, 0, 0, time.UTC).Unix(), active: true}
	mux := http.NewServeMux()
	f.handle(mux, "POST /rest/posts", true, f.createPost)
	f.handle(mux, "GET /rest/posts", true, f.findPosts)
	f.handle(mux, "GET /rest/posts/{urn}", true, f.getPost)
	f.handle(mux, "DELETE /rest/posts/{urn}", true, f.deletePost)
	f.handle(mux, "POST /rest/images", true, f.initUpload)
	f.handle(mux, "GET /rest/images/{urn}", true, f.getImage)
	f.handle(mux, "PUT /dms-uploads/{id}", false, f.putImage)
	f.handle(mux, "POST /rest/socialActions/{urn}/comments", true, f.createComment)
	f.handle(mux, "GET /rest/socialActions/{urn}/comments", true, f.listComments)
	f.handle(mux, "POST /oauth/v2/introspectToken", false, f.introspect)
	f.handle(mux, "GET /rest/organizationalEntityShareStatistics", true, f.shareStatistics)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLinkedIn) then(route string, a ...*answer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[route] = append(f.script[route], a...)
}

func liError(w http.ResponseWriter, status int, code string, service int, msg string) {
	body := map[string]any{"status": status, "message": msg}
	if code != "" {
		body["code"] = code
	}
	if service != 0 {
		body["serviceErrorCode"] = service
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

func (f *fakeLinkedIn) handle(mux *http.ServeMux, route string, rest bool, h func(w http.ResponseWriter, r *http.Request)) {
	mux.HandleFunc(route, func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.calls = append(f.calls, route)
		if rest {
			switch v := r.Header.Get("LinkedIn-Version"); {
			case r.Header.Get("Authorization") != "Bearer "+bearerToken:
				liError(w, http.StatusUnauthorized, "INVALID_ACCESS_TOKEN", 65600, "Invalid access token")
				return
			case f.expired:
				liError(w, http.StatusUnauthorized, "EXPIRED_ACCESS_TOKEN", 65601, "The token used in the request has expired")
				return
			case v == "":
				liError(w, http.StatusBadRequest, "VERSION_MISSING", 0, "A version must be present. Please specify a version by adding the LinkedIn-Version header.")
				return
			case !f.versions[v]:
				liError(w, http.StatusUpgradeRequired, "NONEXISTENT_VERSION", 0, "Requested version "+v+" is not active")
				return
			case r.Header.Get("X-Restli-Protocol-Version") != "2.0.0":
				liError(w, http.StatusBadRequest, "", 0, "X-Restli-Protocol-Version 2.0.0 is required")
				return
			}
			if r.Method == http.MethodPost {
				if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
					liError(w, http.StatusBadRequest, "", 0, "Content-Type must be application/json")
					return
				}
			}
			if strings.Contains(route, "{urn}") && !strings.Contains(r.URL.EscapedPath(), "urn%3Ali%3A") {
				liError(w, http.StatusBadRequest, "", 0, "the URN in the path must be URL-encoded")
				return
			}
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
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(a.status)
				io.WriteString(w, a.body)
				return
			}
		}
		h(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// strict decodes a JSON body, refusing fields the documentation does not name.
func strict(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		liError(w, http.StatusUnprocessableEntity, "", 0, "ERROR :: "+err.Error())
		return false
	}
	return true
}

func (f *fakeLinkedIn) post(urn string) *fakePost {
	for _, p := range f.posts {
		if p.URN == urn && !p.Deleted {
			return p
		}
	}
	return nil
}

// live returns the posts that are out, in the order they were made.
func (f *fakeLinkedIn) live() []*fakePost {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*fakePost
	for _, p := range f.posts {
		if !p.Deleted {
			out = append(out, p)
		}
	}
	return out
}

func (f *fakeLinkedIn) count(route string) int {
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

type imageRef struct {
	ID      string `json:"id"`
	AltText string `json:"altText,omitempty"`
	Title   string `json:"title,omitempty"`
}

func (f *fakeLinkedIn) createPost(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Author       *string `json:"author"`
		Commentary   *string `json:"commentary"`
		Visibility   string  `json:"visibility"`
		Distribution *struct {
			FeedDistribution               string    `json:"feedDistribution"`
			TargetEntities                 *[]any    `json:"targetEntities"`
			ThirdPartyDistributionChannels *[]string `json:"thirdPartyDistributionChannels"`
		} `json:"distribution"`
		Content *struct {
			Media      *imageRef `json:"media"`
			MultiImage *struct {
				Images []imageRef `json:"images"`
			} `json:"multiImage"`
		} `json:"content"`
		LifecycleState            string `json:"lifecycleState"`
		IsReshareDisabledByAuthor *bool  `json:"isReshareDisabledByAuthor"`
		ContentLandingPage        string `json:"contentLandingPage"`
	}
	if !strict(w, r, &body) {
		return
	}
	switch {
	case body.Author == nil || body.Commentary == nil:
		liError(w, 422, "", 0, "ERROR :: /author and /commentary are required")
		return
	case *body.Author != org:
		liError(w, 403, "", 100, "Not enough permissions to access: partnerApiPostsExternal.CREATE.20260901")
		return
	case body.Visibility != "PUBLIC" && body.Visibility != "CONNECTIONS" && body.Visibility != "LOGGED_IN":
		liError(w, 422, "", 0, "ERROR :: /visibility :: invalid enum value")
		return
	case body.Distribution == nil || body.Distribution.FeedDistribution != "MAIN_FEED" && body.Distribution.FeedDistribution != "NONE" ||
		body.Distribution.TargetEntities == nil || body.Distribution.ThirdPartyDistributionChannels == nil:
		liError(w, 422, "", 0, "ERROR :: /distribution :: feedDistribution, targetEntities and thirdPartyDistributionChannels are required")
		return
	case body.LifecycleState != "PUBLISHED":
		liError(w, 422, "", 0, "ERROR :: /lifecycleState :: PUBLISHED expected")
		return
	}
	var media []imageRef
	if body.Content != nil {
		switch {
		case body.Content.Media != nil && body.Content.MultiImage == nil:
			media = []imageRef{*body.Content.Media}
		case body.Content.MultiImage != nil && body.Content.Media == nil:
			media = body.Content.MultiImage.Images
			if len(media) < 2 || len(media) > 20 {
				liError(w, 422, "", 0, "ERROR :: /content/multiImage/images :: 2 to 20 images")
				return
			}
		default:
			liError(w, 422, "", 0, "ERROR :: /content :: one content type")
			return
		}
	}
	var contents []fakeContent
	for _, m := range media {
		img := f.images[m.ID]
		if img == nil || !img.Uploaded || img.Polls > 0 || img.Owner != org {
			liError(w, 422, "", 0, "ERROR :: /content :: image "+m.ID+" is not available")
			return
		}
		contents = append(contents, fakeContent{ID: m.ID, Alt: m.AltText})
	}
	for _, p := range f.posts {
		if !p.Deleted && p.Author == org && p.Commentary == *body.Commentary {
			writeJSON(w, 422, map[string]any{"errorDetailType": "com.linkedin.common.error.BadRequest",
				"message":      "com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of " + p.URN,
				"errorDetails": map[string]any{"inputErrors": []map[string]any{{"description": "Duplicate post is detected", "input": map[string]any{}, "code": "DUPLICATE_POST"}}},
				"status":       422})
			return
		}
	}
	f.seq++
	p := &fakePost{URN: "urn:li:share:73000000000000" + fmt.Sprintf("%05d", f.seq), Author: org, Commentary: *body.Commentary, Media: contents, Created: f.clock}
	p.Shown, p.Tags = parseLittle(p.Commentary)
	f.clock = f.clock.Add(time.Second)
	f.posts = append(f.posts, p)
	w.Header().Set("x-restli-id", p.URN)
	w.Header().Set("Date", p.Created.Format(http.TimeFormat))
	w.WriteHeader(http.StatusCreated)
}

func (f *fakeLinkedIn) postJSON(p *fakePost) map[string]any {
	return map[string]any{"id": p.URN, "author": p.Author, "commentary": p.Commentary, "createdAt": p.Created.UnixMilli(),
		"publishedAt": p.Created.UnixMilli(), "lastModifiedAt": p.Created.UnixMilli(), "lifecycleState": "PUBLISHED", "visibility": "PUBLIC",
		"distribution":              map[string]any{"feedDistribution": "MAIN_FEED", "targetEntities": []any{}, "thirdPartyDistributionChannels": []any{}},
		"isReshareDisabledByAuthor": false}
}

func (f *fakeLinkedIn) getPost(w http.ResponseWriter, r *http.Request) {
	p := f.post(r.PathValue("urn"))
	if p == nil {
		liError(w, 404, "", 0, "Not Found")
		return
	}
	writeJSON(w, 200, f.postJSON(p))
}

func (f *fakeLinkedIn) findPosts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if r.Header.Get("X-RestLi-Method") != "FINDER" || q.Get("q") != "author" {
		liError(w, 400, "", 0, "Invalid query parameters passed to request")
		return
	}
	if q.Get("author") != org {
		liError(w, 403, "", 100, "Not enough permissions to access: partnerApiPostsExternal.FINDER-author")
		return
	}
	count, start := 10, 0
	if s := q.Get("count"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			liError(w, 400, "", 0, "count must be 1 to 100")
			return
		}
		count = n
	}
	if s := q.Get("start"); s != "" {
		start, _ = strconv.Atoi(s)
	}
	if s := q.Get("sortBy"); s != "" && s != "CREATED" && s != "LAST_MODIFIED" {
		liError(w, 400, "", 0, "sortBy must be CREATED or LAST_MODIFIED")
		return
	}
	var list []*fakePost
	for _, p := range f.posts {
		if !p.Deleted {
			list = append(list, p)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Created.After(list[j].Created) })
	elements := []map[string]any{}
	for i := start; i < len(list) && i < start+count; i++ {
		elements = append(elements, f.postJSON(list[i]))
	}
	writeJSON(w, 200, map[string]any{"elements": elements, "paging": map[string]any{"start": start, "count": count, "links": []any{}}})
}

func (f *fakeLinkedIn) deletePost(w http.ResponseWriter, r *http.Request) {
	p := f.post(r.PathValue("urn"))
	if p == nil {
		liError(w, 404, "", 0, "Not Found")
		return
	}
	p.Deleted = true
	delete(f.comments, p.URN)
	w.WriteHeader(http.StatusNoContent)
}

func (f *fakeLinkedIn) initUpload(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("action") != "initializeUpload" {
		liError(w, 400, "", 0, "unknown action")
		return
	}
	var body struct {
		InitializeUploadRequest *struct {
			Owner string `json:"owner"`
		} `json:"initializeUploadRequest"`
	}
	if !strict(w, r, &body) {
		return
	}
	if body.InitializeUploadRequest == nil || body.InitializeUploadRequest.Owner != org {
		liError(w, 403, "", 100, "Not enough permissions to upload for this owner")
		return
	}
	f.seq++
	id := fmt.Sprintf("D4E10AQ%06d", f.seq)
	f.images["urn:li:image:"+id] = &fakeImage{Owner: org}
	writeJSON(w, 200, map[string]any{"value": map[string]any{
		"uploadUrlExpiresAt": f.clock.Add(time.Hour).UnixMilli(),
		"uploadUrl":          f.srv.URL + "/dms-uploads/" + id + "?ca=vector_feedshare&cn=uploads&sync=0&v=beta&ut=0Xyz",
		"image":              "urn:li:image:" + id}})
}

func (f *fakeLinkedIn) putImage(w http.ResponseWriter, r *http.Request) {
	img := f.images["urn:li:image:"+r.PathValue("id")]
	if r.Header.Get("Authorization") != "Bearer "+bearerToken {
		liError(w, 401, "", 65600, "Invalid access token")
		return
	}
	if img == nil {
		liError(w, 404, "", 0, "Not Found")
		return
	}
	img.Bytes, _ = io.ReadAll(r.Body)
	img.Uploaded = true
	img.Polls = f.processing
	img.PutAuth = r.Header.Get("Authorization")
	w.WriteHeader(http.StatusCreated)
}

func (f *fakeLinkedIn) getImage(w http.ResponseWriter, r *http.Request) {
	img := f.images[r.PathValue("urn")]
	if img == nil {
		liError(w, 404, "", 0, "Not Found")
		return
	}
	status := "AVAILABLE"
	switch {
	case !img.Uploaded:
		status = "WAITING_UPLOAD"
	case img.Polls > 0:
		img.Polls--
		status = "PROCESSING"
	}
	writeJSON(w, 200, map[string]any{"id": r.PathValue("urn"), "owner": img.Owner, "status": status})
}

func (f *fakeLinkedIn) createComment(w http.ResponseWriter, r *http.Request) {
	target := r.PathValue("urn")
	var body struct {
		Actor   string `json:"actor"`
		Object  string `json:"object"`
		Message *struct {
			Text       string `json:"text"`
			Attributes []any  `json:"attributes"`
		} `json:"message"`
		ParentComment string `json:"parentComment"`
	}
	if !strict(w, r, &body) {
		return
	}
	switch {
	case body.Actor != org:
		liError(w, 403, "", 100, "Not enough permissions to comment as "+body.Actor)
		return
	case body.Object != target || f.post(target) == nil:
		liError(w, 404, "", 0, "Not Found")
		return
	case body.Message == nil || body.Message.Text == "":
		liError(w, 422, "", 0, "ERROR :: /message/text is required")
		return
	}
	f.seq++
	id := strconv.Itoa(7100000000000000000 + f.seq)
	cm := &fakeComment{ID: id, URN: "urn:li:comment:(urn:li:activity:7299999999999999999," + id + ")", Actor: body.Actor, Object: target, Text: body.Message.Text}
	f.comments[target] = append(f.comments[target], cm)
	w.Header().Set("x-restli-id", id)
	writeJSON(w, 201, commentJSON(cm))
}

func commentJSON(cm *fakeComment) map[string]any {
	return map[string]any{"actor": cm.Actor, "commentUrn": cm.URN, "id": cm.ID, "object": cm.Object,
		"message": map[string]any{"text": cm.Text, "attributes": []any{}}, "created": map[string]any{"actor": cm.Actor, "time": 1}}
}

func (f *fakeLinkedIn) listComments(w http.ResponseWriter, r *http.Request) {
	elements := []map[string]any{}
	for _, cm := range f.comments[r.PathValue("urn")] {
		elements = append(elements, commentJSON(cm))
	}
	writeJSON(w, 200, map[string]any{"elements": elements, "paging": map[string]any{"start": 0, "count": len(elements)}})
}

func (f *fakeLinkedIn) introspect(w http.ResponseWriter, r *http.Request) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		writeJSON(w, 400, map[string]any{"error": "invalid_request", "error_description": "form body expected"})
		return
	}
	if r.Header.Get("Authorization") != "" {
		writeJSON(w, 400, map[string]any{"error": "invalid_request", "error_description": "no Authorization header here"})
		return
	}
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	if form.Get("client_id") != clientID || form.Get("client_secret") != clientSecret {
		writeJSON(w, 401, map[string]any{"error": "invalid_client", "error_description": "Client authentication failed"})
		return
	}
	if form.Get("token") != bearerToken {
		writeJSON(w, 200, map[string]any{"active": false})
		return
	}
	if !f.active {
		writeJSON(w, 200, map[string]any{"active": false, "status": "revoked"})
		return
	}
	writeJSON(w, 200, map[string]any{"active": true, "client_id": clientID, "authorized_at": f.expiresAt - 60*86400,
		"created_at": f.expiresAt - 60*86400, "status": "active", "expires_at": f.expiresAt,
		"scope": "r_organization_social,w_organization_social", "auth_type": "3L"})
}

// shareStatistics answers GET /rest/organizationalEntityShareStatistics
// for the posts named in shares=List(…) or ugcPosts=List(…), reading the
// Rest.li 2.0 query as written.
func (f *fakeLinkedIn) shareStatistics(w http.ResponseWriter, r *http.Request) {
	raw := map[string]string{}
	for _, kv := range strings.Split(r.URL.RawQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "q", "organizationalEntity", "shares", "ugcPosts", "timeIntervals":
		default:
			liError(w, 400, "", 0, "Invalid query parameters passed to request: "+k)
			return
		}
		if _, dup := raw[k]; dup {
			liError(w, 400, "", 0, "Duplicate query parameter "+k)
			return
		}
		raw[k] = v
	}
	if raw["q"] != "organizationalEntity" {
		liError(w, 400, "", 0, "Invalid query parameters passed to request")
		return
	}
	entity, err := url.QueryUnescape(raw["organizationalEntity"])
	if err != nil || !strings.HasPrefix(raw["organizationalEntity"], "urn%3Ali%3Aorganization%3A") {
		liError(w, 400, "", 0, "Invalid value for param organizationalEntity: the URN must be URL-encoded")
		return
	}
	if entity != org {
		liError(w, 403, "ACCESS_DENIED", 100, "Not enough permissions to access: organizationalEntityShareStatistics.FINDER-organizationalEntity.20260901")
		return
	}
	asked := map[string]string{} // URN -> "share" or "ugcPost"
	for param, kind := range map[string]string{"shares": "share", "ugcPosts": "ugcPost"} {
		v, ok := raw[param]
		if !ok {
			continue
		}
		inner, ok := strings.CutPrefix(v, "List(")
		if !ok || !strings.HasSuffix(inner, ")") || len(inner) == 1 {
			liError(w, 400, "", 0, "Invalid value for param "+param+": a Rest.li 2.0 List(…) is expected")
			return
		}
		for _, item := range strings.Split(strings.TrimSuffix(inner, ")"), ",") {
			id, err := url.QueryUnescape(item)
			if err != nil || strings.ContainsAny(item, ":()") || !strings.HasPrefix(id, "urn:li:"+kind+":") {
				liError(w, 400, "", 0, "Invalid value for param "+param+": "+item+" is not an encoded urn:li:"+kind)
				return
			}
			asked[id] = kind
		}
	}
	since := f.clock.AddDate(-1, 0, 0)
	elements := []map[string]any{}
	for _, p := range f.posts {
		kind, ok := asked[p.URN]
		if !ok || p.Deleted || p.Author != org || p.Stats == nil || p.Created.Before(since) {
			continue
		}
		s := p.Stats
		engagement := 0.0
		if s.Impressions > 0 {
			engagement = float64(s.Likes+s.Comments+s.Shares+s.Clicks) / float64(s.Impressions)
		}
		elements = append(elements, map[string]any{"organizationalEntity": org, kind: p.URN, "totalShareStatistics": map[string]any{
			"uniqueImpressionsCount": s.Unique, "shareCount": s.Shares, "engagement": engagement, "clickCount": s.Clicks,
			"likeCount": s.Likes, "impressionCount": s.Impressions, "commentCount": s.Comments}})
	}
	writeJSON(w, 200, map[string]any{"paging": map[string]any{"count": 10, "start": 0, "links": []any{}}, "elements": elements})
}
