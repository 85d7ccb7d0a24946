package threads

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/graph"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

const network = "threads"

// Defaults of the options.
const (
	DefaultAPI     = "https://graph.threads.net"
	DefaultVersion = "v1.0"
	DefaultUser    = "me"
)

// facts is what pipeline's table of networks says of Threads: the
// largest carousel it publishes.
var facts, _ = pipeline.LookupNetwork(network)

// Client publishes to one Threads profile.
type Client struct {
	Channel      string
	User         string // the Threads user id, or "me"
	API          string // without a trailing slash
	Version      string
	MediaBaseURL string // where the repository's images are served, ending with a slash; "" when not set
	HTTP         *httpapi.Client
	// Media fetches the image URLs: no token goes to the media host.
	Media *httpapi.Client
	// FindWithin is how far back Find looks: a post older than this with
	// the same text is another occurrence. Default 24 h.
	FindWithin time.Duration
	// PollEvery is the first pause between two looks at a container's
	// status (it doubles, up to 15 s); PollFor is how long Publish waits
	// for FINISHED. Defaults 1 s and 2 min.
	PollEvery, PollFor time.Duration
	// Sleep waits between polls; nil sleeps for real (tests shorten it).
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time

	tokenHint string
}

var (
	_ pipeline.Channel   = (*Client)(nil)
	_ pipeline.Finder    = (*Client)(nil)
	_ pipeline.Retracter = (*Client)(nil)
)

var (
	versionRe = regexp.MustCompile(`^v[0-9]+\.[0-9]+$`)
	idRe      = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
)

// FromConfig builds the client of a channel of crieur.yml. secrets holds
// the value of token, read from the environment variable that
// cc.Secrets["token"] names.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	env := cc.Secrets["token"]
	if env == "" {
		return nil, fmt.Errorf(`threads channel %s: no secret "token": add to crieur.yml channels.%s.secrets.token: THREADS_TOKEN (the environment variable that holds the Threads access token)`, cc.Name, cc.Name)
	}
	token, err := cc.Secret(secrets, "token")
	if err != nil {
		return nil, err
	}
	user := strings.TrimSpace(cc.Options["user"])
	if user == "" {
		user = DefaultUser
	}
	if !idRe.MatchString(user) {
		return nil, fmt.Errorf(`threads channel %s: option "user" %q is not a Threads user id (or "me")`, cc.Name, user)
	}
	api, err := graph.BaseURL(cc.Options["api"], DefaultAPI)
	if err != nil {
		return nil, fmt.Errorf(`threads channel %s: option "api": %v`, cc.Name, err)
	}
	version := strings.TrimSpace(cc.Options["version"])
	if version == "" {
		version = DefaultVersion
	}
	if !versionRe.MatchString(version) {
		return nil, fmt.Errorf(`threads channel %s: option "version" %q is not an API version such as %s`, cc.Name, version, DefaultVersion)
	}
	media := ""
	if strings.TrimSpace(cc.Options["media_base_url"]) != "" {
		m, err := graph.BaseURL(cc.Options["media_base_url"], "")
		if err != nil {
			return nil, fmt.Errorf(`threads channel %s: option "media_base_url": %v`, cc.Name, err)
		}
		media = m + "/"
	}
	hint := fmt.Sprintf("the token in $%s was refused (expired or revoked; Threads tokens last 60 days unless refreshed): create a new one with threads_basic and threads_content_publish and store it in %s", env, env)
	return &Client{
		Channel:      cc.Name,
		User:         user,
		API:          api,
		Version:      version,
		MediaBaseURL: media,
		FindWithin:   24 * time.Hour,
		PollEvery:    time.Second,
		PollFor:      2 * time.Minute,
		HTTP: &httpapi.Client{Secrets: httpapi.Values(secrets),
			Network:      network,
			Client:       hc,
			Header:       http.Header{"Authorization": {"Bearer " + token}},
			AuthHint:     hint,
			ErrorMessage: graph.Message,
		},
		Media:     &httpapi.Client{Secrets: httpapi.Values(secrets), Network: network, Client: hc, MaxBody: 1 << 10},
		tokenHint: hint,
	}, nil
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	return pipeline.Sleep(ctx, d)
}

