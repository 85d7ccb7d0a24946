package x

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

// Client publishes to one X account.
type Client struct {
	API        string        // base URL of the API, without a trailing slash
	Username   string        // the account's @name without @, for receipt URLs; looked up when empty
	UserID     string        // the account's id; looked up when empty
	FindWithin time.Duration // how far back the look-up for posts already out goes
	Now        func() time.Time

	http *httpapi.Client
	vars []string // the environment variables of the four secrets, for hints

	mu sync.Mutex // guards Username and UserID once looked up
}

var (
	_ pipeline.Channel   = (*Client)(nil)
	_ pipeline.Finder    = (*Client)(nil)
	_ pipeline.Retracter = (*Client)(nil)
)

// facts is what pipeline's table of networks says of X: the photos a post
// takes (x-api/media/introduction) and the size of each.
var facts, _ = pipeline.LookupNetwork("x")

const (
	maxAlt      = 1000 // characters of alt text (POST /2/media/metadata)
	maxGIF      = 15 << 20
	maxPages    = 5 // pages of 100 posts read by a look-up
	defaultAPI  = "https://api.x.com"
	publicHost  = "https://x.com"
	snowflake0  = 1288834974657 // ms since the Unix epoch of Snowflake id 0
	defaultFind = 12 * time.Hour
)

// secretNames are the secrets FromConfig reads, in the order they are checked.
var secretNames = []string{"consumer_key", "consumer_secret", "access_token", "access_token_secret"}

// FromConfig builds the client of a crieur.yml channel of type x. hc
// carries the transport and timeout (nil: a 60 s timeout); requests to
// the API are signed on their way through it.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	var vals, vars []string
	for _, name := range secretNames {
		env := cc.Secrets[name]
		if env == "" {
			return nil, fmt.Errorf("x channel %s needs the secret %q: add it under channels.%s.secrets in crieur.yml, naming the environment variable that holds it (consumer_key: X_CONSUMER_KEY, consumer_secret: X_CONSUMER_SECRET, access_token: X_ACCESS_TOKEN, access_token_secret: X_ACCESS_TOKEN_SECRET)",
				cc.Name, name, cc.Name)
		}
		v, err := cc.Secret(secrets, name)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		vars = append(vars, env)
	}
	api := strings.TrimRight(strings.TrimSpace(cc.Options["api"]), "/")
	if api == "" {
		api = defaultAPI
	}
	u, err := url.Parse(api)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("x channel %s: option api %q is not an http(s) URL", cc.Name, api)
	}
	username := strings.TrimPrefix(strings.TrimSpace(cc.Options["username"]), "@")
	userID := strings.TrimSpace(cc.Options["user_id"])
	if userID != "" && !isID(userID) {
		return nil, fmt.Errorf("x channel %s: option user_id %q is not a numeric id", cc.Name, userID)
	}
	within := defaultFind
	if s := cc.Options["find_within"]; s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("x channel %s: option find_within %q is not a duration such as 12h", cc.Name, s)
		}
		within = d
	}
	client := &http.Client{Timeout: 60 * time.Second}
	var base http.RoundTripper = http.DefaultTransport
	if hc != nil {
		c := *hc
		client = &c
		if hc.Transport != nil {
			base = hc.Transport
		}
	}
	client.Transport = &signer{
		creds: credentials{consumerKey: vals[0], consumerSecret: vals[1], token: vals[2], tokenSecret: vals[3]},
		host:  u.Host, base: base, now: time.Now, nonce: newNonce,
	}
	return &Client{
		API:        api,
		Username:   username,
		UserID:     userID,
		FindWithin: within,
		http:       &httpapi.Client{Secrets: httpapi.Values(secrets), Network: "x", Client: client, ErrorMessage: errorMessage},
		vars:       vars,
	}, nil
}

