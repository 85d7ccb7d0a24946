package x

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/crieur/crieur/pipeline"
)

var _ pipeline.Meter = (*Client)(nil)

// lookupBatch is how many ids GET /2/tweets takes at once (ids: 1 to 100,
// x-api/posts/get-posts-by-ids).
const lookupBatch = 100

// publicMetrics are a post's public_metrics (fundamentals/data-dictionary,
// fundamentals/metrics). The generated openapi.json names retweet_count
// repost_count: both are read. A count the answer leaves out stays out.
type publicMetrics struct {
	Likes       *int64 `json:"like_count"`
	Retweets    *int64 `json:"retweet_count"`
	Reposts     *int64 `json:"repost_count"`
	Replies     *int64 `json:"reply_count"`
	Quotes      *int64 `json:"quote_count"`
	Bookmarks   *int64 `json:"bookmark_count"`
	Impressions *int64 `json:"impression_count"`
}

func (p *publicMetrics) engagement() pipeline.Engagement {
	reposts := p.Retweets
	if reposts == nil {
		reposts = p.Reposts
	}
	return pipeline.EngagementOf(map[pipeline.Metric]*int64{pipeline.Likes: p.Likes, pipeline.Reposts: reposts, pipeline.Replies: p.Replies,
		pipeline.Quotes: p.Quotes, pipeline.Saves: p.Bookmarks, pipeline.Impressions: p.Impressions})
}

// Measure reads the public metrics of posts, 100 a request (GET
// /2/tweets?ids=…&tweet.fields=public_metrics, signed like every call). A
// post X no longer has comes back in the answer's errors array
// (resource-not-found) and is left out. A post edited on x.com answers
// with its latest version, found by its edit_history_tweet_ids.
func (c *Client) Measure(ctx context.Context, ids []string) (map[string]pipeline.Engagement, error) {
	out := map[string]pipeline.Engagement{}
	seen := map[string]bool{}
	var want, bad []string
	for _, id := range ids {
		switch {
		case seen[id]:
		case !isID(id):
			bad = append(bad, fmt.Sprintf("%q", id))
		default:
			want = append(want, id)
		}
		seen[id] = true
	}
	for start := 0; start < len(want); start += lookupBatch {
		batch := want[start:min(start+lookupBatch, len(want))]
		asked := map[string]bool{}
		for _, id := range batch {
			asked[id] = true
		}
		q := url.Values{"ids": {strings.Join(batch, ",")}, "tweet.fields": {"public_metrics"}}
		var res struct {
			Data []struct {
				ID            string         `json:"id"`
				EditHistory   []string       `json:"edit_history_tweet_ids"`
				PublicMetrics *publicMetrics `json:"public_metrics"`
			} `json:"data"`
		}
		if _, err := c.http.JSON(ctx, http.MethodGet, c.API+"/2/tweets?"+q.Encode(), "GET /2/tweets", nil, &res); err != nil {
			return out, fmt.Errorf("%d of %d posts read: %w", len(out), len(want), c.explainRead(err))
		}
		for _, p := range res.Data {
			if p.PublicMetrics == nil {
				continue
			}
			e := p.PublicMetrics.engagement()
			for _, id := range append([]string{p.ID}, p.EditHistory...) {
				if asked[id] && len(e) > 0 {
					out[id] = e
				}
			}
		}
	}
	if len(bad) > 0 {
		return out, &pipeline.Failure{Network: "x", Op: "measure", Message: strings.Join(bad, ", ") + ": not an X post id, not read",
			Hint: "check the publication's id in the post's front matter"}
	}
	return out, nil
}

// explainRead is explain for a read: a 403 there is about the app's
// access to reading posts, not about posting.
func (c *Client) explainRead(err error) error {
	err = c.explain(err)
	if f := pipeline.AsFailure(err); f != nil && f.Status == http.StatusForbidden {
		f.Hint = "the app's X API access does not let it read posts (GET /2/tweets): check its plan or package in the developer console"
	}
	if f := pipeline.AsFailure(err); f != nil && f.Status == http.StatusTooManyRequests && f.Hint == "" {
		f.Hint = "X's limit on reading posts is reached: the readings go on after the reset"
	}
	return err
}
