package instagram

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

const network = "instagram"

// Defaults of the options.
const (
	DefaultAPI     = "https://graph.facebook.com"
	DefaultVersion = "v23.0"
)

// facts is what pipeline's table of networks says of Instagram: the
// largest carousel it publishes.
var facts, _ = pipeline.LookupNetwork(network)

// Client publishes to one Instagram professional account.
type Client struct {
	Channel      string
	User         string // the Instagram professional account's id
	API          string // the Graph API's base URL, without a trailing slash
	Version      string
	MediaBaseURL string // where the repository's images are served, ending with a slash
	HTTP         *httpapi.Client
	// Media fetches the image URLs: no token goes to the media host.
	Media *httpapi.Client
	// FindWithin is how far back Find looks: a post older than this with
	// the same caption is another occurrence. Default 24 h.
	FindWithin time.Duration
	// PollEvery is the first pause between two looks at a container's
	// status (it doubles, up to 15 s); PollFor is how long Publish waits
	// for FINISHED. Defaults 2 s and 2 min.
	PollEvery, PollFor time.Duration
	// Sleep waits between polls; nil sleeps for real (tests shorten it).
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time

	tokenHint string
}

var (
	_ pipeline.Channel = (*Client)(nil)
	_ pipeline.Finder  = (*Client)(nil)
	// No Retracter: the Instagram API cannot delete a published post.
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
		return nil, fmt.Errorf(`instagram channel %s: no secret "token": add to crieur.yml channels.%s.secrets.token: INSTAGRAM_TOKEN (the environment variable that holds the access token)`, cc.Name, cc.Name)
	}
	token, err := cc.Secret(secrets, "token")
	if err != nil {
		return nil, err
	}
	user := strings.TrimSpace(cc.Options["user"])
	if user == "" {
		return nil, fmt.Errorf(`instagram channel %s: option "user" is empty: set channels.%s.options.user to the Instagram professional account's id`, cc.Name, cc.Name)
	}
	if !idRe.MatchString(user) {
		return nil, fmt.Errorf(`instagram channel %s: option "user" %q is not an account id`, cc.Name, user)
	}
	api, err := graph.BaseURL(cc.Options["api"], DefaultAPI)
	if err != nil {
		return nil, fmt.Errorf(`instagram channel %s: option "api": %v`, cc.Name, err)
	}
	version := strings.TrimSpace(cc.Options["version"])
	if version == "" {
		version = DefaultVersion
	}
	if !versionRe.MatchString(version) {
		return nil, fmt.Errorf(`instagram channel %s: option "version" %q is not a Graph API version such as %s`, cc.Name, version, DefaultVersion)
	}
	if strings.TrimSpace(cc.Options["media_base_url"]) == "" {
		return nil, fmt.Errorf(`instagram channel %s: option "media_base_url" is empty: Instagram fetches images by public URL; set channels.%s.options.media_base_url to where the repository's images are served, e.g. https://<owner>.github.io/<repo>/ or https://raw.githubusercontent.com/<owner>/<repo>/main/ for a public repository`, cc.Name, cc.Name)
	}
	media, err := graph.BaseURL(cc.Options["media_base_url"], "")
	if err != nil {
		return nil, fmt.Errorf(`instagram channel %s: option "media_base_url": %v`, cc.Name, err)
	}
	hint := fmt.Sprintf("the token in $%s was refused (expired or revoked): create a new access token with instagram_content_publish and store it in %s", env, env)
	return &Client{
		Channel:      cc.Name,
		User:         user,
		API:          api,
		Version:      version,
		MediaBaseURL: media + "/",
		FindWithin:   24 * time.Hour,
		PollEvery:    2 * time.Second,
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

// caption is the post's text: the publisher joined the parts already
// (Instagram has no threads); a message that still has several is joined
// the same way.
func caption(m pipeline.Message) string {
	var parts []string
	for _, p := range m.Parts {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "\n\n")
}

// Publish checks the image URLs and the publishing quota, makes the
// container(s), waits until Instagram has fetched the images, publishes,
// and comments the first comment.
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if len(m.Media) == 0 {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "publish",
			Message: "Instagram has no text-only posts: this message has no image",
			Hint:    "add at least one image to the post, or leave " + c.Channel + " out of its channels"}
	}
	if len(m.Media) > facts.Media.Max {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "publish",
			Message: fmt.Sprintf("%d images: an Instagram carousel holds at most %d", len(m.Media), facts.Media.Max),
			Hint:    "keep at most 10 images for " + c.Channel}
	}
	urls := make([]string, len(m.Media))
	for i, a := range m.Media {
		urls[i] = c.MediaURL(a.Name)
		if err := c.checkImage(ctx, a.Name, urls[i]); err != nil {
			return pipeline.Receipt{}, err
		}
	}
	if err := c.checkQuota(ctx); err != nil {
		return pipeline.Receipt{}, err
	}
	container, err := c.container(ctx, m, urls)
	if err != nil {
		return pipeline.Receipt{}, err
	}
	if err := c.waitFinished(ctx, container); err != nil {
		return pipeline.Receipt{}, err
	}
	var published struct {
		ID string `json:"id"`
	}
	res, err := c.form(ctx, http.MethodPost, c.node(nil, c.User, "media_publish"), "POST /{ig-user-id}/media_publish",
		url.Values{"creation_id": {container}}, &published)
	if err != nil {
		return pipeline.Receipt{}, err
	}
	if published.ID == "" {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "POST /{ig-user-id}/media_publish", Status: res.Status,
			Message: "the answer has no media id", Temporary: true, MaybeSent: true}
	}
	r := pipeline.Receipt{ID: published.ID}
	c.permalink(ctx, &r)
	if fc := strings.TrimSpace(m.FirstComment); fc != "" {
		var comment struct {
			ID string `json:"id"`
		}
		if _, err := c.form(ctx, http.MethodPost, c.node(nil, r.ID, "comments"), "POST /{ig-media-id}/comments",
			url.Values{"message": {fc}}, &comment); err != nil {
			return pipeline.Receipt{}, pipeline.SentAnyway(err, pipeline.Out{Network: network, What: "media " + r.ID + " is published", Receipt: r, Step: "first comment"})
		}
		r.Parts = append(r.Parts, comment.ID)
	}
	return r, nil
}

