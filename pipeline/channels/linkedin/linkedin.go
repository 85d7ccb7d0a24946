package linkedin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

// Client publishes as one LinkedIn author: a page or a member.
type Client struct {
	Channel      string
	API          string // base URL of the REST API, without a trailing slash
	OAuth        string // base URL of the OAuth endpoints (introspection)
	Author       string // urn:li:organization:… or urn:li:person:…
	Version      string // LinkedIn-Version, YYYYMM
	FindWithin   time.Duration
	TokenExpires time.Time // option token_expires; zero when not given
	// PollEvery is the pause between two looks at an image still being
	// processed; MaxPolls caps them.
	PollEvery time.Duration
	MaxPolls  int
	// Sleep waits between polls; nil waits for real (tests shorten it).
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time

	api    *httpapi.Client // REST calls: token and version headers
	upload *httpapi.Client // image bytes: the token only
	oauth  *httpapi.Client // introspection: no token header

	token, clientID, clientSecret string
	tokenVar                      string // the environment variable of the token, for hints
}

var (
	_ pipeline.Channel   = (*Client)(nil)
	_ pipeline.Finder    = (*Client)(nil)
	_ pipeline.Retracter = (*Client)(nil)
	_ pipeline.Expirer   = (*Client)(nil)
)

// facts is what pipeline's table of networks says of LinkedIn: how many
// images a multiImage post takes (2 to 20).
var facts, _ = pipeline.LookupNetwork("linkedin")

const (
	defaultAPI     = "https://api.linkedin.com"
	defaultOAuth   = "https://www.linkedin.com"
	defaultVersion = "202609"
	pageSize       = 50
	maxPages       = 4
)

var (
	versionRE = regexp.MustCompile(`^20[0-9]{2}(0[1-9]|1[0-2])$`)
	urnRE     = regexp.MustCompile(`^urn:li:(organization|person):[A-Za-z0-9_-]+$`)
	postURNRE = regexp.MustCompile(`urn:li:(share|ugcPost):[0-9]+`)
)