// parts are the message's non-empty parts.
func parts(m pipeline.Message) []string {
	var out []string
	for _, p := range m.Parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// Publish publishes the first part (with the images), each further part
// as a reply to the previous one, and the first comment as a reply to the
// first part.
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	texts := parts(m)
	if len(texts) == 0 && len(m.Media) == 0 {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "publish", Message: "the message has neither text nor image"}
	}
	if len(m.Media) > facts.Media.Max {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "publish",
			Message: fmt.Sprintf("%d images: a Threads carousel holds at most %d", len(m.Media), facts.Media.Max)}
	}
	urls := make([]string, len(m.Media))
	if len(m.Media) > 0 {
		if c.MediaBaseURL == "" {
			return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "publish",
				Message: "this post has images, and Threads fetches images by public URL",
				Hint:    fmt.Sprintf("set channels.%s.options.media_base_url to where the repository's images are served, e.g. https://<owner>.github.io/<repo>/ or https://raw.githubusercontent.com/<owner>/<repo>/main/", c.Channel)}
		}
		for i, a := range m.Media {
			urls[i] = c.MediaURL(a.Name)
			if err := c.checkImage(ctx, a.Name, urls[i]); err != nil {
				return pipeline.Receipt{}, err
			}
		}
	}
	first := ""
	if len(texts) > 0 {
		first = texts[0]
	}
	container, err := c.firstContainer(ctx, first, m.Media, urls)
	if err != nil {
		return pipeline.Receipt{}, err
	}
	id, err := c.publish(ctx, container)
	if err != nil {
		return pipeline.Receipt{}, err
	}
	r := pipeline.Receipt{ID: id}
	c.permalink(ctx, &r)
	prev := id
	for i := 1; i < len(texts); i++ {
		reply, err := c.reply(ctx, texts[i], prev)
		if err != nil {
			return pipeline.Receipt{}, sentAnyway(err, r, fmt.Sprintf("part %d of %d", i+1, len(texts)))
		}
		r.Parts = append(r.Parts, reply)
		prev = reply
	}
	if fc := strings.TrimSpace(m.FirstComment); fc != "" {
		reply, err := c.reply(ctx, fc, id)
		if err != nil {
			return pipeline.Receipt{}, sentAnyway(err, r, "first comment")
		}
		r.Parts = append(r.Parts, reply)
	}
	return r, nil
}

// firstContainer makes the container of the first part: text, one image,
// or a carousel.
func (c *Client) firstContainer(ctx context.Context, text string, media []pipeline.Attachment, urls []string) (string, error) {
	if len(media) == 0 {
		return c.create(ctx, url.Values{"media_type": {"TEXT"}, "text": {text}})
	}
	return graph.ImageContainer(ctx, c.create, media, urls, url.Values{"media_type": {"IMAGE"}}, "text", text)
}

// reply publishes a text as a reply to a post.
func (c *Client) reply(ctx context.Context, text, to string) (string, error) {
	container, err := c.create(ctx, url.Values{"media_type": {"TEXT"}, "text": {text}, "reply_to_id": {to}})
	if err != nil {
		return "", err
	}
	return c.publish(ctx, container)
}

// create makes a container. Nothing is visible until it is published: a
// failure here has not posted anything.
func (c *Client) create(ctx context.Context, form url.Values) (string, error) {
	var created struct {
		ID string `json:"id"`
	}
	op := "POST /{threads-user-id}/threads"
	res, err := c.form(ctx, http.MethodPost, c.node(nil, c.User, "threads"), op, form, &created)
	if err != nil {
		if f := pipeline.AsFailure(err); f != nil {
			f.MaybeSent = false
		}
		return "", err
	}
	if created.ID == "" {
		return "", &pipeline.Failure{Network: network, Op: op, Status: res.Status, Message: "the answer has no container id"}
	}
	return created.ID, nil
}

