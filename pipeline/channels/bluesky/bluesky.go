package bluesky

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

// Client publishes to one account on a PDS.
type Client struct {
	Service    string // the PDS or entryway, without a trailing slash
	Identifier string // createSession's identifier: the handle
	AppURL     string // where receipts point: https://bsky.app
	LinkCards  bool
	// AppView is where Measure reads the counters (app.bsky.feed.getPosts):
	// a service reference such as did:web:api.bsky.app#bsky_appview, sent
	// to the PDS as the atproto-proxy header, or the URL of an AppView
	// asked directly (see Measure).
	AppView string
	// CardTimeout bounds the fetch of a link card's page and image.
	CardTimeout time.Duration
	Now         func() time.Time

	password string
	http     *httpapi.Client
	cards    *httpapi.Client

	mu       sync.Mutex
	sess     *session
	resolved map[string]string // handle -> DID, "" when it does not resolve
	route    *route            // how Measure reaches an AppView, once it knows
}

var (
	_ pipeline.Channel   = (*Client)(nil)
	_ pipeline.Finder    = (*Client)(nil)
	_ pipeline.Retracter = (*Client)(nil)
	_ pipeline.Meter     = (*Client)(nil)
)

// facts is what pipeline's table of networks says of Bluesky: how many
// images a post takes (app.bsky.embed.images: images maxLength) and the
// size of each (app.bsky.embed.images#image: maxSize).
var facts, _ = pipeline.LookupNetwork("bluesky")

const (
	postCollection = "app.bsky.feed.post"
	maxThumbBytes  = 1000000 // app.bsky.embed.external#external: thumb maxSize
)

// FromConfig builds the client of a crieur.yml channel of type bluesky.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	env, ok := cc.Secrets["app_password"]
	if !ok || env == "" {
		return nil, fmt.Errorf("bluesky channel %s needs an app password: add secrets: {app_password: BLUESKY_APP_PASSWORD} to channels.%s in crieur.yml and set that environment variable", cc.Name, cc.Name)
	}
	password, err := cc.Secret(secrets, "app_password")
	if err != nil {
		return nil, err
	}
	handle := strings.TrimPrefix(strings.TrimSpace(cc.Options["handle"]), "@")
	if handle == "" {
		return nil, fmt.Errorf("bluesky channel %s: option \"handle\" is required (crieur.yml: channels.%s.options.handle: name.bsky.social)", cc.Name, cc.Name)
	}
	service, err := baseURL(cc, "service", "https://bsky.social")
	if err != nil {
		return nil, err
	}
	app, err := baseURL(cc, "app_url", "https://bsky.app")
	if err != nil {
		return nil, err
	}
	appview, err := appViewOption(cc)
	if err != nil {
		return nil, err
	}
	cards := true
	if s := cc.Options["link_cards"]; s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("bluesky channel %s: option link_cards %q is not true or false", cc.Name, s)
		}
		cards = b
	}
	host := service
	if u, err := url.Parse(service); err == nil {
		host = u.Host
	}
	return &Client{
		Service:     service,
		Identifier:  handle,
		AppURL:      app,
		LinkCards:   cards,
		AppView:     appview,
		CardTimeout: 5 * time.Second,
		password:    password,
		http: &httpapi.Client{Secrets: httpapi.Values(secrets),
			Network: "bluesky",
			Client:  hc,
			AuthHint: fmt.Sprintf("the app password in %s was refused by %s for %s: create an app password (Settings → Privacy and security → App passwords) and put it in %s",
				env, host, handle, env),
		},
		cards: &httpapi.Client{Secrets: httpapi.Values(secrets),
			Network: "bluesky link card",
			Client:  hc,
			Header:  http.Header{"User-Agent": {"crieur (link card)"}},
			Retries: -1,
			MaxBody: 2 << 20,
		},
	}, nil
}

