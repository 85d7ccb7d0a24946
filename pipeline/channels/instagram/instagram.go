package instagram

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/httpapi"
)

const network = "instagram"

// Defaults of the options.
const (
	DefaultAPI     = "https://graph.facebook.com"
	DefaultVersion = "v23.0"
)

// MaxImages is the largest carousel Instagram publishes.
const MaxImages = 10

// Client publishes to one Instagram professional account.
type Client struct {
	Channel   string
	User      string // the Instagram professional account's id
	API       string // the Graph API's base URL, without a trailing slash
	Version   string
	MediaBase string // where the repository's images are served, ending with a slash
	HTTP      *httpapi.Client
	// Media fetches the image URLs: no token goes to the media host.
	Media *httpapi.Client
	// FindWindow is how far back Find looks: a post older than this with
	// the same caption is another occurrence. Default 24 h.
	FindWindow time.Duration
	// PollEvery is the first pause between two looks at a container's
	// status (it doubles, up to 15 s); PollFor is how long Publish waits
	// for FINISHED. Defaults 2 s and 2 min.
	PollEvery, PollFor time.Duration
	// Wait sleeps between polls; nil waits for real (tests shorten it).
	Wait func(ctx context.Context, d time.Duration) error
	Now  func() time.Time

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
	token := strings.TrimSpace(secrets["token"])
	if token == "" {
		return nil, fmt.Errorf(`secret "token" is empty: set the environment variable %s (crieur.yml: channels.%s.secrets.token)`, env, cc.Name)
	}
	user := strings.TrimSpace(cc.Options["user"])
	if user == "" {
		return nil, fmt.Errorf(`instagram channel %s: option "user" is empty: set channels.%s.options.user to the Instagram professional account's id`, cc.Name, cc.Name)
	}
	if !idRe.MatchString(user) {
		return nil, fmt.Errorf(`instagram channel %s: option "user" %q is not an account id`, cc.Name, user)
	}
	api, err := baseURL(cc.Options["api"], DefaultAPI)
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
	media, err := baseURL(cc.Options["media_base_url"], "")
	if err != nil {
		return nil, fmt.Errorf(`instagram channel %s: option "media_base_url": %v`, cc.Name, err)
	}
	hint := fmt.Sprintf("the token in $%s was refused (expired or revoked): create a new access token with instagram_content_publish and store it in %s", env, env)
	return &Client{
		Channel:    cc.Name,
		User:       user,
		API:        api,
		Version:    version,
		MediaBase:  media + "/",
		FindWindow: 24 * time.Hour,
		PollEvery:  2 * time.Second,
		PollFor:    2 * time.Minute,
		HTTP: &httpapi.Client{
			Network:      network,
			Client:       hc,
			Header:       http.Header{"Authorization": {"Bearer " + token}},
			AuthHint:     hint,
			ErrorMessage: errorMessage,
		},
		Media:     &httpapi.Client{Network: network, Client: hc, MaxBody: 1 << 10},
		tokenHint: hint,
	}, nil
}

