package mastodon

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

// Client publishes to one account of a Mastodon server.
type Client struct {
	Server     string        // base URL, without a trailing slash
	Visibility string        // public, unlisted, private or direct
	FindWithin time.Duration // how far back the look-up for sent parts goes
	// PollEvery is the pause between two looks at an image still being
	// processed; MaxPolls caps them.
	PollEvery time.Duration
	MaxPolls  int
	// Sleep waits between polls; nil waits for real (tests shorten it).
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time

	http *httpapi.Client

	mu        sync.Mutex
	accountID string
}

var (
	_ pipeline.Channel   = (*Client)(nil)
	_ pipeline.Finder    = (*Client)(nil)
	_ pipeline.Retracter = (*Client)(nil)
	_ pipeline.Meter     = (*Client)(nil)
)

// facts is what pipeline's table of networks says of Mastodon: how many
// images methods/statuses accepts in media_ids[].
var facts, _ = pipeline.LookupNetwork("mastodon")

// maxPages caps the account's pages of statuses read by a look-up (40 each).
const maxPages = 5

// FromConfig builds the client of a crieur.yml channel of type mastodon.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	env, ok := cc.Secrets["token"]
	if !ok || env == "" {
		return nil, fmt.Errorf("mastodon channel %s needs an access token: add secrets: {token: MSTDN_TOKEN} to channels.%s in crieur.yml and set that environment variable", cc.Name, cc.Name)
	}
	token, err := cc.Secret(secrets, "token")
	if err != nil {
		return nil, err
	}
	server := strings.TrimRight(strings.TrimSpace(cc.Options["server"]), "/")
	if server == "" {
		return nil, fmt.Errorf("mastodon channel %s: option \"server\" is required (crieur.yml: channels.%s.options.server: https://mastodon.example)", cc.Name, cc.Name)
	}
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("mastodon channel %s: option server %q is not an http(s) URL", cc.Name, server)
	}
	vis := cc.Options["visibility"]
	switch vis {
	case "":
		vis = "public"
	case "public", "unlisted", "private", "direct":
	default:
		return nil, fmt.Errorf("mastodon channel %s: option visibility %q is not public, unlisted, private or direct", cc.Name, vis)
	}
	within := 12 * time.Hour
	if s := cc.Options["find_within"]; s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("mastodon channel %s: option find_within %q is not a duration such as 12h", cc.Name, s)
		}
		within = d
	}
	return &Client{
		Server:     server,
		Visibility: vis,
		FindWithin: within,
		PollEvery:  time.Second,
		MaxPolls:   60,
		http: &httpapi.Client{Secrets: httpapi.Values(secrets),
			Network: "mastodon",
			Client:  hc,
			Header:  http.Header{"Authorization": {"Bearer " + token}},
			AuthHint: fmt.Sprintf("the token in %s was refused by %s: create a new access token with the scopes read and write (Preferences → Development) and put it in %s",
				env, u.Host, env),
		},
	}, nil
}

// status is what the API returns for a status (methods/statuses, entities/Status).
type status struct {
	ID          string    `json:"id"`
	URL         string    `json:"url"`
	CreatedAt   time.Time `json:"created_at"`
	InReplyToID *string   `json:"in_reply_to_id"`
	Content     string    `json:"content"`
	Reblog      *struct {
		ID string `json:"id"`
	} `json:"reblog"`
	RepliesCount    int `json:"replies_count"`
	ReblogsCount    int `json:"reblogs_count"`
	FavouritesCount int `json:"favourites_count"`
}

func (s *status) replyTo() string {
	if s.InReplyToID == nil {
		return ""
	}
	return *s.InReplyToID
}

// item is one status a message becomes: a part or the first comment.
type item struct {
	text    string
	parent  int // index of the item it replies to; -1 for the first part
	idemKey string
}

func items(m pipeline.Message) []item {
	var out []item
	for i, p := range m.Parts {
		it := item{text: p, parent: i - 1, idemKey: m.Key}
		if i > 0 {
			it.idemKey = fmt.Sprintf("%s-p%d", m.Key, i)
		}
		out = append(out, it)
	}
	if strings.TrimSpace(m.FirstComment) != "" {
		out = append(out, item{text: m.FirstComment, parent: 0, idemKey: m.Key + "-comment"})
	}
	return out
}

