package bluesky

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

// defaultAppView is the atproto-proxy header Measure sends when the option
// appview is not set: Bluesky's own AppView, the value the Bluesky app
// (bluesky-social/social-app, BLUESKY_PROXY_DID) sends. @atproto/api's
// Agent sends no header unless configured, which leaves the choice to the
// PDS's configured AppView; naming Bluesky's reads the same counters on
// bsky.social and on a self-hosted PDS configured with no AppView but able
// to reach the network.
const defaultAppView = "did:web:api.bsky.app#bsky_appview"

// maxPostsPerCall is the maxLength of app.bsky.feed.getPosts's uris.
const maxPostsPerCall = 25

// maxRepos caps the repositories the count without an AppView reads (see
// countOnPDS): a PDS hosting more is counted from the first maxRepos, the
// posts' own authors first, and the interactions of the others are missed.
const maxRepos = 1000

// route is how Measure reaches an AppView, learnt from the PDS's first
// answer and kept for the client's later calls.
type route struct {
	proxy string // the atproto-proxy header to send; "" for none (the PDS's own AppView)
	none  bool   // the PDS has no AppView: count from its repositories
}

// errNoAppView says that the PDS has no AppView to answer app.bsky.* methods.
var errNoAppView = errors.New("the PDS has no AppView")

// postView is the part of app.bsky.feed.defs#postView Measure reads. The
// counts are optional in the lexicon: one the AppView leaves out is not
// reported, rather than reported as zero.
type postView struct {
	URI           string `json:"uri"`
	LikeCount     *int64 `json:"likeCount"`
	RepostCount   *int64 `json:"repostCount"`
	ReplyCount    *int64 `json:"replyCount"`
	QuoteCount    *int64 `json:"quoteCount"`
	BookmarkCount *int64 `json:"bookmarkCount"`
}

func (v postView) engagement() pipeline.Engagement {
	return pipeline.EngagementOf(map[pipeline.Metric]*int64{pipeline.Likes: v.LikeCount, pipeline.Reposts: v.RepostCount,
		pipeline.Replies: v.ReplyCount, pipeline.Quotes: v.QuoteCount, pipeline.Saves: v.BookmarkCount})
}

// Measure reads the engagement of posts by their at:// URIs (Receipt.ID).
//
// It asks app.bsky.feed.getPosts, 25 URIs a call, through the PDS with the
// session's token and the atproto-proxy header AppView (by default
// did:web:api.bsky.app#bsky_appview), and reports likeCount, repostCount,
// replyCount, quoteCount and, where the AppView gives it, bookmarkCount as
// Saves; Bluesky counts no impressions or clicks. When AppView is a URL,
// getPosts is asked there directly and without the token, which is for
// the PDS alone: a public AppView such as https://public.api.bsky.app. A
// post the AppView does not return (deleted) is left out, and so is an id
// that is not the at:// URI of a post.
//
// A self-hosted PDS may have no AppView. @atproto/pds then answers 400
// InvalidRequest "No service configured for app.bsky.feed.getPosts" when
// no header names one, and a bare 500 when the default header names one it
// cannot resolve (no way out to did:web:api.bsky.app); other servers
// answer 501 or MethodNotImplemented. So a failure through the default
// header (a 5xx, or "could not resolve proxy did") is asked again without
// the header, for the PDS's own AppView, and only a PDS that says it has
// none makes Measure count from its own repositories (countOnPDS). A
// header configured with the option appview is not second-guessed.
//
// At the first failure, a rate limit above all (429 with ratelimit-reset;
// httpapi has already waited out a short one), Measure stops and returns
// the readings of the calls before with the error.
func (c *Client) Measure(ctx context.Context, ids []string) (map[string]pipeline.Engagement, error) {
	uris := postURIs(ids)
	out := make(map[string]pipeline.Engagement, len(uris))
	for i := 0; i < len(uris); i += maxPostsPerCall {
		chunk := uris[i:min(i+maxPostsPerCall, len(uris))]
		views, err := c.getPosts(ctx, chunk)
		if errors.Is(err, errNoAppView) {
			return c.countOnPDS(ctx, uris)
		}
		if err != nil {
			return out, fmt.Errorf("measure %d bluesky posts (%d read): %w", len(uris), len(out), err)
		}
		asked := make(map[string]bool, len(chunk))
		for _, u := range chunk {
			asked[u] = true
		}
		for _, v := range views {
			if asked[v.URI] {
				out[v.URI] = v.engagement()
			}
		}
	}
	return out, nil
}

// postURIs keeps the ids that are at:// URIs of posts with a DID as
// authority (what Publish returns, and what an AppView answers with), once
// each.
func postURIs(ids []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		repo, coll, _, ok := parseURI(id)
		if !ok || coll != postCollection || !strings.HasPrefix(repo, "did:") || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	return out
}

func proxyHeader(proxy string) http.Header {
	if proxy == "" {
		return nil
	}
	return http.Header{"Atproto-Proxy": {proxy}}
}