// FromConfig builds the client of a crieur.yml channel of type linkedin.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	env := cc.Secrets["token"]
	if env == "" {
		return nil, fmt.Errorf("linkedin channel %s needs an access token: add secrets: {token: LINKEDIN_TOKEN} to channels.%s in crieur.yml and set that environment variable", cc.Name, cc.Name)
	}
	token, err := cc.Secret(secrets, "token")
	if err != nil {
		return nil, err
	}
	c := &Client{Channel: cc.Name, token: token, tokenVar: env, FindWithin: 12 * time.Hour, PollEvery: time.Second, MaxPolls: 30}
	idVar, secretVar := cc.Secrets["client_id"], cc.Secrets["client_secret"]
	if idVar != "" || secretVar != "" {
		for _, s := range [][2]string{{"client_id", idVar}, {"client_secret", secretVar}} {
			if s[1] == "" {
				return nil, fmt.Errorf("linkedin channel %s: secrets client_id and client_secret go together: add %s under channels.%s.secrets in crieur.yml", cc.Name, s[0], cc.Name)
			}
		}
		if c.clientID, err = cc.Secret(secrets, "client_id"); err != nil {
			return nil, err
		}
		if c.clientSecret, err = cc.Secret(secrets, "client_secret"); err != nil {
			return nil, err
		}
	}
	org, author := strings.TrimSpace(cc.Options["organization"]), strings.TrimSpace(cc.Options["author"])
	switch {
	case org != "" && author != "":
		return nil, fmt.Errorf("linkedin channel %s: set option organization or option author, not both", cc.Name)
	case org != "":
		if _, err := strconv.ParseUint(org, 10, 64); err == nil {
			org = "urn:li:organization:" + org
		}
		if !strings.HasPrefix(org, "urn:li:organization:") || !urnRE.MatchString(org) {
			return nil, fmt.Errorf("linkedin channel %s: option organization %q is not urn:li:organization:<id>", cc.Name, org)
		}
		c.Author = org
	case author != "":
		if !urnRE.MatchString(author) {
			return nil, fmt.Errorf("linkedin channel %s: option author %q is not urn:li:person:<id> or urn:li:organization:<id>", cc.Name, author)
		}
		c.Author = author
	default:
		return nil, fmt.Errorf("linkedin channel %s: say who posts: option organization: urn:li:organization:<id> (a page) or author: urn:li:person:<id> (crieur.yml: channels.%s.options)", cc.Name, cc.Name)
	}
	c.Version = strings.TrimSpace(cc.Options["version"])
	if c.Version == "" {
		c.Version = defaultVersion
	}
	if !versionRE.MatchString(c.Version) {
		return nil, fmt.Errorf("linkedin channel %s: option version %q is not a month as YYYYMM (quote it in YAML: \"202609\")", cc.Name, c.Version)
	}
	if c.API, err = baseURL(cc, "api", defaultAPI); err != nil {
		return nil, err
	}
	if c.OAuth, err = baseURL(cc, "oauth", defaultOAuth); err != nil {
		return nil, err
	}
	if s := cc.Options["find_within"]; s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("linkedin channel %s: option find_within %q is not a duration such as 12h", cc.Name, s)
		}
		c.FindWithin = d
	}
	if s := strings.TrimSpace(cc.Options["token_expires"]); s != "" {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, fmt.Errorf("linkedin channel %s: option token_expires %q is not a date as YYYY-MM-DD", cc.Name, s)
		}
		c.TokenExpires = d
	}
	bearer := "Bearer " + token
	c.api = &httpapi.Client{Secrets: httpapi.Values(secrets), Network: "linkedin", Client: hc, ErrorMessage: errorMessage, Header: http.Header{
		"Authorization":             {bearer},
		"Linkedin-Version":          {c.Version},
		"X-Restli-Protocol-Version": {"2.0.0"},
	}}
	c.upload = &httpapi.Client{Secrets: httpapi.Values(secrets), Network: "linkedin", Client: hc, ErrorMessage: errorMessage, Header: http.Header{"Authorization": {bearer}}}
	c.oauth = &httpapi.Client{Secrets: httpapi.Values(secrets), Network: "linkedin", Client: hc, ErrorMessage: errorMessage}
	return c, nil
}

func baseURL(cc pipeline.ChannelConfig, option, def string) (string, error) {
	s := strings.TrimRight(strings.TrimSpace(cc.Options[option]), "/")
	if s == "" {
		return def, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("linkedin channel %s: option %s %q is not an http(s) URL", cc.Name, option, s)
	}
	return s, nil
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	return pipeline.Sleep(ctx, d)
}

// urn encodes a URN for a path or a query (URL-encoded, as the API asks:
// urn%3Ali%3Ashare%3A123).
func urn(s string) string { return url.QueryEscape(s) }