func check(m pipeline.Message) error {
	if m.Key == "" {
		return errors.New("mastodon: a message needs its idempotency key")
	}
	if len(m.Parts) == 0 || strings.TrimSpace(m.Parts[0]) == "" && len(m.Media) == 0 {
		return &pipeline.Failure{Network: "mastodon", Op: "publish", Message: "the message has no text"}
	}
	if len(m.Media) > facts.Media.Max {
		return &pipeline.Failure{Network: "mastodon", Op: "publish",
			Message: fmt.Sprintf("%d images: a status takes at most %d", len(m.Media), facts.Media.Max)}
	}
	return nil
}

// Publish sends the message's parts, images and first comment, skipping
// what a look-up finds already out (see the package comment).
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if err := check(m); err != nil {
		return pipeline.Receipt{}, err
	}
	its := items(m)
	sent, err := c.lookup(ctx, its)
	if err != nil {
		return pipeline.Receipt{}, err
	}
	for i, it := range its {
		if sent[i] != nil {
			continue
		}
		var media []string
		if i == 0 {
			for _, a := range m.Media {
				id, err := c.upload(ctx, a)
				if err != nil {
					return pipeline.Receipt{}, err
				}
				media = append(media, id)
			}
		}
		replyTo := ""
		if it.parent >= 0 {
			replyTo = sent[it.parent].ID
		}
		st, err := c.post(ctx, it, replyTo, media, m.Lang)
		if err != nil {
			if i > 0 {
				return pipeline.Receipt{}, pipeline.SentAnyway(err, pipeline.Out{Network: "mastodon", What: fmt.Sprintf("%d of %d statuses are out", i, len(its)), Again: "sends the rest"})
			}
			return pipeline.Receipt{}, err
		}
		sent[i] = st
	}
	return receipt(sent), nil
}

func receipt(sent []*status) pipeline.Receipt {
	r := pipeline.Receipt{ID: sent[0].ID, URL: sent[0].URL, At: sent[0].CreatedAt}
	for _, s := range sent[1:] {
		r.Parts = append(r.Parts, s.ID)
	}
	return r
}

// post sends one status.
func (c *Client) post(ctx context.Context, it item, replyTo string, media []string, lang string) (*status, error) {
	form := url.Values{}
	form.Set("status", it.text)
	form.Set("visibility", c.Visibility)
	for _, id := range media {
		form.Add("media_ids[]", id)
	}
	if replyTo != "" {
		form.Set("in_reply_to_id", replyTo)
	}
	if l := language(lang); l != "" {
		form.Set("language", l)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Server+"/api/v1/statuses", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Idempotency-Key", it.idemKey)
	var st status
	if err := c.do(req, "POST /api/v1/statuses", &st); err != nil {
		return nil, err
	}
	if st.ID == "" {
		return nil, &pipeline.Failure{Network: "mastodon", Op: "POST /api/v1/statuses", Message: "the answer has no status id", MaybeSent: true}
	}
	return &st, nil
}

// language is the ISO 639 code of a BCP-47 tag: its primary subtag.
func language(tag string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(tag), "-")
	return strings.ToLower(l)
}

// do sends req and decodes a JSON answer into out (nil: ignored).
func (c *Client) do(req *http.Request, op string, out any) error {
	res, err := c.http.Do(req, op)
	if err != nil {
		return err
	}
	if out != nil && len(bytes.TrimSpace(res.Body)) > 0 {
		if err := json.Unmarshal(res.Body, out); err != nil {
			return &pipeline.Failure{Network: "mastodon", Op: op, Status: res.Status, Message: "unexpected answer: " + err.Error(), Err: err}
		}
	}
	return nil
}

func (c *Client) get(ctx context.Context, path, op string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Server+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	return c.do(req, op, out)
}

// attachment is the part of a MediaAttachment the adapter reads.
type attachment struct {
	ID  string  `json:"id"`
	URL *string `json:"url"`
}