// getPosts asks an AppView for the posts' views (app.bsky.feed.getPosts),
// by the route the PDS's first answers showed (see Measure); errNoAppView
// when the PDS has none.
func (c *Client) getPosts(ctx context.Context, uris []string) ([]postView, error) {
	const nsid = "app.bsky.feed.getPosts"
	q := url.Values{"uris": uris}
	var page struct {
		Posts []postView `json:"posts"`
	}
	if c.AppView != "" && !strings.HasPrefix(c.AppView, "did:") {
		_, err := c.sendTo(ctx, c.AppView, http.MethodGet, nsid, q, nil, "", "", nil, &page)
		return page.Posts, err
	}
	c.mu.Lock()
	rt := c.route
	c.mu.Unlock()
	if rt != nil {
		if rt.none {
			return nil, errNoAppView
		}
		_, err := c.callWith(ctx, http.MethodGet, nsid, q, nil, "", proxyHeader(rt.proxy), &page)
		return page.Posts, err
	}
	res, err := c.callWith(ctx, http.MethodGet, nsid, q, nil, "", proxyHeader(c.AppView), &page)
	switch {
	case err == nil:
		c.learn(route{proxy: c.AppView})
		return page.Posts, nil
	case noAppView(res, err):
		c.learn(route{none: true})
		return nil, errNoAppView
	case c.AppView != defaultAppView || !proxyFailed(res, err):
		return nil, err
	}
	res, err2 := c.callWith(ctx, http.MethodGet, nsid, q, nil, "", nil, &page)
	switch {
	case err2 == nil:
		c.learn(route{})
		return page.Posts, nil
	case noAppView(res, err2):
		c.learn(route{none: true})
		return nil, errNoAppView
	}
	return nil, fmt.Errorf("through %s: %v; through the PDS's own AppView: %w", defaultAppView, err, err2)
}

func (c *Client) learn(r route) {
	c.mu.Lock()
	c.route = &r
	c.mu.Unlock()
}

// xrpcErrorMessage is an XRPC error body's name and message.
func xrpcErrorMessage(res *httpapi.Response) (name, message string) {
	if res == nil {
		return "", ""
	}
	var e struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	json.Unmarshal(res.Body, &e)
	return e.Error, e.Message
}

// noAppView tells whether a failed app.bsky.* call says the PDS has no
// AppView for it (see Measure for the answers).
func noAppView(res *httpapi.Response, err error) bool {
	f := pipeline.AsFailure(err)
	if f == nil {
		return false
	}
	name, msg := xrpcErrorMessage(res)
	return f.Status == http.StatusNotImplemented || name == "MethodNotImplemented" ||
		f.Status == http.StatusBadRequest && name == "InvalidRequest" && strings.HasPrefix(msg, "No service configured")
}

// proxyFailed tells whether a failed call through an atproto-proxy header
// may have failed for the header's sake: the PDS could not resolve the
// service or reach it.
func proxyFailed(res *httpapi.Response, err error) bool {
	f := pipeline.AsFailure(err)
	if f == nil {
		return false
	}
	name, msg := xrpcErrorMessage(res)
	return f.Status >= 500 || f.Status == http.StatusBadRequest && name == "InvalidRequest" && strings.HasPrefix(msg, "could not resolve proxy did")
}

// listed is a record as com.atproto.repo.listRecords answers it.
type listed struct {
	URI   string          `json:"uri"`
	Value json.RawMessage `json:"value"`
}

// interaction is the part of a like, a repost or a post countOnPDS reads.
type interaction struct {
	Subject struct {
		URI string `json:"uri"`
	} `json:"subject"` // app.bsky.feed.like, app.bsky.feed.repost
	Reply *struct {
		Parent struct {
			URI string `json:"uri"`
		} `json:"parent"`
	} `json:"reply"` // app.bsky.feed.post
	Embed *struct {
		Type   string          `json:"$type"`
		Record json.RawMessage `json:"record"`
	} `json:"embed"` // app.bsky.feed.post
}

// quoted is the URI of the post a post quotes: the strongRef of an
// app.bsky.embed.record, or of the app.bsky.embed.record inside an
// app.bsky.embed.recordWithMedia; "" for none.
func (p interaction) quoted() string {
	if p.Embed == nil {
		return ""
	}
	var ref struct {
		URI    string `json:"uri"`
		Record struct {
			URI string `json:"uri"`
		} `json:"record"`
	}
	json.Unmarshal(p.Embed.Record, &ref)
	switch p.Embed.Type {
	case "app.bsky.embed.record":
		return ref.URI
	case "app.bsky.embed.recordWithMedia":
		return ref.Record.URI
	}
	return ""
}