// errorMessage reads LinkedIn's error bodies: {status, serviceErrorCode,
// code, message, errorDetails{inputErrors[{code, description}]}} and
// OAuth's {error, error_description}.
func errorMessage(b []byte) string {
	var e struct {
		Message          string `json:"message"`
		Code             string `json:"code"`
		ServiceErrorCode int    `json:"serviceErrorCode"`
		ErrorDetails     struct {
			InputErrors []struct {
				Code        string `json:"code"`
				Description string `json:"description"`
			} `json:"inputErrors"`
		} `json:"errorDetails"`
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if json.Unmarshal(b, &e) != nil || e.Message == "" && e.Error == "" {
		return httpapi.ErrorMessage(b)
	}
	if e.Message == "" {
		return strings.TrimSuffix(e.Error+": "+e.ErrorDescription, ": ")
	}
	var codes []string
	if e.Code != "" {
		codes = append(codes, e.Code)
	}
	if e.ServiceErrorCode != 0 {
		codes = append(codes, "serviceErrorCode "+strconv.Itoa(e.ServiceErrorCode))
	}
	for _, ie := range e.ErrorDetails.InputErrors {
		if ie.Code != "" {
			codes = append(codes, ie.Code)
		}
	}
	if len(codes) == 0 {
		return e.Message
	}
	return e.Message + " (" + strings.Join(codes, ", ") + ")"
}

// explain adds what the user can do to a failure from the API.
func (c *Client) explain(err error) error {
	f := pipeline.AsFailure(err)
	if f == nil {
		return err
	}
	msg := strings.ToLower(f.Message)
	switch {
	case f.Status == http.StatusUnauthorized && (strings.Contains(msg, "expired") || strings.Contains(msg, "serviceerrorcode 65601")):
		f.Hint = "the LinkedIn token expired (they last 60 days): create a new one and update " + c.tokenVar
	case f.Status == http.StatusUnauthorized:
		f.Hint = "LinkedIn refused the token in " + c.tokenVar + " (revoked, or not a LinkedIn token): create a new one and update " + c.tokenVar
	case f.Status == http.StatusForbidden:
		f.Hint = "the token in " + c.tokenVar + " lacks a permission: a page needs w_organization_social and r_organization_social (Community Management API) and a member with the ADMINISTRATOR or CONTENT_ADMIN role on it; a member needs w_member_social"
	case f.Status == http.StatusUpgradeRequired || strings.Contains(msg, "version") && f.Status == http.StatusBadRequest:
		f.Hint = "LinkedIn no longer serves version " + c.Version + ": set option version to a recent month (YYYYMM) in crieur.yml"
	case isDuplicate(f):
		f.Hint = "LinkedIn refuses a text the page posted recently: change the text, or check the page for the post"
	case f.Status == http.StatusTooManyRequests:
		f.Hint = "LinkedIn's daily limit is reached: it resets at midnight UTC"
		if f.RetryAfter == 0 {
			now := c.now().UTC()
			f.RetryAfter = time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, time.UTC).Sub(now).Round(time.Second)
		}
	}
	return f
}

func isDuplicate(f *pipeline.Failure) bool {
	return f != nil && f.Status == http.StatusUnprocessableEntity && strings.Contains(strings.ToLower(f.Message), "duplicate")
}

func refuse(format string, args ...any) error {
	return &pipeline.Failure{Network: "linkedin", Op: "publish", Message: fmt.Sprintf(format, args...)}
}

// text is the message's text: its parts joined by a blank line (the
// publisher joins them already; LinkedIn has no threads).
func text(m pipeline.Message) string { return strings.Join(m.Parts, "\n\n") }

// image is an image of a post in the Posts API.
type image struct {
	ID      string `json:"id"`
	AltText string `json:"altText,omitempty"`
}

type postBody struct {
	Author       string `json:"author"`
	Commentary   string `json:"commentary"`
	Visibility   string `json:"visibility"`
	Distribution struct {
		FeedDistribution               string   `json:"feedDistribution"`
		TargetEntities                 []string `json:"targetEntities"`
		ThirdPartyDistributionChannels []string `json:"thirdPartyDistributionChannels"`
	} `json:"distribution"`
	Content                   *content `json:"content,omitempty"`
	LifecycleState            string   `json:"lifecycleState"`
	IsReshareDisabledByAuthor bool     `json:"isReshareDisabledByAuthor"`
}

type content struct {
	Media      *image      `json:"media,omitempty"`
	MultiImage *multiImage `json:"multiImage,omitempty"`
}

type multiImage struct {
	Images []image `json:"images"`
}

// post is a post as GET /rest/posts returns it.
type post struct {
	ID             string `json:"id"`
	Author         string `json:"author"`
	Commentary     string `json:"commentary"`
	CreatedAt      int64  `json:"createdAt"`
	LifecycleState string `json:"lifecycleState"`
}

// comment is a comment as the Comments API returns it.
type comment struct {
	ID         string `json:"id"`
	CommentURN string `json:"commentUrn"`
	Actor      string `json:"actor"`
	Message    struct {
		Text string `json:"text"`
	} `json:"message"`
}