// publish waits until a container is FINISHED, then publishes it.
func (c *Client) publish(ctx context.Context, container string) (string, error) {
	if err := c.waitFinished(ctx, container); err != nil {
		return "", err
	}
	var published struct {
		ID string `json:"id"`
	}
	op := "POST /{threads-user-id}/threads_publish"
	res, err := c.form(ctx, http.MethodPost, c.node(nil, c.User, "threads_publish"), op, url.Values{"creation_id": {container}}, &published)
	if err != nil {
		return "", err
	}
	if published.ID == "" {
		return "", &pipeline.Failure{Network: network, Op: op, Status: res.Status, Message: "the answer has no media id", Temporary: true, MaybeSent: true}
	}
	return published.ID, nil
}

// sentAnyway is the failure of a step that follows the first part: the
// post is out, so the publisher must ask Find before publishing again.
func sentAnyway(err error, r pipeline.Receipt, step string) error {
	return pipeline.SentAnyway(err, pipeline.Out{Network: network, What: "post " + r.ID + " is published", Receipt: r, Step: step,
		Hint: "add the missing replies by hand, as replies to the last one published"})
}

// waitFinished polls a container's status until Threads has processed it.
func (c *Client) waitFinished(ctx context.Context, id string) error {
	op := "GET /{threads-container-id}"
	every, limit := c.PollEvery, c.PollFor
	if every <= 0 {
		every = time.Second
	}
	if limit <= 0 {
		limit = 2 * time.Minute
	}
	var waited time.Duration
	for {
		var st struct {
			Status       string `json:"status"`
			ErrorMessage string `json:"error_message"`
		}
		q := url.Values{"fields": {"status,error_message"}}
		if _, err := c.form(ctx, http.MethodGet, c.node(q, id), op, nil, &st); err != nil {
			return err
		}
		switch st.Status {
		case "FINISHED":
			return nil
		case "ERROR", "EXPIRED", "PUBLISHED":
			msg := "the container is " + st.Status
			if st.ErrorMessage != "" {
				msg += ": " + st.ErrorMessage
			}
			return &pipeline.Failure{Network: network, Op: op, Message: msg,
				Hint: "Threads could not use the post: check its images (JPEG or PNG, at most 8 MB) and its text (500 characters, 5 links)"}
		}
		if waited >= limit {
			return &pipeline.Failure{Network: network, Op: op, Temporary: true,
				Message: fmt.Sprintf("the container is still %s after %s", st.Status, waited.Round(time.Second))}
		}
		if err := c.sleep(ctx, every); err != nil {
			return &pipeline.Failure{Network: network, Op: op, Temporary: true, Message: "stopped waiting for the container: " + err.Error(), Err: err}
		}
		waited += every
		every = min(every*2, 15*time.Second)
	}
}

// checkImage makes sure Threads will find an image: the URL answers 200
// with an image content type. HEAD first; a server that refuses HEAD is
// asked with GET.
func (c *Client) checkImage(ctx context.Context, name, u string) error {
	hint := fmt.Sprintf("Threads fetches images by public URL: publish the repository's images at %s (options.media_base_url of %s), then publish again", c.MediaBaseURL, c.Channel)
	_, err := graph.CheckImage(ctx, c.Media, network, name, u, hint)
	return err
}

// permalink asks the post's address and time; a post that went out is
// not failed for want of them.
func (c *Client) permalink(ctx context.Context, r *pipeline.Receipt) {
	if p, ok := c.api().Permalink(ctx, r.ID, "GET /{threads-media-id}", postFields); ok {
		r.URL = p.Link
		if !p.At.IsZero() {
			r.At = p.At
		}
	}
}

// postFields are the names Threads gives a post's text, time and link.
var postFields = graph.Fields{Text: "text", Time: "timestamp", Link: "permalink"}