// container makes the post's container: the image, or a carousel of the
// images' containers.
func (c *Client) container(ctx context.Context, m pipeline.Message, urls []string) (string, error) {
	return graph.ImageContainer(ctx, c.create, m.Media, urls, nil, "caption", caption(m))
}

// create makes a container. Nothing is visible until it is published: a
// failure here has not posted anything.
func (c *Client) create(ctx context.Context, form url.Values) (string, error) {
	var created struct {
		ID string `json:"id"`
	}
	op := "POST /{ig-user-id}/media"
	res, err := c.form(ctx, http.MethodPost, c.node(nil, c.User, "media"), op, form, &created)
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

// waitFinished polls a container's status until Instagram has fetched and
// checked its media.
func (c *Client) waitFinished(ctx context.Context, id string) error {
	op := "GET /{ig-container-id}"
	every, limit := c.PollEvery, c.PollFor
	if every <= 0 {
		every = 2 * time.Second
	}
	if limit <= 0 {
		limit = 2 * time.Minute
	}
	var waited time.Duration
	for {
		var st struct {
			StatusCode string `json:"status_code"`
			Status     string `json:"status"`
		}
		q := url.Values{"fields": {"status_code,status"}}
		if _, err := c.form(ctx, http.MethodGet, c.node(q, id), op, nil, &st); err != nil {
			return err
		}
		switch st.StatusCode {
		case "FINISHED":
			return nil
		case "ERROR", "EXPIRED", "PUBLISHED":
			msg := "the container is " + st.StatusCode
			if st.Status != "" && st.Status != st.StatusCode {
				msg += ": " + st.Status
			}
			return &pipeline.Failure{Network: network, Op: op, Message: msg,
				Hint: "Instagram could not use the image: check that it is a JPEG under 8 MB with an aspect ratio between 4:5 and 1.91:1"}
		}
		if waited >= limit {
			return &pipeline.Failure{Network: network, Op: op, Temporary: true,
				Message: fmt.Sprintf("the container is still %s after %s", st.StatusCode, waited.Round(time.Second))}
		}
		if err := c.sleep(ctx, every); err != nil {
			return &pipeline.Failure{Network: network, Op: op, Temporary: true, Message: "stopped waiting for the container: " + err.Error(), Err: err}
		}
		waited += every
		every = min(every*2, 15*time.Second)
	}
}

// checkQuota refuses to start when the 50 posts of the last 24 hours are
// used up: the containers would be made for nothing.
func (c *Client) checkQuota(ctx context.Context) error {
	var limit struct {
		Data []struct {
			QuotaUsage int `json:"quota_usage"`
			Config     struct {
				QuotaTotal    int `json:"quota_total"`
				QuotaDuration int `json:"quota_duration"`
			} `json:"config"`
		} `json:"data"`
	}
	op := "GET /{ig-user-id}/content_publishing_limit"
	q := url.Values{"fields": {"quota_usage,config"}}
	if _, err := c.form(ctx, http.MethodGet, c.node(q, c.User, "content_publishing_limit"), op, nil, &limit); err != nil {
		return err
	}
	for _, d := range limit.Data {
		if d.Config.QuotaTotal > 0 && d.QuotaUsage >= d.Config.QuotaTotal {
			return &pipeline.Failure{Network: network, Op: op, Temporary: true,
				Message: fmt.Sprintf("%d of %d posts published in the last %s", d.QuotaUsage, d.Config.QuotaTotal, time.Duration(d.Config.QuotaDuration)*time.Second),
				Hint:    "Instagram allows 50 API-published posts per moving 24 hours: this one goes out on a later run"}
		}
	}
	return nil
}

// checkImage makes sure Instagram will find an image: the URL answers 200
// with an image content type, image/jpeg (the only format it publishes). HEAD first; a server that refuses HEAD is
// asked with GET.
func (c *Client) checkImage(ctx context.Context, name, u string) error {
	hint := fmt.Sprintf("Instagram fetches images by public URL: publish the repository's images at %s (options.media_base_url of %s), then publish again", c.MediaBaseURL, c.Channel)
	ct, err := graph.CheckImage(ctx, c.Media, network, name, u, hint)
	if err != nil {
		return err
	}
	if ct != "image/jpeg" {
		return &pipeline.Failure{Network: network, Op: "check image URL", Message: fmt.Sprintf("%s is served at %s as %s: Instagram publishes JPEG images only", name, u, ct),
			Hint: "convert the image to JPEG for " + c.Channel}
	}
	return nil
}

// permalink asks the post's address and time; a post that went out is
// not failed for want of them.
func (c *Client) permalink(ctx context.Context, r *pipeline.Receipt) {
	if p, ok := c.api().Permalink(ctx, r.ID, "GET /{ig-media-id}", postFields); ok {
		r.URL = p.Link
		if !p.At.IsZero() {
			r.At = p.At
		}
	}
}

// postFields are the names Instagram gives a media's caption, time and link.
var postFields = graph.Fields{Text: "caption", Time: "timestamp", Link: "permalink"}

// Find looks through the account's recent media for the message's caption.
func (c *Client) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	want := caption(m)
	p, ok, err := c.api().FindRecent(ctx, c.User, "media", "GET /{ig-user-id}/media", postFields, c.FindWithin,
		func(text string) bool { return sameText(text, want) })
	if !ok {
		return pipeline.Receipt{}, false, err
	}
	return pipeline.Receipt{ID: p.ID, URL: p.Link, At: p.At}, true, nil
}