func (cm comment) ref() string {
	if cm.CommentURN != "" {
		return cm.CommentURN
	}
	return cm.ID
}

func check(m pipeline.Message) error {
	if strings.TrimSpace(text(m)) == "" && len(m.Media) == 0 {
		return refuse("the message has no text")
	}
	if len(m.Media) > facts.Media.Max {
		return refuse("%d images: a post takes at most %d", len(m.Media), facts.Media.Max)
	}
	for _, a := range m.Media {
		if err := checkImage(a); err != nil {
			return err
		}
	}
	return nil
}

// checkImage refuses an image the Images API does not take.
func checkImage(a pipeline.Attachment) error {
	f, err := os.Open(a.Path)
	if err != nil {
		return fmt.Errorf("linkedin: image %s: %w", a.Name, err)
	}
	defer f.Close()
	head := make([]byte, 12)
	n, _ := io.ReadFull(f, head)
	switch pipeline.ImageFormat(head[:n]) {
	case "jpeg", "png", "gif":
		return nil
	}
	return refuse("%s is not a JPEG, PNG or GIF image (the Images API takes no other)", a.Name)
}

// Publish sends the post with its images, then its first comment. When
// LinkedIn refuses the post as a duplicate of one of the author's own
// with the same text, that post is taken as this one and the first
// comment added if it is missing (see the package comment).
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if err := check(m); err != nil {
		return pipeline.Receipt{}, err
	}
	var images []image
	for _, a := range m.Media {
		id, err := c.uploadImage(ctx, a)
		if err != nil {
			if f := pipeline.AsFailure(err); f != nil {
				f.MaybeSent = false // an image alone is not a post
			}
			return pipeline.Receipt{}, err
		}
		images = append(images, image{ID: id, AltText: a.Alt})
	}
	r, adopted, err := c.createPost(ctx, text(m), images)
	if err != nil {
		return pipeline.Receipt{}, err
	}
	if strings.TrimSpace(m.FirstComment) == "" {
		return r, nil
	}
	if adopted {
		cm, err := c.findComment(ctx, r.ID, m.FirstComment)
		if err != nil {
			return pipeline.Receipt{}, fmt.Errorf("the post %s is out; looking for its first comment: %w", r.ID, err)
		}
		if cm != nil {
			r.Parts = []string{cm.ref()}
			return r, nil
		}
	}
	ref, err := c.createComment(ctx, r.ID, m.FirstComment)
	if err != nil {
		return pipeline.Receipt{}, pipeline.SentAnyway(err, pipeline.Out{Network: "linkedin", What: "the post " + r.ID + " is out", Step: "first comment", Again: "adds it"})
	}
	r.Parts = []string{ref}
	return r, nil
}

func (c *Client) receipt(id string, at time.Time) pipeline.Receipt {
	return pipeline.Receipt{ID: id, URL: "https://www.linkedin.com/feed/update/" + id + "/", At: at}
}

// createPost sends POST /rest/posts. adopted is true when LinkedIn said
// the post is out already and the receipt is that post's.
func (c *Client) createPost(ctx context.Context, commentaryText string, images []image) (r pipeline.Receipt, adopted bool, err error) {
	body := postBody{Author: c.Author, Commentary: littleText(commentaryText), Visibility: "PUBLIC",
		LifecycleState: "PUBLISHED", IsReshareDisabledByAuthor: false}
	body.Distribution.FeedDistribution = "MAIN_FEED"
	body.Distribution.TargetEntities = []string{}
	body.Distribution.ThirdPartyDistributionChannels = []string{}
	switch len(images) {
	case 0:
	case 1:
		body.Content = &content{Media: &images[0]}
	default:
		body.Content = &content{MultiImage: &multiImage{Images: images}}
	}
	const op = "POST /rest/posts"
	res, err := c.api.JSON(ctx, http.MethodPost, c.API+"/rest/posts", op, body, nil)
	if f := pipeline.AsFailure(err); isDuplicate(f) {
		said := f.Message
		if res != nil {
			said = string(res.Body) // the whole answer: Message may be clipped
		}
		if p := c.duplicateOf(ctx, said, commentaryText); p != nil {
			return c.receipt(p.ID, time.UnixMilli(p.CreatedAt).UTC()), true, nil
		}
	}
	if err != nil {
		return pipeline.Receipt{}, false, c.explain(err)
	}
	id := res.Header.Get("X-Restli-Id")
	if !postURNRE.MatchString(id) {
		return pipeline.Receipt{}, false, &pipeline.Failure{Network: "linkedin", Op: op, Status: res.Status,
			Message: fmt.Sprintf("the answer has no post URN in x-restli-id (%q)", id), Temporary: true, MaybeSent: true}
	}
	at, _ := http.ParseTime(res.Header.Get("Date"))
	return c.receipt(id, at.UTC()), false, nil
}

