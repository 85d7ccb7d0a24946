package facebook

import (
	"context"
	"net/http"
	"net/url"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/graph"
)

var _ pipeline.Meter = (*Client)(nil)

// countFields are the Page Post fields Measure reads: the totals of the
// reactions and comments edges without their items (summary, limit 0),
// and shares {count}, which Graph leaves out of a post nobody shared.
const countFields = "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares"

// insightMetrics are the Page Post insights Measure reads.
// post_media_view replaced post_impressions, which Meta retired for all
// versions (docs/platforminsights/page/deprecated-metrics).
var insightMetrics = []string{"post_media_view", "post_clicks"}

// Measure reads the engagement of Page posts, one post at a time (see the
// package comment): reactions, comments and shares from the post, views
// and clicks from its insights. A post deleted by hand is left out.
func (c *Client) Measure(ctx context.Context, ids []string) (map[string]pipeline.Engagement, error) {
	return graph.Measure(ctx, network, ids, idRe.MatchString, c.measure)
}

func (c *Client) measure(ctx context.Context, id string) (pipeline.Engagement, error) {
	type summary struct {
		Summary *struct {
			TotalCount *int64 `json:"total_count"`
		} `json:"summary"`
	}
	var p struct {
		Reactions *summary `json:"reactions"`
		Comments  *summary `json:"comments"`
		Shares    *struct {
			Count int64 `json:"count"`
		} `json:"shares"`
	}
	res, err := c.form(ctx, http.MethodGet, c.node(url.Values{"fields": {countFields}}, id), "GET /{post-id}", nil, &p)
	if graph.Gone(res) {
		return nil, nil
	}
	if err != nil {
		if f := pipeline.AsFailure(err); f != nil && graph.Permission(res) {
			f.Hint = readHint
		}
		return nil, err
	}
	e := pipeline.Engagement{pipeline.Reposts: 0}
	if p.Shares != nil {
		e[pipeline.Reposts] = p.Shares.Count
	}
	for m, s := range map[pipeline.Metric]*summary{pipeline.Likes: p.Reactions, pipeline.Replies: p.Comments} {
		if s != nil && s.Summary != nil && s.Summary.TotalCount != nil {
			e[m] = *s.Summary.TotalCount
		}
	}
	counts, res, err := c.api().Insights(ctx, id, "GET /{post-id}/insights", insightMetrics...)
	switch {
	case graph.Permission(res):
		// Without pages_read_engagement (or the ANALYZE task on the
		// Page) the counts are all there is: views and clicks stay out.
		return e, nil
	case graph.Gone(res):
		return nil, nil // deleted between the two calls
	case err != nil:
		return e, err
	}
	if n, ok := counts["post_media_view"]; ok {
		e[pipeline.Impressions] = n
	}
	if n, ok := counts["post_clicks"]; ok {
		e[pipeline.Clicks] = n
	}
	return e, nil
}

// readHint says what reading needs when the token lacks it.
const readHint = "reading a post's engagement needs a Page token with pages_read_engagement (views and clicks: read_insights too), from someone who can perform the ANALYZE task on the Page"