func isID(s string) bool {
	if s == "" || len(s) > 19 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// errorMessage reads X's problem bodies ({title, detail, type, status}),
// the errors array of partial answers and older {errors:[{message}]}.
func errorMessage(b []byte) string {
	var p struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
		Type   string `json:"type"`
		Errors []struct {
			Message string `json:"message"`
			Detail  string `json:"detail"`
		} `json:"errors"`
	}
	if json.Unmarshal(b, &p) == nil {
		switch {
		case p.Detail != "":
			if strings.HasSuffix(p.Type, "/usage-capped") {
				return p.Detail + " (usage cap)"
			}
			return p.Detail
		case p.Title != "":
			return p.Title
		case len(p.Errors) > 0 && p.Errors[0].Message != "":
			return p.Errors[0].Message
		case len(p.Errors) > 0 && p.Errors[0].Detail != "":
			return p.Errors[0].Detail
		}
	}
	return httpapi.ErrorMessage(b)
}

// explain adds what the user can do to a failure from the API.
func (c *Client) explain(err error) error {
	f := pipeline.AsFailure(err)
	if f == nil {
		return err
	}
	vars := strings.Join(c.vars[:3], ", ") + " and " + c.vars[3]
	switch {
	case f.Status == http.StatusUnauthorized:
		f.Hint = "X refused the OAuth 1.0a credentials in " + vars + ": check them, or regenerate the access token and secret in the developer console"
	case isDuplicate(f):
		f.Hint = "X refuses a text the account posted recently: change the text, or check the account for the post"
	case f.Status == http.StatusForbidden:
		f.Hint = "the app may not be allowed to post: give it Read and write permission in the developer console, then regenerate the access token and secret (" + c.vars[2] + ", " + c.vars[3] + ")"
	case f.Status == http.StatusTooManyRequests && strings.Contains(f.Message, "usage cap"):
		f.Hint = "the app's X API usage cap is reached: publishing resumes when the cap resets"
	}
	return f
}

func isDuplicate(f *pipeline.Failure) bool {
	return f != nil && f.Status == http.StatusForbidden && strings.Contains(strings.ToLower(f.Message), "duplicate")
}

// tweet is a post as the API returns it (x-api/fundamentals/data-dictionary:
// referenced_tweets, note_tweet). The generated openapi.json names the
// same fields referenced_posts and note_post: both are read.
type tweet struct {
	ID         string      `json:"id"`
	Text       string      `json:"text"`
	CreatedAt  string      `json:"created_at"`
	References []reference `json:"referenced_tweets"`
	RefPosts   []reference `json:"referenced_posts"`
	NoteTweet  *note       `json:"note_tweet"`
	NotePost   *note       `json:"note_post"`
}

type reference struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type note struct {
	Text string `json:"text"`
}

// repliesTo returns the id of the post this one replies to, or "".
func (t *tweet) repliesTo() string {
	for _, r := range append(t.References, t.RefPosts...) {
		if r.Type == "replied_to" {
			return r.ID
		}
	}
	return ""
}

// fullText is the post's whole text: a long post's text is cut, its note holds all of it.
func (t *tweet) fullText() string {
	for _, n := range []*note{t.NoteTweet, t.NotePost} {
		if n != nil && n.Text != "" {
			return n.Text
		}
	}
	return t.Text
}

// item is one post a message becomes: a part or the first comment.
type item struct {
	text   string
	parent int // index of the item it replies to; -1 for the first part
}

func items(m pipeline.Message) []item {
	var out []item
	for i, p := range m.Parts {
		out = append(out, item{text: p, parent: i - 1})
	}
	if strings.TrimSpace(m.FirstComment) != "" {
		out = append(out, item{text: m.FirstComment, parent: 0})
	}
	return out
}

func refuse(format string, args ...any) error {
	return &pipeline.Failure{Network: "x", Op: "publish", Message: fmt.Sprintf(format, args...)}
}

// check refuses, before anything is sent, what X would refuse.
func check(m pipeline.Message) error {
	if len(m.Parts) == 0 || strings.TrimSpace(m.Parts[0]) == "" && len(m.Media) == 0 {
		return refuse("the message has no text")
	}
	for i, p := range m.Parts[1:] {
		if strings.TrimSpace(p) == "" {
			return refuse("part %d of the thread is empty", i+2)
		}
	}
	if len(m.Media) > facts.Media.Max {
		return refuse("%d images: a post takes at most %d", len(m.Media), facts.Media.Max)
	}
	for _, a := range m.Media {
		if n := utf8.RuneCountInString(a.Alt); n > maxAlt {
			return refuse("the alt text of %s has %d characters: X takes at most %d", a.Name, n, maxAlt)
		}
		if _, err := mediaKind(a); err != nil {
			return err
		}
	}
	return nil
}