// duplicateOf reads the post a DUPLICATE_POST refusal names, and returns
// it when it is the author's, published, with the same text.
func (c *Client) duplicateOf(ctx context.Context, said, commentaryText string) *post {
	id := postURNRE.FindString(said)
	if id == "" {
		return nil
	}
	var p post
	if _, err := c.api.JSON(ctx, http.MethodGet, c.API+"/rest/posts/"+urn(id), "GET /rest/posts/{urn}", nil, &p); err != nil {
		return nil
	}
	if p.ID == "" {
		p.ID = id
	}
	if p.Author != c.Author || p.LifecycleState != "" && p.LifecycleState != "PUBLISHED" ||
		comparable(plainText(p.Commentary)) != comparable(commentaryText) {
		return nil
	}
	return &p
}

// uploadImage registers an image, sends its bytes and waits until LinkedIn
// has processed it (images-api). It returns the image's URN.
func (c *Client) uploadImage(ctx context.Context, a pipeline.Attachment) (string, error) {
	data, err := os.ReadFile(a.Path)
	if err != nil {
		return "", fmt.Errorf("linkedin: image %s: %w", a.Name, err)
	}
	var init struct {
		Value struct {
			UploadURL string `json:"uploadUrl"`
			Image     string `json:"image"`
		} `json:"value"`
	}
	req := map[string]any{"initializeUploadRequest": map[string]string{"owner": c.Author}}
	if _, err := c.api.JSON(ctx, http.MethodPost, c.API+"/rest/images?action=initializeUpload", "POST /rest/images?action=initializeUpload", req, &init); err != nil {
		return "", c.explain(err)
	}
	id := init.Value.Image
	if !strings.HasPrefix(id, "urn:li:image:") || init.Value.UploadURL == "" {
		return "", &pipeline.Failure{Network: "linkedin", Op: "POST /rest/images?action=initializeUpload", Message: "the answer has no image URN or upload URL", Temporary: true}
	}
	if err := c.checkUploadURL(init.Value.UploadURL); err != nil {
		return "", err
	}
	put, err := http.NewRequestWithContext(ctx, http.MethodPut, init.Value.UploadURL, bytes.NewReader(data))
	if err != nil {
		return "", refuse("the upload URL LinkedIn gave cannot be used")
	}
	put.Header.Set("Content-Type", "application/octet-stream")
	if _, err := c.upload.Do(put, "PUT image upload"); err != nil {
		return "", c.explain(err)
	}
	for i := 0; ; i++ {
		var st struct {
			Status string `json:"status"`
		}
		if _, err := c.api.JSON(ctx, http.MethodGet, c.API+"/rest/images/"+urn(id), "GET /rest/images/{urn}", nil, &st); err != nil {
			return "", c.explain(err)
		}
		switch st.Status {
		case "AVAILABLE":
			return id, nil
		case "PROCESSING_FAILED":
			return "", refuse("LinkedIn could not process the image %s", a.Name)
		}
		if i+1 >= c.MaxPolls {
			return "", &pipeline.Failure{Network: "linkedin", Op: "GET /rest/images/{urn}", Temporary: true,
				Message: fmt.Sprintf("the image %s is still %s", a.Name, st.Status)}
		}
		if err := c.sleep(ctx, c.PollEvery); err != nil {
			return "", err
		}
	}
}