// baseURL checks a base URL option and drops its trailing slash.
func baseURL(v, def string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		v = def
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("%q is not an http(s) base URL", v)
	}
	return strings.TrimRight(v, "/"), nil
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) wait(ctx context.Context, d time.Duration) error {
	if c.Wait != nil {
		return c.Wait(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (c *Client) node(q url.Values, segments ...string) string {
	u := c.API + "/" + c.Version
	for _, s := range segments {
		u += "/" + url.PathEscape(s)
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// MediaURL is where Instagram fetches an image: media_base_url followed
// by the image's name in the repository, each segment path-escaped.
func (c *Client) MediaURL(name string) string {
	segs := strings.Split(strings.TrimLeft(path.Clean("/"+strings.ReplaceAll(name, `\`, "/")), "/"), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return c.MediaBase + strings.Join(segs, "/")
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
	if len(m.Media) > MaxImages {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "publish",
			Message: fmt.Sprintf("%d images: an Instagram carousel holds at most %d", len(m.Media), MaxImages),
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
	text := caption(m)
	var container string
	if len(m.Media) == 1 {
		form := url.Values{"image_url": {urls[0]}}
		if text != "" {
			form.Set("caption", text)
		}
		if alt := strings.TrimSpace(m.Media[0].Alt); alt != "" {
			form.Set("alt_text", alt)
		}
		id, err := c.create(ctx, form)
		if err != nil {
			return pipeline.Receipt{}, err
		}
		container = id
	} else {
		children := make([]string, len(m.Media))
		for i, a := range m.Media {
			form := url.Values{"image_url": {urls[i]}, "is_carousel_item": {"true"}}
			if alt := strings.TrimSpace(a.Alt); alt != "" {
				form.Set("alt_text", alt)
			}
			id, err := c.create(ctx, form)
			if err != nil {
				return pipeline.Receipt{}, err
			}
			children[i] = id
		}
		form := url.Values{"media_type": {"CAROUSEL"}, "children": {strings.Join(children, ",")}}
		if text != "" {
			form.Set("caption", text)
		}
		id, err := c.create(ctx, form)
		if err != nil {
			return pipeline.Receipt{}, err
		}
		container = id
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
			return pipeline.Receipt{}, sentAnyway(err, r, "first comment")
		}
		r.Parts = append(r.Parts, comment.ID)
	}
	return r, nil
}

// sentAnyway is the failure of a step that follows the post: the post is
// out, so the publisher must ask Find before publishing again.
func sentAnyway(err error, r pipeline.Receipt, what string) error {
	f := pipeline.AsFailure(err)
	if f == nil {
		f = &pipeline.Failure{Network: network, Message: err.Error(), Err: err}
	}
	g := *f
	at := ""
	if r.URL != "" {
		at = " at " + r.URL
	}
	g.Message = fmt.Sprintf("media %s is published%s, but its %s failed: %s", r.ID, at, what, f.Message)
	// Temporary and maybe sent: the publisher asks Find, which finds the
	// post and records it, instead of publishing it a second time.
	g.Temporary = true
	g.MaybeSent = true
	if g.Hint == "" {
		g.Hint = "add the " + what + " by hand"
	}
	return &g
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
		if err := c.wait(ctx, every); err != nil {
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
	op := "check image URL"
	res, err := c.fetch(ctx, http.MethodHead, u, op)
	if err != nil {
		res, err = c.fetch(ctx, http.MethodGet, u, op)
	}
	hint := fmt.Sprintf("Instagram fetches images by public URL: publish the repository's images at %s (options.media_base_url of %s), then publish again", c.MediaBase, c.Channel)
	if err != nil {
		f := pipeline.AsFailure(err)
		if f == nil {
			return err
		}
		g := *f
		g.Message = fmt.Sprintf("%s is not served at %s: %s", name, u, f.Message)
		if f.Status != 0 {
			g.Message = fmt.Sprintf("%s is not served at %s: HTTP %d", name, u, f.Status)
		}
		g.Status = 0
		g.Hint = hint
		g.MaybeSent = false
		return &g
	}
	if res.Status != http.StatusOK {
		return &pipeline.Failure{Network: network, Op: op, Message: fmt.Sprintf("%s answers HTTP %d at %s, not 200", name, res.Status, u), Hint: hint}
	}
	ct, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if !strings.HasPrefix(ct, "image/") {
		if ct == "" {
			ct = "no content type"
		}
		return &pipeline.Failure{Network: network, Op: op, Message: fmt.Sprintf("%s is served at %s as %s, not as an image", name, u, ct), Hint: hint}
	}
	if ct != "image/jpeg" {
		return &pipeline.Failure{Network: network, Op: op, Message: fmt.Sprintf("%s is served at %s as %s: Instagram publishes JPEG images only", name, u, ct),
			Hint: "convert the image to JPEG for " + c.Channel}
	}
	return nil
}

func (c *Client) fetch(ctx context.Context, method, u, op string) (*httpapi.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, &pipeline.Failure{Network: network, Op: op, Message: "cannot build the request: " + err.Error()}
	}
	return c.Media.Do(req, op)
}

// permalink asks the post's address and time; a post that went out is
// not failed for want of them.
func (c *Client) permalink(ctx context.Context, r *pipeline.Receipt) {
	var p struct {
		Permalink string `json:"permalink"`
		Timestamp string `json:"timestamp"`
	}
	q := url.Values{"fields": {"permalink,timestamp"}}
	if _, err := c.form(ctx, http.MethodGet, c.node(q, r.ID), "GET /{ig-media-id}", nil, &p); err == nil {
		r.URL = p.Permalink
		if t, ok := parseTime(p.Timestamp); ok {
			r.At = t
		}
	}
}

// Find looks through the account's recent media for the message's caption.
func (c *Client) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	q := url.Values{"fields": {"id,caption,timestamp,permalink"}, "limit": {"25"}}
	var list struct {
		Data []struct {
			ID        string `json:"id"`
			Caption   string `json:"caption"`
			Timestamp string `json:"timestamp"`
			Permalink string `json:"permalink"`
		} `json:"data"`
	}
	if _, err := c.form(ctx, http.MethodGet, c.node(q, c.User, "media"), "GET /{ig-user-id}/media", nil, &list); err != nil {
		return pipeline.Receipt{}, false, err
	}
	window := c.FindWindow
	if window <= 0 {
		window = 24 * time.Hour
	}
	want := caption(m)
	for _, p := range list.Data {
		at, ok := parseTime(p.Timestamp)
		if ok && c.now().Sub(at) > window {
			continue
		}
		if sameText(p.Caption, want) {
			return pipeline.Receipt{ID: p.ID, URL: p.Permalink, At: at}, true, nil
		}
	}
	return pipeline.Receipt{}, false, nil
}

func (c *Client) form(ctx context.Context, method, u, op string, form url.Values, out any) (*httpapi.Response, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, &pipeline.Failure{Network: network, Op: op, Message: "cannot build the request: " + err.Error()}
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept", "application/json")
	res, err := c.HTTP.Do(req, op)
	if err != nil {
		return res, c.classify(method, res, err)
	}
	if out != nil {
		if err := json.Unmarshal(res.Body, out); err != nil {
			// A POST answered with something else than JSON may have been
			// done: worth asking Find, then trying again.
			post := method == http.MethodPost
			return res, &pipeline.Failure{Network: network, Op: op, Status: res.Status, Message: "unexpected answer: " + err.Error(),
				Temporary: post, MaybeSent: post, Err: err}
		}
	}
	return res, nil
}

// classify completes HTTPClient's verdict with what the Graph error body
// says: a 400 can be throttling or the publishing limit (temporary), an
// expired token, a missing permission or a passing fault.
func (c *Client) classify(method string, res *httpapi.Response, err error) error {
	f := pipeline.AsFailure(err)
	if f == nil || res == nil {
		return err
	}
	e, ok := parseGraphError(res.Body)
	if !ok {
		return err
	}
	switch {
	case throttled(e):
		f.Temporary = true
		f.MaybeSent = false
		if d := regainWait(res.Header); d > 0 {
			f.RetryAfter = d
		} else if f.RetryAfter == 0 {
			f.RetryAfter = httpapi.RetryAfter(res.Header, c.now())
		}
		f.Hint = "Instagram is limiting calls for this app or account: publish again after the wait"
		if e.Code == 9 {
			f.Hint = "Instagram allows 50 API-published posts per moving 24 hours: this one goes out on a later run"
		}
	case e.Code == 190 || e.Code == 102:
		f.Temporary = false
		f.Hint = c.tokenHint
	case e.Code == 10 || (e.Code >= 200 && e.Code < 300):
		f.Temporary = false
		f.Hint = "the token lacks a permission: publishing needs instagram_content_publish (instagram_business_content_publish with Instagram Login), the first comment instagram_manage_comments"
	case e.IsTransient || e.Code == 1 || e.Code == 2 || e.Code == -1 || e.Code == -2:
		f.Temporary = true
		if method == http.MethodPost {
			f.MaybeSent = true
		}
	}
	return f
}