// mediaKind reads an image's format and size and returns its
// media_category, or why X would refuse the image.
func mediaKind(a pipeline.Attachment) (string, error) {
	f, err := os.Open(a.Path)
	if err != nil {
		return "", fmt.Errorf("x: image %s: %w", a.Name, err)
	}
	defer f.Close()
	head := make([]byte, 12)
	n, _ := io.ReadFull(f, head)
	st, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("x: image %s: %w", a.Name, err)
	}
	category, limit := "tweet_image", facts.Media.MaxBytes
	switch pipeline.ImageFormat(head[:n]) {
	case "gif":
		category, limit = "tweet_gif", maxGIF
	case "jpeg", "png", "webp":
	default:
		return "", refuse("%s is not a JPEG, PNG, GIF or WebP image", a.Name)
	}
	if st.Size() > limit {
		return "", refuse("%s has %d bytes: X takes at most %d MB", a.Name, st.Size(), limit>>20)
	}
	return category, nil
}

// Publish sends the message's parts, images and first comment. When X
// refuses a part as a duplicate, it looks for what is already out and
// goes on from there (see the package comment).
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if err := check(m); err != nil {
		return pipeline.Receipt{}, err
	}
	if _, err := c.username(ctx); err != nil {
		return pipeline.Receipt{}, err
	}
	its := items(m)
	sent := make([]*tweet, len(its))
	looked := false
	for i, it := range its {
		if sent[i] != nil {
			continue
		}
		var media []string
		if i == 0 && len(m.Media) > 0 {
			ids, err := c.uploadAll(ctx, m.Media)
			if err != nil {
				return pipeline.Receipt{}, err
			}
			media = ids
		}
		replyTo := ""
		if it.parent >= 0 {
			replyTo = sent[it.parent].ID
		}
		tw, err := c.post(ctx, it.text, media, replyTo)
		if isDuplicate(pipeline.AsFailure(err)) && !looked {
			looked = true
			if found, lerr := c.lookup(ctx, its, sent); lerr == nil {
				for j := range found {
					if sent[j] == nil {
						sent[j] = found[j]
					}
				}
			}
			if sent[i] != nil {
				continue // out already: a run before this one sent it
			}
		}
		if err != nil {
			if out := count(sent); out > 0 {
				return pipeline.Receipt{}, pipeline.SentAnyway(err, pipeline.Out{Network: "x", What: fmt.Sprintf("%d of %d posts are out", out, len(its)), Again: "sends the rest"})
			}
			return pipeline.Receipt{}, err
		}
		sent[i] = tw
	}
	return c.receipt(ctx, sent)
}

func count(sent []*tweet) int {
	n := 0
	for _, t := range sent {
		if t != nil {
			n++
		}
	}
	return n
}

func (c *Client) receipt(ctx context.Context, sent []*tweet) (pipeline.Receipt, error) {
	name, err := c.username(ctx)
	if err != nil {
		return pipeline.Receipt{}, err
	}
	r := pipeline.Receipt{ID: sent[0].ID, URL: publicHost + "/" + url.PathEscape(name) + "/status/" + sent[0].ID, At: idTime(sent[0].ID)}
	if r.At.IsZero() && sent[0].CreatedAt != "" {
		r.At, _ = time.Parse(time.RFC3339, sent[0].CreatedAt)
	}
	for _, t := range sent[1:] {
		r.Parts = append(r.Parts, t.ID)
	}
	return r, nil
}

// idTime is the creation time a Snowflake id holds: its bits above the
// 22nd count milliseconds since snowflake0. Zero for another id.
func idTime(id string) time.Time {
	n, err := strconv.ParseUint(id, 10, 63)
	if err != nil || n>>22 == 0 {
		return time.Time{}
	}
	return time.UnixMilli(int64(n>>22) + snowflake0).UTC()
}