// checkUploadURL refuses an upload URL outside LinkedIn: the token goes
// with the bytes.
func (c *Client) checkUploadURL(s string) error {
	u, err := url.Parse(s)
	api, _ := url.Parse(c.API)
	if err == nil && u.Host != "" {
		host := strings.ToLower(u.Hostname())
		if u.Host == api.Host && u.Scheme == api.Scheme ||
			u.Scheme == "https" && (host == "linkedin.com" || strings.HasSuffix(host, ".linkedin.com")) {
			return nil
		}
	}
	return &pipeline.Failure{Network: "linkedin", Op: "POST /rest/images?action=initializeUpload",
		Message: "the upload URL is not on linkedin.com: the image is not sent (nor the token with it)"}
}

// createComment adds the first comment to a post (comments-api).
func (c *Client) createComment(ctx context.Context, postURN, msg string) (string, error) {
	body := map[string]any{"actor": c.Author, "object": postURN, "message": map[string]string{"text": msg}}
	var out comment
	const op = "POST /rest/socialActions/{urn}/comments"
	res, err := c.api.JSON(ctx, http.MethodPost, c.API+"/rest/socialActions/"+urn(postURN)+"/comments", op, body, &out)
	if err != nil {
		if f := pipeline.AsFailure(err); f != nil && f.Status >= 200 && f.Status < 300 {
			f.MaybeSent, f.Temporary = true, true // accepted, but the answer cannot be read
		}
		return "", c.explain(err)
	}
	if ref := out.ref(); ref != "" {
		return ref, nil
	}
	if id := res.Header.Get("X-Restli-Id"); id != "" {
		return id, nil
	}
	return "", &pipeline.Failure{Network: "linkedin", Op: op, Status: res.Status, Message: "the answer names no comment", Temporary: true, MaybeSent: true}
}

// findComment looks for the author's comment with the given text on a post.
func (c *Client) findComment(ctx context.Context, postURN, msg string) (*comment, error) {
	var out struct {
		Elements []comment `json:"elements"`
	}
	if _, err := c.api.JSON(ctx, http.MethodGet, c.API+"/rest/socialActions/"+urn(postURN)+"/comments?count=100", "GET /rest/socialActions/{urn}/comments", nil, &out); err != nil {
		return nil, c.explain(err)
	}
	want := comparable(msg)
	for i, cm := range out.Elements {
		if cm.Actor == c.Author && comparable(cm.Message.Text) == want {
			return &out.Elements[i], nil
		}
	}
	return nil, nil
}

// Find reports the message's post when it is out, with its first comment
// when the message has one.
func (c *Client) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	want := comparable(text(m))
	since := c.now().Add(-c.FindWithin)
	q := url.Values{}
	q.Set("author", c.Author)
	q.Set("q", "author")
	q.Set("count", strconv.Itoa(pageSize))
	q.Set("sortBy", "CREATED")
	for page := 0; page < maxPages; page++ {
		q.Set("start", strconv.Itoa(page*pageSize))
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.API+"/rest/posts?"+q.Encode(), nil)
		if err != nil {
			return pipeline.Receipt{}, false, err
		}
		req.Header.Set("X-RestLi-Method", "FINDER")
		req.Header.Set("Accept", "application/json")
		res, err := c.api.Do(req, "GET /rest/posts?q=author")
		if err != nil {
			return pipeline.Receipt{}, false, c.explain(err)
		}
		var out struct {
			Elements []post `json:"elements"`
		}
		if err := json.Unmarshal(res.Body, &out); err != nil {
			return pipeline.Receipt{}, false, &pipeline.Failure{Network: "linkedin", Op: "GET /rest/posts?q=author", Status: res.Status, Message: "unexpected answer: " + err.Error()}
		}
		older := false
		for _, p := range out.Elements {
			created := time.UnixMilli(p.CreatedAt)
			if created.Before(since) {
				older = true
				continue
			}
			if p.LifecycleState != "PUBLISHED" || comparable(plainText(p.Commentary)) != want {
				continue
			}
			r := c.receipt(p.ID, created.UTC())
			if strings.TrimSpace(m.FirstComment) != "" {
				cm, err := c.findComment(ctx, p.ID, m.FirstComment)
				if err != nil {
					return pipeline.Receipt{}, false, err
				}
				if cm == nil {
					return pipeline.Receipt{}, false, nil // the post without its comment: Publish completes it
				}
				r.Parts = []string{cm.ref()}
			}
			return r, true, nil
		}
		if older || len(out.Elements) < pageSize {
			break
		}
	}
	return pipeline.Receipt{}, false, nil
}

