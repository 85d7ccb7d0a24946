package facebook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/graph"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

const network = "facebook"

// Defaults of the options.
const (
	DefaultAPI     = "https://graph.facebook.com"
	DefaultVersion = "v23.0"
)

// Client publishes to one Facebook Page.
type Client struct {
	Channel string // the channel's name in crieur.yml
	Page    string // the Page id
	API     string // the Graph API's base URL, without a trailing slash
	Version string // the Graph API version: v23.0
	HTTP    *httpapi.Client
	// FindWithin is how far back Find looks: a post older than this with
	// the same text is another occurrence, not this delivery. Default 24 h.
	FindWithin time.Duration
	Now        func() time.Time

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
// the value of page_token, read from the environment variable that
// cc.Secrets["page_token"] names.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	env := cc.Secrets["page_token"]
	if env == "" {
		return nil, fmt.Errorf(`facebook channel %s: no secret "page_token": add to crieur.yml channels.%s.secrets.page_token: FACEBOOK_PAGE_TOKEN (the environment variable that holds a Page access token)`, cc.Name, cc.Name)
	}
	token, err := cc.Secret(secrets, "page_token")
	if err != nil {
		return nil, err
	}
	page := strings.TrimSpace(cc.Options["page"])
	if page == "" {
		return nil, fmt.Errorf(`facebook channel %s: option "page" is empty: set channels.%s.options.page to the Page id (Page settings, "Page transparency" or About)`, cc.Name, cc.Name)
	}
	if !idRe.MatchString(page) {
		return nil, fmt.Errorf(`facebook channel %s: option "page" %q is not a Page id`, cc.Name, page)
	}
	api, err := graph.BaseURL(cc.Options["api"], DefaultAPI)
	if err != nil {
		return nil, fmt.Errorf("facebook channel %s: option \"api\": %v", cc.Name, err)
	}
	version := strings.TrimSpace(cc.Options["version"])
	if version == "" {
		version = DefaultVersion
	}
	if !versionRe.MatchString(version) {
		return nil, fmt.Errorf(`facebook channel %s: option "version" %q is not a Graph API version such as %s`, cc.Name, version, DefaultVersion)
	}
	hint := fmt.Sprintf("the Page token in $%s was refused (expired, revoked, or not a Page token): create a new Page access token with pages_manage_posts and store it in %s", env, env)
	return &Client{
		Channel:    cc.Name,
		Page:       page,
		API:        api,
		Version:    version,
		FindWithin: 24 * time.Hour,
		HTTP: &httpapi.Client{Secrets: httpapi.Values(secrets),
			Network:      network,
			Client:       hc,
			Header:       http.Header{"Authorization": {"Bearer " + token}},
			AuthHint:     hint,
			ErrorMessage: graph.Message,
		},
		tokenHint: hint,
	}, nil
}

// text is the message: the publisher joined the parts already (Facebook
// has no threads); a message that still has several is joined the same way.
func text(m pipeline.Message) string {
	var parts []string
	for _, p := range m.Parts {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "\n\n")
}

// Publish uploads the images unpublished, posts the message with them,
// then comments the first comment.
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	msg := text(m)
	if strings.TrimSpace(msg) == "" && len(m.Media) == 0 {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "publish", Message: "the message has neither text nor image"}
	}
	form := url.Values{}
	if msg != "" {
		form.Set("message", msg)
	}
	for i, a := range m.Media {
		id, err := c.uploadPhoto(ctx, a)
		if err != nil {
			return pipeline.Receipt{}, err
		}
		ref, _ := json.Marshal(map[string]string{"media_fbid": id})
		form.Set(fmt.Sprintf("attached_media[%d]", i), string(ref))
	}
	if len(m.Media) == 0 {
		if link := soleURL(msg); link != "" {
			form.Set("link", link)
		}
	}
	var created struct {
		ID string `json:"id"`
	}
	res, err := c.form(ctx, http.MethodPost, c.node(nil, c.Page, "feed"), "POST /{page-id}/feed", form, &created)
	if err != nil {
		if e, ok := graph.Of(res); ok && e.Code == 506 {
			// Facebook refuses a duplicate of the Page's last post: the
			// first attempt went out. Its receipt is what this one is.
			if r, found, ferr := c.Find(ctx, m); ferr == nil && found {
				return r, nil
			}
			if f := pipeline.AsFailure(err); f != nil {
				f.Hint = "Facebook refuses to post the same text twice in a row: the post is probably on the Page already"
			}
		}
		return pipeline.Receipt{}, err
	}
	if created.ID == "" {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "POST /{page-id}/feed", Status: res.Status,
			Message: "the answer has no post id", Temporary: true, MaybeSent: true}
	}
	r := pipeline.Receipt{ID: created.ID}
	c.permalink(ctx, &r)
	if fc := strings.TrimSpace(m.FirstComment); fc != "" {
		var comment struct {
			ID string `json:"id"`
		}
		if _, err := c.form(ctx, http.MethodPost, c.node(nil, r.ID, "comments"), "POST /{post-id}/comments", url.Values{"message": {fc}}, &comment); err != nil {
			return pipeline.Receipt{}, pipeline.SentAnyway(err, pipeline.Out{Network: network, What: "post " + r.ID + " is on the Page", Receipt: r, Step: "first comment"})
		}
		r.Parts = append(r.Parts, comment.ID)
	}
	return r, nil
}