// appViewOption reads the option appview: a service reference (a DID, #,
// a service id), which the PDS resolves, or an AppView's http(s) URL;
// defaultAppView when it is not set.
func appViewOption(cc pipeline.ChannelConfig) (string, error) {
	s := strings.TrimSpace(cc.Options["appview"])
	if s == "" {
		return defaultAppView, nil
	}
	if strings.HasPrefix(s, "did:") {
		did, id, ok := strings.Cut(s, "#")
		if !ok || id == "" || strings.Count(did, ":") < 2 || strings.ContainsAny(s, " \t") || strings.Contains(id, "#") {
			return "", fmt.Errorf("bluesky channel %s: option appview %q is not a service reference such as %s (a DID, #, a service id)", cc.Name, s, defaultAppView)
		}
		return s, nil
	}
	u, err := url.Parse(strings.TrimRight(s, "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("bluesky channel %s: option appview %q is neither a service reference such as %s nor an http(s) URL", cc.Name, s, defaultAppView)
	}
	return strings.TrimRight(s, "/"), nil
}

func baseURL(cc pipeline.ChannelConfig, option, def string) (string, error) {
	s := strings.TrimRight(strings.TrimSpace(cc.Options[option]), "/")
	if s == "" {
		return def, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("bluesky channel %s: option %s %q is not an http(s) URL", cc.Name, option, s)
	}
	return s, nil
}

// session is what createSession and refreshSession answer.
type session struct {
	AccessJwt  string `json:"accessJwt"`
	RefreshJwt string `json:"refreshJwt"`
	Handle     string `json:"handle"`
	DID        string `json:"did"`
}

// xrpcError is an XRPC error body: {"error": "ExpiredToken", "message": …}.
func xrpcError(res *httpapi.Response) string {
	if res == nil {
		return ""
	}
	var e struct {
		Error string `json:"error"`
	}
	json.Unmarshal(res.Body, &e)
	return e.Error
}

// send sends one XRPC request to the PDS with the given bearer token (""
// for none).
func (c *Client) send(ctx context.Context, method, nsid string, q url.Values, body []byte, ctype, token string, out any) (*httpapi.Response, error) {
	return c.sendTo(ctx, c.Service, method, nsid, q, body, ctype, token, nil, out)
}

// sendTo sends one XRPC request to the service at base (the PDS, or an
// AppView Measure asks directly) with extra headers (atproto-proxy).
func (c *Client) sendTo(ctx context.Context, base, method, nsid string, q url.Values, body []byte, ctype, token string, header http.Header, out any) (*httpapi.Response, error) {
	u := base + "/xrpc/" + nsid
	if nsid != "com.atproto.repo.createRecord" {
		// Only createRecord publishes: a login, a blob or a deletion
		// is safe to try again, and its failure sends nothing.
		ctx = httpapi.CreatesNothing(ctx)
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var rd *bytes.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	var req *http.Request
	var err error
	if rd != nil {
		req, err = http.NewRequestWithContext(ctx, method, u, rd)
	} else {
		req, err = http.NewRequestWithContext(ctx, method, u, nil)
	}
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "application/json")
	for k, vs := range header {
		req.Header[k] = vs
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	op := method + " " + nsid
	res, err := c.http.Do(req, op)
	if err != nil {
		return res, err
	}
	if out != nil && len(bytes.TrimSpace(res.Body)) > 0 {
		if err := json.Unmarshal(res.Body, out); err != nil {
			return res, &pipeline.Failure{Network: "bluesky", Op: op, Status: res.Status, Message: "unexpected answer: " + err.Error(), Err: err}
		}
	}
	return res, nil
}

// login creates the session (com.atproto.server.createSession).
func (c *Client) login(ctx context.Context) (*session, error) {
	in, _ := json.Marshal(map[string]string{"identifier": c.Identifier, "password": c.password})
	var s session
	if _, err := c.send(ctx, http.MethodPost, "com.atproto.server.createSession", nil, in, "application/json", "", &s); err != nil {
		return nil, err
	}
	if s.AccessJwt == "" || s.DID == "" {
		return nil, &pipeline.Failure{Network: "bluesky", Op: "POST com.atproto.server.createSession", Message: "the answer has no session"}
	}
	return &s, nil
}

// session returns the client's session, logging in the first time.
func (c *Client) session(ctx context.Context) (*session, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess != nil {
		return c.sess, nil
	}
	s, err := c.login(ctx)
	if err != nil {
		return nil, err
	}
	c.sess = s
	return s, nil
}

// renew replaces an expired session: refreshSession with its refresh
// token, or a new login when that is refused too.
func (c *Client) renew(ctx context.Context, old *session) (*session, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess != old && c.sess != nil {
		return c.sess, nil // renewed meanwhile
	}
	var s session
	_, err := c.send(ctx, http.MethodPost, "com.atproto.server.refreshSession", nil, nil, "", old.RefreshJwt, &s)
	if err != nil || s.AccessJwt == "" {
		if f := pipeline.AsFailure(err); f != nil && f.Temporary {
			return nil, err
		}
		ns, lerr := c.login(ctx)
		if lerr != nil {
			return nil, lerr
		}
		c.sess = ns
		return ns, nil
	}
	if s.RefreshJwt == "" {
		s.RefreshJwt = old.RefreshJwt
	}
	if s.DID == "" {
		s.DID, s.Handle = old.DID, old.Handle
	}
	c.sess = &s
	return &s, nil
}

// call sends an authenticated XRPC request; when the access token has
// expired it renews the session and sends the request once more (the PDS
// refused the first one: nothing was done).
func (c *Client) call(ctx context.Context, method, nsid string, q url.Values, body []byte, ctype string, out any) (*httpapi.Response, error) {
	return c.callWith(ctx, method, nsid, q, body, ctype, nil, out)
}

// callWith is call with extra headers.
func (c *Client) callWith(ctx context.Context, method, nsid string, q url.Values, body []byte, ctype string, header http.Header, out any) (*httpapi.Response, error) {
	s, err := c.session(ctx)
	if err != nil {
		return nil, err
	}
	res, err := c.sendTo(ctx, c.Service, method, nsid, q, body, ctype, s.AccessJwt, header, out)
	if err != nil && xrpcError(res) == "ExpiredToken" {
		s, rerr := c.renew(ctx, s)
		if rerr != nil {
			return nil, rerr
		}
		res, err = c.sendTo(ctx, c.Service, method, nsid, q, body, ctype, s.AccessJwt, header, out)
	}
	return res, err
}

func (c *Client) callJSON(ctx context.Context, nsid string, in, out any) (*httpapi.Response, error) {
	b, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	return c.call(ctx, http.MethodPost, nsid, nil, b, "application/json", out)
}

// strongRef is com.atproto.repo.strongRef.
type strongRef struct {
	URI string `json:"uri"`
	CID string `json:"cid"`
}

type replyRef struct {
	Root   strongRef `json:"root"`
	Parent strongRef `json:"parent"`
}

// post is an app.bsky.feed.post record.
type post struct {
	Type      string    `json:"$type"`
	Text      string    `json:"text"`
	CreatedAt string    `json:"createdAt"`
	Langs     []string  `json:"langs,omitempty"`
	Facets    []facet   `json:"facets,omitempty"`
	Embed     any       `json:"embed,omitempty"`
	Reply     *replyRef `json:"reply,omitempty"`
}

// facet is app.bsky.richtext.facet.
type facet struct {
	Index    byteSlice        `json:"index"`
	Features []map[string]any `json:"features"`
}

type byteSlice struct {
	ByteStart int `json:"byteStart"`
	ByteEnd   int `json:"byteEnd"`
}

// record is a record as getRecord answers it.
type record struct {
	URI   string          `json:"uri"`
	CID   string          `json:"cid"`
	Value json.RawMessage `json:"value"`
}

func (r *record) createdAt() time.Time {
	var v struct {
		CreatedAt string `json:"createdAt"`
	}
	json.Unmarshal(r.Value, &v)
	t, _ := time.Parse(time.RFC3339Nano, v.CreatedAt)
	return t
}

// item is one record a message becomes: a part or the first comment.
type item struct {
	text   string
	parent int // the item it replies to, -1 for none
	rkey   string
}

func items(m pipeline.Message) []item {
	var out []item
	for i, p := range m.Parts {
		out = append(out, item{text: p, parent: i - 1, rkey: recordKey(m.Key, i)})
	}
	if strings.TrimSpace(m.FirstComment) != "" {
		out = append(out, item{text: m.FirstComment, parent: 0, rkey: recordKey(m.Key, len(m.Parts))})
	}
	return out
}

func check(m pipeline.Message) error {
	if m.Key == "" {
		return errors.New("bluesky: a message needs its idempotency key")
	}
	if len(m.Parts) == 0 {
		return &pipeline.Failure{Network: "bluesky", Op: "publish", Message: "the message has no text"}
	}
	if len(m.Parts) > maxIndex {
		return &pipeline.Failure{Network: "bluesky", Op: "publish", Message: fmt.Sprintf("a thread of %d parts: at most %d", len(m.Parts), maxIndex)}
	}
	if len(m.Media) > facts.Media.Max {
		return &pipeline.Failure{Network: "bluesky", Op: "publish", Message: fmt.Sprintf("%d images: a post takes at most %d", len(m.Media), facts.Media.Max)}
	}
	return nil
}

// getRecord reads a record of the account; nil when there is none.
func (c *Client) getRecord(ctx context.Context, repo, collection, rkey string) (*record, error) {
	q := url.Values{"repo": {repo}, "collection": {collection}, "rkey": {rkey}}
	var r record
	res, err := c.call(ctx, http.MethodGet, "com.atproto.repo.getRecord", q, nil, "", &r)
	if err != nil {
		if xrpcError(res) == "RecordNotFound" {
			return nil, nil
		}
		return nil, err
	}
	return &r, nil
}

// Publish sends the message's records that are not out yet (see the
// package comment).
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if err := check(m); err != nil {
		return pipeline.Receipt{}, err
	}
	s, err := c.session(ctx)
	if err != nil {
		return pipeline.Receipt{}, err
	}
	its := items(m)
	out := make([]*record, len(its))
	for i, it := range its {
		r, err := c.getRecord(ctx, s.DID, postCollection, it.rkey)
		if err != nil {
			return pipeline.Receipt{}, c.partial(i, len(its), err)
		}
		if r == nil {
			var media []pipeline.Attachment
			if i == 0 {
				media = m.Media
			}
			r, err = c.create(ctx, s.DID, it, out, media, m.Lang)
			if err != nil {
				return pipeline.Receipt{}, c.partial(i, len(its), err)
			}
		}
		out[i] = r
	}
	return c.receipt(s, out), nil
}

func (c *Client) partial(i, n int, err error) error {
	if i == 0 {
		return err
	}
	return pipeline.SentAnyway(err, pipeline.Out{Network: "bluesky", What: fmt.Sprintf("%d of %d records are out", i, n), Again: "sends the rest"})
}

// create builds an item's record and creates it at its record key.
func (c *Client) create(ctx context.Context, did string, it item, out []*record, media []pipeline.Attachment, lang string) (*record, error) {
	p := post{Type: postCollection, Text: it.text, CreatedAt: c.now().UTC().Format("2006-01-02T15:04:05.000Z")}
	if lang != "" {
		p.Langs = []string{lang}
	}
	spans := findSpans(it.text)
	facets, err := c.facets(ctx, spans)
	if err != nil {
		return nil, err
	}
	p.Facets = facets
	if it.parent >= 0 {
		p.Reply = &replyRef{Root: strongRef{out[0].URI, out[0].CID}, Parent: strongRef{out[it.parent].URI, out[it.parent].CID}}
	}
	if len(media) > 0 {
		embed, err := c.images(ctx, media)
		if err != nil {
			return nil, err
		}
		p.Embed = embed
	} else if c.LinkCards {
		for _, s := range spans {
			if s.Kind == "link" {
				p.Embed = c.card(ctx, s.Value)
				break
			}
		}
	}
	in := map[string]any{"repo": did, "collection": postCollection, "rkey": it.rkey, "record": p}
	var ref strongRef
	_, err = c.callJSON(ctx, "com.atproto.repo.createRecord", in, &ref)
	if err != nil {
		// The record may be there all the same: a key already in use (the
		// PDS answers a bare 500), an answer lost.
		got, gerr := c.getRecord(ctx, did, postCollection, it.rkey)
		if gerr == nil && got != nil {
			return got, nil
		}
		if f := pipeline.AsFailure(err); f != nil && f.MaybeSent && gerr == nil {
			g := *f
			g.MaybeSent = false // looked: it is not there
			return nil, &g
		}
		return nil, err
	}
	if ref.URI == "" || ref.CID == "" {
		return nil, &pipeline.Failure{Network: "bluesky", Op: "POST com.atproto.repo.createRecord", Message: "the answer has no uri or cid", MaybeSent: true}
	}
	b, _ := json.Marshal(p)
	return &record{URI: ref.URI, CID: ref.CID, Value: b}, nil
}

// facets turns the spans into facets, resolving mentions to DIDs; a
// mention whose handle does not resolve gets none.
func (c *Client) facets(ctx context.Context, spans []span) ([]facet, error) {
	var out []facet
	for _, s := range spans {
		var feat map[string]any
		switch s.Kind {
		case "link":
			feat = map[string]any{"$type": "app.bsky.richtext.facet#link", "uri": s.Value}
		case "tag":
			feat = map[string]any{"$type": "app.bsky.richtext.facet#tag", "tag": s.Value}
		case "mention":
			did, err := c.resolve(ctx, s.Value)
			if err != nil {
				return nil, err
			}
			if did == "" {
				continue
			}
			feat = map[string]any{"$type": "app.bsky.richtext.facet#mention", "did": did}
		}
		out = append(out, facet{Index: byteSlice{s.Start, s.End}, Features: []map[string]any{feat}})
	}
	return out, nil
}

// resolve returns a handle's DID (com.atproto.identity.resolveHandle), ""
// when the handle does not resolve. Only a temporary failure is an error.
func (c *Client) resolve(ctx context.Context, handle string) (string, error) {
	c.mu.Lock()
	did, ok := c.resolved[handle]
	c.mu.Unlock()
	if ok {
		return did, nil
	}
	var out struct {
		DID string `json:"did"`
	}
	_, err := c.send(ctx, http.MethodGet, "com.atproto.identity.resolveHandle", url.Values{"handle": {handle}}, nil, "", "", &out)
	if f := pipeline.AsFailure(err); f != nil && f.Temporary {
		return "", err
	}
	if err != nil || !strings.HasPrefix(out.DID, "did:") {
		out.DID = ""
	}
	c.mu.Lock()
	if c.resolved == nil {
		c.resolved = map[string]string{}
	}
	c.resolved[handle] = out.DID
	c.mu.Unlock()
	return out.DID, nil
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// parseURI splits a record's AT URI: at://repo/collection/rkey.
func parseURI(uri string) (repo, collection, rkey string, ok bool) {
	rest, found := strings.CutPrefix(uri, "at://")
	if !found {
		return "", "", "", false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

func (c *Client) receipt(s *session, recs []*record) pipeline.Receipt {
	_, _, rkey, _ := parseURI(recs[0].URI)
	handle := s.Handle
	if handle == "" {
		handle = s.DID
	}
	r := pipeline.Receipt{ID: recs[0].URI, URL: c.AppURL + "/profile/" + handle + "/post/" + rkey, At: recs[0].createdAt()}
	for _, x := range recs[1:] {
		r.Parts = append(r.Parts, x.URI)
	}
	return r
}

// Find reports the message's records when all of them exist.
func (c *Client) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	if err := check(m); err != nil {
		return pipeline.Receipt{}, false, err
	}
	s, err := c.session(ctx)
	if err != nil {
		return pipeline.Receipt{}, false, err
	}
	its := items(m)
	recs := make([]*record, len(its))
	for i, it := range its {
		r, err := c.getRecord(ctx, s.DID, postCollection, it.rkey)
		if err != nil {
			return pipeline.Receipt{}, false, err
		}
		if r == nil {
			return pipeline.Receipt{}, false, nil
		}
		recs[i] = r
	}
	return c.receipt(s, recs), true, nil
}

// Retract deletes the other parts and the first comment (last first), then
// the first post. A record already gone is not an error.
func (c *Client) Retract(ctx context.Context, r pipeline.Receipt) error {
	for _, uri := range r.TakedownOrder() {
		repo, coll, rkey, ok := parseURI(uri)
		if !ok {
			return fmt.Errorf("bluesky: %q is not an at:// URI of a record", uri)
		}
		res, err := c.callJSON(ctx, "com.atproto.repo.deleteRecord", map[string]string{"repo": repo, "collection": coll, "rkey": rkey}, nil)
		if err != nil && xrpcError(res) == "RecordNotFound" {
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Record is a record read back: its AT URI, CID and value (for a post:
// text, createdAt, langs, facets, embed, reply).
type Record struct {
	URI   string
	CID   string
	Value map[string]any
}

// Record reads a record by its at:// URI (com.atproto.repo.getRecord). A
// record that does not exist is a *pipeline.Failure with Status 404.
func (c *Client) Record(ctx context.Context, uri string) (Record, error) {
	repo, coll, rkey, ok := parseURI(uri)
	if !ok {
		return Record{}, fmt.Errorf("bluesky: %q is not an at:// URI of a record", uri)
	}
	r, err := c.getRecord(ctx, repo, coll, rkey)
	if err != nil {
		return Record{}, err
	}
	if r == nil {
		return Record{}, &pipeline.Failure{Network: "bluesky", Op: "GET com.atproto.repo.getRecord", Status: http.StatusNotFound, Message: "RecordNotFound"}
	}
	out := Record{URI: r.URI, CID: r.CID}
	if err := json.Unmarshal(r.Value, &out.Value); err != nil {
		return Record{}, err
	}
	return out, nil
}