// post sends one post (POST /2/tweets).
func (c *Client) post(ctx context.Context, text string, media []string, replyTo string) (*tweet, error) {
	type mediaField struct {
		MediaIDs []string `json:"media_ids"`
	}
	type replyField struct {
		InReplyToTweetID string `json:"in_reply_to_tweet_id"`
	}
	body := struct {
		Text  string      `json:"text"`
		Media *mediaField `json:"media,omitempty"`
		Reply *replyField `json:"reply,omitempty"`
	}{Text: text}
	if len(media) > 0 {
		body.Media = &mediaField{MediaIDs: media}
	}
	if replyTo != "" {
		body.Reply = &replyField{InReplyToTweetID: replyTo}
	}
	var out struct {
		Data tweet `json:"data"`
	}
	if _, err := c.http.JSON(ctx, http.MethodPost, c.API+"/2/tweets", "POST /2/tweets", body, &out); err != nil {
		if f := pipeline.AsFailure(err); f != nil && f.Status >= 200 && f.Status < 300 {
			f.MaybeSent, f.Temporary = true, true // accepted, but the answer cannot be read
		}
		return nil, c.explain(err)
	}
	if !isID(out.Data.ID) {
		return nil, &pipeline.Failure{Network: "x", Op: "POST /2/tweets", Status: http.StatusCreated,
			Message: "the answer has no post id", MaybeSent: true, Temporary: true}
	}
	return &out.Data, nil
}