// permalink asks the post's address and time. It is not worth failing a
// post that went out: without an answer, the address is built from the id.
func (c *Client) permalink(ctx context.Context, r *pipeline.Receipt) {
	if p, ok := c.api().Permalink(ctx, r.ID, "GET /{post-id}", postFields); ok {
		r.URL = p.Link
		if !p.At.IsZero() {
			r.At = p.At
		}
	}
	if r.URL == "" {
		if page, post, ok := strings.Cut(r.ID, "_"); ok {
			r.URL = "https://www.facebook.com/" + url.PathEscape(page) + "/posts/" + url.PathEscape(post)
		} else {
			r.URL = "https://www.facebook.com/" + url.PathEscape(r.ID)
		}
	}
}

// uploadPhoto uploads one image, unpublished, and returns its id. An
// unpublished photo is seen by no one (Facebook deletes it after a day if
// no post uses it): a failure here has not posted anything.
func (c *Client) uploadPhoto(ctx context.Context, a pipeline.Attachment) (string, error) {
	op := "POST /{page-id}/photos"
	data, err := os.ReadFile(a.Path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", &pipeline.Failure{Network: network, Op: op, Message: fmt.Sprintf("cannot read the image %s: %v", a.Name, err)}
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("published", "false")
	if alt := strings.TrimSpace(a.Alt); alt != "" {
		_ = w.WriteField("alt_text_custom", alt)
	}
	h := textproto.MIMEHeader{}
	name := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", "").Replace(path.Base(a.Name))
	h.Set("Content-Disposition", `form-data; name="source"; filename="`+name+`"`)
	h.Set("Content-Type", http.DetectContentType(data))
	part, err := w.CreatePart(h)
	if err != nil {
		return "", err
	}
	if _, err := part.Write(data); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	var photo struct {
		ID string `json:"id"`
	}
	if _, err := c.send(ctx, http.MethodPost, c.node(nil, c.Page, "photos"), op, &body, w.FormDataContentType(), &photo); err != nil {
		if f := pipeline.AsFailure(err); f != nil {
			f.MaybeSent = false
			f.Message = a.Name + ": " + f.Message
		}
		return "", err
	}
	if photo.ID == "" {
		return "", &pipeline.Failure{Network: network, Op: op, Message: a.Name + ": the answer has no photo id"}
	}
	return photo.ID, nil
}

var urlRe = regexp.MustCompile(`https?://[^\s<>"«»]+`)

// soleURL is the only address a text holds, or "".
func soleURL(s string) string {
	found := ""
	for _, u := range urlRe.FindAllString(s, -1) {
		u = strings.TrimRight(u, ".,;:!?)]}'’")
		if found != "" && u != found {
			return ""
		}
		found = u
	}
	return found
}

// Find looks through the Page's recent posts for the message's text.
func (c *Client) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	want := text(m)
	p, ok, err := c.api().FindRecent(ctx, c.Page, "posts", "GET /{page-id}/posts", postFields, c.FindWithin,
		func(text string) bool { return graph.SameText(text, want) })
	if !ok {
		return pipeline.Receipt{}, false, err
	}
	r := pipeline.Receipt{ID: p.ID, URL: p.Link, At: p.At}
	if r.URL == "" {
		c.permalink(ctx, &r)
	}
	return r, true, nil
}

// postFields are the names Facebook gives a post's message, time and link.
var postFields = graph.Fields{Text: "message", Time: "created_time", Link: "permalink_url"}

// Retract deletes the comments then the post. One already gone is fine.
func (c *Client) Retract(ctx context.Context, r pipeline.Receipt) error {
	for _, id := range r.TakedownOrder() {
		res, err := c.form(ctx, http.MethodDelete, c.node(nil, id), "DELETE /{object-id}", nil, nil)
		if err != nil && !graph.Gone(res) {
			return err
		}
	}
	return nil
}

// api is the Graph API with what Facebook's errors mean.
func (c *Client) api() *graph.API {
	return &graph.API{Network: network, Base: c.API, Version: c.Version, HTTP: c.HTTP, Policy: graph.Policy{
		Throttled: func(e graph.Error) bool { return e.Code == 80001 }, // Pages API calls of a Page
		ThrottleHint: func(graph.Error) string {
			return "Facebook is limiting calls for this app or Page: publish again after the wait"
		},
		TokenHint:      c.tokenHint,
		PermissionHint: "the Page token lacks a permission: it needs pages_manage_posts (and pages_read_engagement), granted by someone who can create content on the Page",
		Hints:          map[int]string{368: "Facebook blocked the action as abusive or against its policies for now: check the Page's notifications"},
		Now:            c.now,
	}}
}

func (c *Client) node(q url.Values, segments ...string) string { return c.api().Node(q, segments...) }

func (c *Client) form(ctx context.Context, method, u, op string, form url.Values, out any) (*httpapi.Response, error) {
	return c.api().Form(ctx, method, u, op, form, out)
}

func (c *Client) send(ctx context.Context, method, u, op string, body io.Reader, ctype string, out any) (*httpapi.Response, error) {
	return c.api().Send(ctx, method, u, op, body, ctype, out)
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}