// upload sends an image with its alt text and waits until the server has
// processed it (methods/media: 202 then GET /api/v1/media/:id until url).
func (c *Client) upload(ctx context.Context, a pipeline.Attachment) (string, error) {
	data, err := os.ReadFile(a.Path)
	if err != nil {
		return "", fmt.Errorf("mastodon: image %s: %w", a.Name, err)
	}
	format := pipeline.ImageFormat(data)
	if format == "" {
		return "", &pipeline.Failure{Network: "mastodon", Op: "POST /api/v2/media", Message: fmt.Sprintf("image %s is not a JPEG, PNG, GIF or WebP file", a.Name)}
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	name := filepath.Base(a.Name)
	if name == "." || name == "/" || name == "" {
		name = "image." + format
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, name))
	h.Set("Content-Type", "image/"+format)
	fw, err := w.CreatePart(h)
	if err != nil {
		return "", err
	}
	fw.Write(data)
	if a.Alt != "" {
		w.WriteField("description", a.Alt)
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(httpapi.CreatesNothing(ctx), http.MethodPost, c.Server+"/api/v2/media", bytes.NewReader(body.Bytes()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	var at attachment
	if err := c.do(req, "POST /api/v2/media", &at); err != nil {
		if f := pipeline.AsFailure(err); f != nil && f.MaybeSent {
			// An image without a status is no post: nothing is out yet.
			g := *f
			g.MaybeSent = false
			return "", &g
		}
		return "", err
	}
	if at.ID == "" {
		return "", &pipeline.Failure{Network: "mastodon", Op: "POST /api/v2/media", Message: "the answer has no media id"}
	}
	for n := 0; at.URL == nil || *at.URL == ""; n++ {
		if n >= c.MaxPolls {
			return "", &pipeline.Failure{Network: "mastodon", Op: "GET /api/v1/media/:id", Temporary: true,
				Message: fmt.Sprintf("image %s still processing after %d looks", a.Name, n)}
		}
		if err := c.sleep(ctx, c.PollEvery); err != nil {
			return "", err
		}
		if err := c.get(ctx, "/api/v1/media/"+url.PathEscape(at.ID), "GET /api/v1/media/:id", &at); err != nil {
			return "", err
		}
	}
	return at.ID, nil
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	return pipeline.Sleep(ctx, d)
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// account returns the id of the token's account (cached).
func (c *Client) account(ctx context.Context) (string, error) {
	c.mu.Lock()
	id := c.accountID
	c.mu.Unlock()
	if id != "" {
		return id, nil
	}
	var acct struct {
		ID string `json:"id"`
	}
	if err := c.get(ctx, "/api/v1/accounts/verify_credentials", "GET /api/v1/accounts/verify_credentials", &acct); err != nil {
		return "", err
	}
	if acct.ID == "" {
		return "", &pipeline.Failure{Network: "mastodon", Op: "GET /api/v1/accounts/verify_credentials", Message: "the answer has no account id"}
	}
	c.mu.Lock()
	c.accountID = acct.ID
	c.mu.Unlock()
	return acct.ID, nil
}

// recent returns the account's own statuses of the last FindWithin, newest
// first, replies included, reblogs left out.
func (c *Client) recent(ctx context.Context) ([]*status, error) {
	id, err := c.account(ctx)
	if err != nil {
		return nil, err
	}
	since := c.now().Add(-c.FindWithin)
	var out []*status
	maxID := ""
	for page := 0; page < maxPages; page++ {
		q := url.Values{"limit": {"40"}, "exclude_replies": {"false"}, "exclude_reblogs": {"true"}}
		if maxID != "" {
			q.Set("max_id", maxID)
		}
		var sts []*status
		if err := c.get(ctx, "/api/v1/accounts/"+url.PathEscape(id)+"/statuses?"+q.Encode(), "GET /api/v1/accounts/:id/statuses", &sts); err != nil {
			return nil, err
		}
		if len(sts) == 0 {
			break
		}
		old := false
		for _, s := range sts {
			if s.CreatedAt.Before(since) {
				old = true
				continue
			}
			if s.Reblog == nil {
				out = append(out, s)
			}
		}
		if old {
			break
		}
		maxID = sts[len(sts)-1].ID
	}
	return out, nil
}

// lookup finds which of the items are already out: the first part as a
// status that replies to nothing, each further one as a reply to the one
// before it (the comment to the first part), matched by text. The result
// has one entry per item, nil where none is out; only a prefix of the
// parts can be found (a part is looked for under the one before it).
func (c *Client) lookup(ctx context.Context, its []item) ([]*status, error) {
	sts, err := c.recent(ctx)
	if err != nil {
		return nil, err
	}
	found := make([]*status, len(its))
	used := map[string]bool{}
	for i, it := range its {
		parent := ""
		if it.parent >= 0 {
			p := found[it.parent]
			if p == nil {
				break
			}
			parent = p.ID
		}
		want := fingerprint(it.text)
		if want == "" {
			break // a status without text cannot be recognised
		}
		// sts is newest first: the last match is the oldest, the one sent first.
		for _, s := range sts {
			if !used[s.ID] && s.replyTo() == parent && fingerprint(htmlText(s.Content)) == want {
				found[i] = s
			}
		}
		if found[i] == nil {
			break
		}
		used[found[i].ID] = true
	}
	return found, nil
}

// Find reports the statuses of a message already out, when all of them
// are (see the package comment).
func (c *Client) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	if err := check(m); err != nil {
		return pipeline.Receipt{}, false, err
	}
	sent, err := c.lookup(ctx, items(m))
	if err != nil {
		return pipeline.Receipt{}, false, err
	}
	for _, s := range sent {
		if s == nil {
			return pipeline.Receipt{}, false, nil
		}
	}
	return receipt(sent), true, nil
}

// Retract deletes the thread's other parts and the first comment (last
// first), then the first part. A status already gone is not an error.
func (c *Client) Retract(ctx context.Context, r pipeline.Receipt) error {
	for _, id := range r.TakedownOrder() {
		req, err := http.NewRequestWithContext(ctx, http.MethodDelete, c.Server+"/api/v1/statuses/"+url.PathEscape(id), nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/json")
		err = c.do(req, "DELETE /api/v1/statuses/:id", nil)
		if f := pipeline.AsFailure(err); f != nil && f.Status == http.StatusNotFound {
			continue // already gone
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// StatusCounts are a status's public counters (methods/statuses, entities/Status).
type StatusCounts struct {
	Replies, Reblogs, Favourites int
}

// Status reads a status's counters, for metrics.
func (c *Client) Status(ctx context.Context, id string) (StatusCounts, error) {
	var st status
	if err := c.get(ctx, "/api/v1/statuses/"+url.PathEscape(id), "GET /api/v1/statuses/:id", &st); err != nil {
		return StatusCounts{}, err
	}
	return StatusCounts{Replies: st.RepliesCount, Reblogs: st.ReblogsCount, Favourites: st.FavouritesCount}, nil
}

// Measure reads the counters of the statuses by their ids (Receipt.ID):
// favourites_count as Likes, reblogs_count as Reposts, replies_count as
// Replies; the API has no impressions, so none are reported. It asks for
// one status at a time (GET /api/v1/statuses/:id): the batch read
// GET /api/v1/statuses?id[]= is not on every server (GoToSocial answers
// it 405). A status the server no longer has (404,
// deleted by hand; 410) is left out. At the first other failure, a rate
// limit above all (httpapi has already waited out a short Retry-After),
// it stops and returns the readings it has with the error: the rest waits
// for a later run rather than spending the quota again.
func (c *Client) Measure(ctx context.Context, ids []string) (map[string]pipeline.Engagement, error) {
	out := make(map[string]pipeline.Engagement, len(ids))
	for _, id := range ids {
		if _, done := out[id]; done || id == "" {
			continue
		}
		n, err := c.Status(ctx, id)
		if f := pipeline.AsFailure(err); f != nil && (f.Status == http.StatusNotFound || f.Status == http.StatusGone) {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("measure status %s (%d of %d read): %w", id, len(out), len(ids), err)
		}
		out[id] = pipeline.Engagement{
			pipeline.Likes:   int64(n.Favourites),
			pipeline.Reposts: int64(n.Reblogs),
			pipeline.Replies: int64(n.Replies),
		}
	}
	return out, nil
}
