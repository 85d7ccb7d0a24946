package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

const network = "webhook"

// Client posts publications to a user's own endpoint.
type Client struct {
	MediaBaseURL string
	Now          func() time.Time // nil: time.Now

	channel    string
	url        string // all three may hold tokens: never shown
	retractURL string
	findURL    string
	signing    []byte
	secrets    []string // values never to return
	http       *httpapi.Client
}

var (
	_ pipeline.Channel   = (*Client)(nil)
	_ pipeline.Finder    = (*Client)(nil)
	_ pipeline.Retracter = (*Client)(nil)
)

// FromConfig builds the client of a webhook channel of crieur.yml.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	c := &Client{channel: cc.Name}
	var err error
	if c.url, err = endpoint(cc, secrets, "url"); err != nil {
		return nil, err
	}
	if c.url == "" {
		return nil, fmt.Errorf("no URL to post to: set channels.%s.options.url, or channels.%s.secrets.url to the environment variable holding it", cc.Name, cc.Name)
	}
	if c.retractURL, err = endpoint(cc, secrets, "retract_url"); err != nil {
		return nil, err
	}
	if c.findURL, err = endpoint(cc, secrets, "find_url"); err != nil {
		return nil, err
	}
	if _, ok := cc.Secrets["signing_secret"]; ok {
		v, err := cc.Secret(secrets, "signing_secret")
		if err != nil {
			return nil, err
		}
		c.signing = []byte(v)
	}
	for _, v := range secrets {
		if v != "" {
			c.secrets = append(c.secrets, v)
		}
	}
	if base := strings.TrimRight(strings.TrimSpace(cc.Options["media_base_url"]), "/"); base != "" {
		if !isHTTP(base) {
			return nil, fmt.Errorf("option media_base_url %q is not an http(s) URL (channels.%s.options.media_base_url)", base, cc.Name)
		}
		c.MediaBaseURL = base
	}
	c.http = &httpapi.Client{Secrets: httpapi.Values(secrets), Network: network, Client: hc, Header: http.Header{"User-Agent": {"crieur"}},
		AuthHint: "the receiver refused the request: check its URL and the signing secret"}
	return c, nil
}

// endpoint reads a URL from the secret of that name, else the option.
// Errors name where it came from, never the URL.
func endpoint(cc pipeline.ChannelConfig, secrets map[string]string, name string) (string, error) {
	if env, ok := cc.Secrets[name]; ok {
		v, err := cc.Secret(secrets, name)
		if err != nil {
			return "", err
		}
		if !isHTTP(v) {
			return "", fmt.Errorf("the %s in %s is not an http(s) URL", name, env)
		}
		return v, nil
	}
	v := strings.TrimSpace(cc.Options[name])
	if v != "" && !isHTTP(v) {
		return "", fmt.Errorf("option %s is not an http(s) URL (channels.%s.options.%s)", name, cc.Name, name)
	}
	return v, nil
}

func isHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// CanFind reports whether find_url is set: only then can Find answer.
func (c *Client) CanFind() bool { return c.findURL != "" }

// CanRetract reports whether retract_url is set.
func (c *Client) CanRetract() bool { return c.retractURL != "" }