// countOnPDS counts the posts' likes, reposts, replies and quotes from the
// repositories of the PDS itself, for a PDS without AppView (self-hosted,
// or the test PDS). It makes one pass, for all the posts, over the
// repositories com.atproto.sync.listRepos lists, the posts' authors first
// and at most maxRepos in all, reading with com.atproto.repo.listRecords,
// every page, their app.bsky.feed.like and app.bsky.feed.repost records
// (subject.uri) and their app.bsky.feed.post records (reply.parent.uri for
// a reply, the quoted post of an app.bsky.embed.record or
// app.bsky.embed.recordWithMedia embed for a quote). A post is reported
// only when its author's repository still has it, so a deleted post is
// left out. Only the accounts of this PDS are seen: where the PDS
// federates, an AppView counts more. No count is whole before the pass
// ends, so a failure returns no reading.
func (c *Client) countOnPDS(ctx context.Context, uris []string) (map[string]pipeline.Engagement, error) {
	counts := make(map[string]pipeline.Engagement, len(uris))
	for _, u := range uris {
		counts[u] = pipeline.Engagement{pipeline.Likes: 0, pipeline.Reposts: 0, pipeline.Replies: 0, pipeline.Quotes: 0}
	}
	fail := func(err error) (map[string]pipeline.Engagement, error) {
		return map[string]pipeline.Engagement{}, fmt.Errorf("count the interactions of %d bluesky posts on the PDS, which has no AppView: %w", len(uris), err)
	}
	repos, err := c.pdsRepos(ctx, uris)
	if err != nil {
		return fail(err)
	}
	found := map[string]bool{}
	count := func(uri string, m pipeline.Metric) {
		if e, ok := counts[uri]; ok {
			e[m]++
		}
	}
	for _, repo := range repos {
		for _, coll := range []string{"app.bsky.feed.like", "app.bsky.feed.repost", postCollection} {
			err := c.eachRecord(ctx, repo, coll, func(r listed) {
				var v interaction
				if json.Unmarshal(r.Value, &v) != nil {
					return // not a record of the lexicon: the AppView would not count it either
				}
				switch coll {
				case "app.bsky.feed.like":
					count(v.Subject.URI, pipeline.Likes)
				case "app.bsky.feed.repost":
					count(v.Subject.URI, pipeline.Reposts)
				default:
					if _, ok := counts[r.URI]; ok {
						found[r.URI] = true
					}
					if v.Reply != nil {
						count(v.Reply.Parent.URI, pipeline.Replies)
					}
					if q := v.quoted(); q != "" {
						count(q, pipeline.Quotes)
					}
				}
			})
			if errors.Is(err, errRepoGone) {
				break // not on this PDS, or no longer: nothing more to read there
			}
			if err != nil {
				return fail(err)
			}
		}
	}
	out := make(map[string]pipeline.Engagement, len(found))
	for u := range found {
		out[u] = counts[u]
	}
	return out, nil
}

// pdsRepos lists the repositories countOnPDS reads: the posts' authors,
// then the active ones com.atproto.sync.listRepos lists, maxRepos at most.
func (c *Client) pdsRepos(ctx context.Context, uris []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(did string) {
		if !seen[did] && len(out) < maxRepos {
			seen[did] = true
			out = append(out, did)
		}
	}
	for _, u := range uris {
		repo, _, _, _ := parseURI(u)
		add(repo)
	}
	cursor := ""
	for len(out) < maxRepos {
		q := url.Values{"limit": {"1000"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page struct {
			Cursor string `json:"cursor"`
			Repos  []struct {
				DID    string `json:"did"`
				Active *bool  `json:"active"`
			} `json:"repos"`
		}
		if _, err := c.call(ctx, http.MethodGet, "com.atproto.sync.listRepos", q, nil, "", &page); err != nil {
			return nil, err
		}
		for _, r := range page.Repos {
			if r.DID != "" && (r.Active == nil || *r.Active) {
				add(r.DID)
			}
		}
		if page.Cursor == "" || page.Cursor == cursor || len(page.Repos) == 0 {
			break
		}
		cursor = page.Cursor
	}
	return out, nil
}

// errRepoGone says that the PDS does not host a repository (any more).
var errRepoGone = errors.New("repository not on this PDS")

// eachRecord calls fn for every record of a collection of a repository
// (com.atproto.repo.listRecords, 100 a page, newest first); errRepoGone
// when the PDS does not have the repository, or it is deactivated,
// suspended or taken down.
func (c *Client) eachRecord(ctx context.Context, repo, collection string, fn func(listed)) error {
	cursor := ""
	for {
		q := url.Values{"repo": {repo}, "collection": {collection}, "limit": {"100"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page struct {
			Cursor  string   `json:"cursor"`
			Records []listed `json:"records"`
		}
		res, err := c.call(ctx, http.MethodGet, "com.atproto.repo.listRecords", q, nil, "", &page)
		if err != nil {
			name, msg := xrpcErrorMessage(res)
			switch {
			case name == "RepoNotFound" || name == "RepoDeactivated" || name == "RepoSuspended" || name == "RepoTakendown",
				name == "InvalidRequest" && strings.HasPrefix(msg, "Could not find repo"):
				return errRepoGone
			}
			return err
		}
		for _, r := range page.Records {
			fn(r)
		}
		if page.Cursor == "" || page.Cursor == cursor || len(page.Records) == 0 {
			return nil
		}
		cursor = page.Cursor
	}
}