// api is the Graph API with what Instagram's errors mean.
func (c *Client) api() *graph.API {
	return &graph.API{Network: network, Base: c.API, Version: c.Version, HTTP: c.HTTP, Policy: graph.Policy{
		// 80002: too many calls to this Instagram account; code 9 subcode
		// 2207042: the 50 posts per 24 hours are used up.
		Throttled: func(e graph.Error) bool { return e.Code == 80002 || e.Code == 9 && e.Subcode == 2207042 },
		ThrottleHint: func(e graph.Error) string {
			if e.Code == 9 {
				return "Instagram allows 50 API-published posts per moving 24 hours: this one goes out on a later run"
			}
			return "Instagram is limiting calls for this app or account: publish again after the wait"
		},
		TokenHint:      c.tokenHint,
		PermissionHint: "the token lacks a permission: publishing needs instagram_content_publish (instagram_business_content_publish with Instagram Login), the first comment instagram_manage_comments",
		Transient:      []int{-1, -2},
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

// MediaURL is where Instagram fetches an image: media_base_url followed
// by the image's name in the repository, each segment path-escaped.
func (c *Client) MediaURL(name string) string { return graph.MediaURL(c.MediaBaseURL, name) }

// sameText compares a sent caption with what Instagram shows, ignoring the
// @ signs too: a caption read back omits them unless the token's user can
// perform admin-equivalent tasks on the app (IG Media reference).
func sameText(a, b string) bool {
	return graph.SameText(strings.ReplaceAll(a, "@", ""), strings.ReplaceAll(b, "@", ""))
}