// Media is one image in the body.
type Media struct {
	Name   string `json:"name"`
	Alt    string `json:"alt"`
	URL    string `json:"url,omitempty"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Delivery is the body of a publish request.
type Delivery struct {
	Action       string    `json:"action"`
	Key          string    `json:"key"`
	Post         string    `json:"post"`
	Channel      string    `json:"channel"`
	Lang         string    `json:"lang"`
	Parts        []string  `json:"parts"`
	FirstComment string    `json:"first_comment"`
	Media        []Media   `json:"media"`
	PublishedAt  time.Time `json:"published_at"`
}

// Retraction is the body of a retract request.
type Retraction struct {
	Action string `json:"action"`
	Key    string `json:"key,omitempty"`
	ID     string `json:"id"`
}

// Publish POSTs the delivery to the URL.
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return pipeline.Receipt{}, err
	}
	if m.Key == "" {
		return pipeline.Receipt{}, errors.New("webhook: a message needs its idempotency key")
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	d := Delivery{Action: "publish", Key: m.Key, Post: m.Post, Channel: c.channel, Lang: m.Lang, Parts: m.Parts,
		FirstComment: m.FirstComment, Media: []Media{}, PublishedAt: now().UTC().Truncate(time.Second)}
	if d.Parts == nil {
		d.Parts = []string{}
	}
	for _, a := range m.Media {
		md, err := c.media(a)
		if err != nil {
			return pipeline.Receipt{}, err
		}
		d.Media = append(d.Media, md)
	}
	body, err := json.Marshal(d)
	if err != nil {
		return pipeline.Receipt{}, err
	}
	const op = "POST url"
	res, err := c.send(ctx, http.MethodPost, c.url, op, body, m.Key, nil)
	if f := pipeline.AsFailure(err); f != nil && f.Status == http.StatusConflict && res != nil {
		err = nil // already received: the receiver deduplicated the key
	}
	if err != nil {
		return pipeline.Receipt{}, err
	}
	r := c.receipt(res.Body, m.Key)
	r.At = d.PublishedAt
	return r, nil
}

// media describes an image: its name, alt text, address and checksum.
func (c *Client) media(a pipeline.Attachment) (Media, error) {
	md := Media{Name: a.Name, Alt: a.Alt}
	f, err := os.Open(a.Path)
	if err != nil {
		return md, fmt.Errorf("webhook %s: image %s: %w", c.channel, a.Name, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return md, fmt.Errorf("webhook %s: image %s: %w", c.channel, a.Name, err)
	}
	md.SHA256, md.Bytes = hex.EncodeToString(h.Sum(nil)), n
	if c.MediaBaseURL != "" {
		segs := strings.Split(strings.TrimLeft(strings.ReplaceAll(a.Name, "\\", "/"), "/"), "/")
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		md.URL = c.MediaBaseURL + "/" + strings.Join(segs, "/")
	}
	return md, nil
}

// receipt reads {"id", "url"} from an answer; the key is the id
// otherwise. Parts keeps the key when the id differs, for Retract.
func (c *Client) receipt(body []byte, key string) pipeline.Receipt {
	r := pipeline.Receipt{ID: key}
	var ans map[string]any
	if json.Unmarshal(body, &ans) == nil {
		switch id := ans["id"].(type) {
		case string:
			if strings.TrimSpace(id) != "" {
				r.ID = strings.TrimSpace(id)
			}
		case float64:
			r.ID = strconv.FormatFloat(id, 'f', -1, 64)
		}
		if u, ok := ans["url"].(string); ok && isHTTP(u) {
			r.URL = u
		}
	}
	for _, s := range c.secrets {
		if strings.Contains(r.ID, s) {
			r.ID = key
		}
		if strings.Contains(r.URL, s) {
			r.URL = ""
		}
	}
	if r.ID != key {
		r.Parts = []string{key}
	}
	return r
}

// send makes one request with the contract's headers.
func (c *Client) send(ctx context.Context, method, u, op string, body []byte, idempotencyKey string, signed []byte) (*httpapi.Response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
		signed = body
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, &pipeline.Failure{Network: network, Op: op, Message: "the URL does not make a valid request"}
	}
	if body != nil {
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if idempotencyKey != "" {
		req.Header.Set("Idempotency-Key", idempotencyKey)
	}
	if c.signing != nil {
		req.Header.Set("X-Crieur-Signature", Sign(c.signing, signed))
	}
	res, err := c.http.Do(req, op)
	if f := pipeline.AsFailure(err); f != nil {
		cp := *f
		cp.Message = c.mask(cp.Message)
		if cp.Status == http.StatusUnauthorized || cp.Status == http.StatusForbidden {
			if c.signing != nil {
				cp.Hint = fmt.Sprintf("the receiver refused the request: check that it verifies X-Crieur-Signature with the secret of channels.%s.secrets.signing_secret", c.channel)
			} else {
				cp.Hint = fmt.Sprintf("the receiver refused the request: check the URL of channels.%s (a token in it may have changed)", c.channel)
			}
		}
		return res, &cp
	}
	return res, err
}

// mask removes the secrets from a receiver's words: a receiver may echo
// the URL it was called at.
func (c *Client) mask(s string) string {
	for _, v := range append([]string{c.url, c.retractURL, c.findURL}, c.secrets...) {
		if v != "" {
			s = strings.ReplaceAll(s, v, "***")
		}
	}
	return s
}

// Sign is the X-Crieur-Signature of a body: "sha256=" and the hex
// HMAC-SHA256 of the body keyed with the signing secret.
func Sign(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Find asks find_url whether the message's key went out.
func (c *Client) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	if c.findURL == "" {
		return pipeline.Receipt{}, false, &pipeline.Failure{Network: network, Op: "GET find_url",
			Message: "cannot tell whether the delivery went out", Hint: fmt.Sprintf("set channels.%s.options.find_url, or check the receiver by hand", c.channel)}
	}
	u, err := url.Parse(c.findURL)
	if err != nil {
		return pipeline.Receipt{}, false, &pipeline.Failure{Network: network, Op: "GET find_url", Message: "find_url is not a valid URL"}
	}
	q := url.Values{"key": {m.Key}}.Encode()
	if u.RawQuery != "" {
		u.RawQuery += "&" + q
	} else {
		u.RawQuery = q
	}
	res, err := c.send(ctx, http.MethodGet, u.String(), "GET find_url", nil, "", []byte(u.RawQuery))
	if f := pipeline.AsFailure(err); f != nil && f.Status == http.StatusNotFound {
		return pipeline.Receipt{}, false, nil
	}
	if err != nil {
		return pipeline.Receipt{}, false, err
	}
	return c.receipt(res.Body, m.Key), true, nil
}

// Retract asks retract_url to take the publication down.
func (c *Client) Retract(ctx context.Context, r pipeline.Receipt) error {
	if c.retractURL == "" {
		return &pipeline.Failure{Network: network, Op: "POST retract_url", Message: "this webhook cannot retract",
			Hint: fmt.Sprintf("set channels.%s.options.retract_url, or take the publication down by hand", c.channel)}
	}
	key := r.ID
	if len(r.Parts) > 0 {
		key = r.Parts[0]
	}
	body, err := json.Marshal(Retraction{Action: "retract", Key: key, ID: r.ID})
	if err != nil {
		return err
	}
	_, err = c.send(ctx, http.MethodPost, c.retractURL, "POST retract_url", body, "", nil)
	if f := pipeline.AsFailure(err); f != nil && (f.Status == http.StatusNotFound || f.Status == http.StatusGone) {
		return nil // already gone
	}
	return err
}