// Find looks through the profile's recent posts for the first part's text.
func (c *Client) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	want := ""
	if texts := parts(m); len(texts) > 0 {
		want = texts[0]
	}
	p, ok, err := c.api().FindRecent(ctx, c.User, "threads", "GET /{threads-user-id}/threads", postFields, c.FindWithin,
		func(text string) bool { return graph.SameText(text, want) })
	if !ok {
		return pipeline.Receipt{}, false, err
	}
	r := pipeline.Receipt{ID: p.ID, URL: p.Link, At: p.At}
	r.Parts = c.findReplies(ctx, r.ID, m)
	return r, true, nil
}

// findReplies finds, under a post found by Find, the replies Publish made:
// each further part a reply to the previous one, the first comment a reply
// to the post, all owned by the token's user. It reads the conversation
// (GET /{threads-media-id}/conversation, which needs threads_read_replies);
// without it, the receipt has no reply ids and Retract takes down only the
// post. It stops at the first part not found: the thread went out up to
// there.
func (c *Client) findReplies(ctx context.Context, root string, m pipeline.Message) []string {
	texts := parts(m)
	fc := strings.TrimSpace(m.FirstComment)
	if len(texts) < 2 && fc == "" {
		return nil
	}
	type reply struct {
		ID        string `json:"id"`
		Text      string `json:"text"`
		Owned     bool   `json:"is_reply_owned_by_me"`
		RepliedTo struct {
			ID string `json:"id"`
		} `json:"replied_to"`
	}
	var conv struct {
		Data []reply `json:"data"`
	}
	q := url.Values{"fields": {"id,text,replied_to,is_reply_owned_by_me"}, "reverse": {"false"}}
	if _, err := c.form(ctx, http.MethodGet, c.node(q, root, "conversation"), "GET /{threads-media-id}/conversation", nil, &conv); err != nil {
		return nil
	}
	used := map[string]bool{}
	next := func(to, text string) string {
		for _, r := range conv.Data {
			if r.Owned && !used[r.ID] && r.RepliedTo.ID == to && graph.SameText(r.Text, text) {
				used[r.ID] = true
				return r.ID
			}
		}
		return ""
	}
	var ids []string
	prev := root
	for _, t := range texts[min(1, len(texts)):] {
		id := next(prev, t)
		if id == "" {
			break
		}
		ids = append(ids, id)
		prev = id
	}
	if fc != "" && len(ids) == len(texts)-min(1, len(texts)) {
		if id := next(root, fc); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// Retract deletes the replies, last first, then the post. One already gone
// is fine.
func (c *Client) Retract(ctx context.Context, r pipeline.Receipt) error {
	for _, id := range r.TakedownOrder() {
		res, err := c.form(ctx, http.MethodDelete, c.node(nil, id), "DELETE /{threads-media-id}", nil, nil)
		if err != nil && !graph.Gone(res) {
			if f := pipeline.AsFailure(err); f != nil && f.Hint == c.tokenHint {
				f.Hint += " (deleting also needs threads_delete)"
			}
			return err
		}
	}
	return nil
}

// api is the Graph API with what Threads' errors mean.
func (c *Client) api() *graph.API {
	return &graph.API{Network: network, Base: c.API, Version: c.Version, HTTP: c.HTTP, Policy: graph.Policy{
		ThrottleHint: func(graph.Error) string {
			return "Threads is limiting calls for this app or profile (250 posts and 1000 replies per 24 hours): publish again after the wait"
		},
		TokenHint:      c.tokenHint,
		PermissionHint: "the token lacks a permission: publishing needs threads_basic and threads_content_publish, deleting threads_delete",
		Now:            c.now,
	}}
}

func (c *Client) node(q url.Values, segments ...string) string { return c.api().Node(q, segments...) }

func (c *Client) form(ctx context.Context, method, u, op string, form url.Values, out any) (*httpapi.Response, error) {
	return c.api().Form(ctx, method, u, op, form, out)
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// MediaURL is where Threads fetches an image: media_base_url followed by
// the image's name in the repository, each segment path-escaped.
func (c *Client) MediaURL(name string) string { return graph.MediaURL(c.MediaBaseURL, name) }