// Retract deletes the post; its comments go with it.
func (c *Client) Retract(ctx context.Context, r pipeline.Receipt) error {
	if !postURNRE.MatchString(r.ID) || postURNRE.FindString(r.ID) != r.ID {
		return fmt.Errorf("linkedin: %q is not a post URN", r.ID)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, c.API+"/rest/posts/"+urn(r.ID), nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-RestLi-Method", "DELETE")
	_, err = c.api.Do(req, "DELETE /rest/posts/{urn}")
	if f := pipeline.AsFailure(err); f != nil && (f.Status == http.StatusNotFound || f.Status == http.StatusGone) {
		return nil // gone already
	}
	if err != nil {
		return c.explain(err)
	}
	return nil
}

// Expiry says when the token expires: LinkedIn's answer when client_id
// and client_secret are set, else the option token_expires.
func (c *Client) Expiry(ctx context.Context) (time.Time, error) {
	if c.clientID != "" {
		t, err := c.introspect(ctx)
		if err == nil {
			return t, nil
		}
		if c.TokenExpires.IsZero() {
			return time.Time{}, err
		}
		// LinkedIn did not say: the date the user wrote will do.
	}
	if !c.TokenExpires.IsZero() {
		return c.TokenExpires, nil
	}
	return time.Time{}, errors.New("set option token_expires: YYYY-MM-DD (the day LinkedIn said the token expires when it was made), or the secrets client_id and client_secret so that crieur can ask LinkedIn")
}

// introspect asks LinkedIn about the token (POST /oauth/v2/introspectToken).
func (c *Client) introspect(ctx context.Context) (time.Time, error) {
	form := url.Values{"client_id": {c.clientID}, "client_secret": {c.clientSecret}, "token": {c.token}}
	const op = "POST /oauth/v2/introspectToken"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.OAuth+"/oauth/v2/introspectToken", strings.NewReader(form.Encode()))
	if err != nil {
		return time.Time{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	res, err := c.oauth.Do(req, op)
	if err != nil {
		if f := pipeline.AsFailure(err); f != nil && (f.Status == http.StatusUnauthorized || f.Status == http.StatusBadRequest) {
			f.Hint = "LinkedIn refused the client_id and client_secret: check them (the app's Auth tab)"
		}
		return time.Time{}, err
	}
	var out struct {
		Active    bool   `json:"active"`
		Status    string `json:"status"`
		ExpiresAt int64  `json:"expires_at"`
	}
	if err := json.Unmarshal(res.Body, &out); err != nil {
		return time.Time{}, &pipeline.Failure{Network: "linkedin", Op: op, Status: res.Status, Message: "unexpected answer: " + err.Error()}
	}
	if out.ExpiresAt > 0 {
		return time.Unix(out.ExpiresAt, 0).UTC(), nil
	}
	if !out.Active {
		status := out.Status
		if status == "" {
			status = "not active"
		}
		return time.Time{}, &pipeline.Failure{Network: "linkedin", Op: op, Status: res.Status, Message: "the token is " + status,
			Hint: "create a new token and update " + c.tokenVar}
	}
	return time.Time{}, &pipeline.Failure{Network: "linkedin", Op: op, Status: res.Status, Message: "the answer has no expires_at"}
}