// uploadAll uploads the images with their alt texts and returns their ids.
// Nothing is public yet: a failure here cannot have sent the post.
func (c *Client) uploadAll(ctx context.Context, media []pipeline.Attachment) ([]string, error) {
	var ids []string
	for _, a := range media {
		id, err := c.upload(ctx, a)
		if err != nil {
			if f := pipeline.AsFailure(err); f != nil {
				f.MaybeSent = false
			}
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// upload sends one image (POST /2/media/upload, multipart) and its alt
// text (POST /2/media/metadata).
func (c *Client) upload(ctx context.Context, a pipeline.Attachment) (string, error) {
	category, err := mediaKind(a)
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(a.Path)
	if err != nil {
		return "", fmt.Errorf("x: image %s: %w", a.Name, err)
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.WriteField("media_category", category); err != nil {
		return "", err
	}
	part, err := w.CreateFormFile("media", filepath.Base(a.Path))
	if err != nil {
		return "", err
	}
	part.Write(data)
	if err := w.Close(); err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(httpapi.CreatesNothing(ctx), http.MethodPost, c.API+"/2/media/upload", bytes.NewReader(buf.Bytes()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	const op = "POST /2/media/upload"
	res, err := c.http.Do(req, op)
	if err != nil {
		return "", c.explain(err)
	}
	var out struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(res.Body, &out); err != nil || !isID(out.Data.ID) {
		return "", &pipeline.Failure{Network: "x", Op: op, Status: res.Status, Message: "the answer has no media id", Temporary: true}
	}
	if a.Alt != "" {
		type altText struct {
			Text string `json:"text"`
		}
		type metadata struct {
			AltText altText `json:"alt_text"`
		}
		body := struct {
			ID       string   `json:"id"`
			Metadata metadata `json:"metadata"`
		}{ID: out.Data.ID, Metadata: metadata{AltText: altText{Text: a.Alt}}}
		if _, err := c.http.JSON(httpapi.CreatesNothing(ctx), http.MethodPost, c.API+"/2/media/metadata", "POST /2/media/metadata", body, nil); err != nil {
			return "", c.explain(err)
		}
	}
	return out.Data.ID, nil
}

// me looks up the account's id and @name once (GET /2/users/me).
func (c *Client) me(ctx context.Context) error {
	var out struct {
		Data struct {
			ID       string `json:"id"`
			Username string `json:"username"`
		} `json:"data"`
	}
	if _, err := c.http.JSON(ctx, http.MethodGet, c.API+"/2/users/me", "GET /2/users/me", nil, &out); err != nil {
		return c.explain(err)
	}
	if !isID(out.Data.ID) || out.Data.Username == "" {
		return &pipeline.Failure{Network: "x", Op: "GET /2/users/me", Message: "the answer has no user id or username"}
	}
	if c.UserID == "" {
		c.UserID = out.Data.ID
	}
	if c.Username == "" {
		c.Username = out.Data.Username
	}
	return nil
}

func (c *Client) username(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Username == "" {
		if err := c.me(ctx); err != nil {
			return "", err
		}
	}
	return c.Username, nil
}

func (c *Client) userID(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.UserID == "" {
		if err := c.me(ctx); err != nil {
			return "", err
		}
	}
	return c.UserID, nil
}

// recent returns the account's posts of the last FindWithin, newest
// first, replies included (GET /2/users/:id/tweets).
func (c *Client) recent(ctx context.Context) ([]tweet, error) {
	id, err := c.userID(ctx)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Set("max_results", "100")
	q.Set("exclude", "retweets")
	q.Set("start_time", c.now().Add(-c.FindWithin).UTC().Format("2006-01-02T15:04:05Z"))
	q.Set("tweet.fields", "created_at,referenced_tweets,note_tweet")
	var all []tweet
	for page := 0; page < maxPages; page++ {
		var out struct {
			Data []tweet `json:"data"`
			Meta struct {
				NextToken string `json:"next_token"`
			} `json:"meta"`
		}
		if _, err := c.http.JSON(ctx, http.MethodGet, c.API+"/2/users/"+id+"/tweets?"+q.Encode(), "GET /2/users/:id/tweets", nil, &out); err != nil {
			return nil, c.explain(err)
		}
		all = append(all, out.Data...)
		if out.Meta.NextToken == "" {
			break
		}
		q.Set("pagination_token", out.Meta.NextToken)
	}
	return all, nil
}

// lookup finds the message's items among the account's recent posts: the
// first part, a post that replies to nothing, then each item as a reply
// to its parent. known holds what is already sent (nil where not); the
// result keeps it and fills in what the look-up finds.
func (c *Client) lookup(ctx context.Context, its []item, known []*tweet) ([]*tweet, error) {
	posts, err := c.recent(ctx)
	if err != nil {
		return nil, err
	}
	found := make([]*tweet, len(its))
	copy(found, known)
	for i, it := range its {
		if found[i] != nil {
			continue
		}
		want := comparable(it.text)
		if want == "" {
			continue // links only: nothing to tell one post from another
		}
		parent := ""
		if it.parent >= 0 {
			if found[it.parent] == nil {
				continue
			}
			parent = found[it.parent].ID
		}
		for j := range posts { // newest first: the latest match wins
			p := &posts[j]
			if p.repliesTo() == parent && comparable(p.fullText()) == want {
				found[i] = p
				break
			}
		}
	}
	return found, nil
}

// Find reports the message's posts when all of them are out: every part
// in its reply chain and the first comment.
func (c *Client) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	its := items(m)
	if len(its) == 0 {
		return pipeline.Receipt{}, false, nil
	}
	found, err := c.lookup(ctx, its, make([]*tweet, len(its)))
	if err != nil {
		return pipeline.Receipt{}, false, err
	}
	if count(found) < len(its) {
		return pipeline.Receipt{}, false, nil
	}
	r, err := c.receipt(ctx, found)
	if err != nil {
		return pipeline.Receipt{}, false, err
	}
	return r, true, nil
}

// Retract deletes the first comment and the thread's parts, last first,
// then the first part. A post already gone is not an error.
func (c *Client) Retract(ctx context.Context, r pipeline.Receipt) error {
	ids := append([]string{r.ID}, r.Parts...)
	for _, id := range ids {
		if !isID(id) {
			return fmt.Errorf("x: %q is not a post id", id)
		}
	}
	for i := len(ids) - 1; i >= 0; i-- {
		_, err := c.http.JSON(ctx, http.MethodDelete, c.API+"/2/tweets/"+ids[i], "DELETE /2/tweets/:id", nil, nil)
		if f := pipeline.AsFailure(err); f != nil && f.Status == http.StatusNotFound {
			continue // gone already
		}
		if err != nil {
			if i < len(ids)-1 {
				return fmt.Errorf("%d of %d posts deleted: %w", len(ids)-1-i, len(ids), c.explain(err))
			}
			return c.explain(err)
		}
	}
	return nil
}
