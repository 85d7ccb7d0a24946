package threads

import (
	"context"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/graph"
)

var _ pipeline.Meter = (*Client)(nil)

// insightMetrics are the media insights Measure reads, and what each is
// (docs/threads/insights, "Media Insights").
var insightMetrics = []struct {
	name   string
	metric pipeline.Metric
}{
	{"views", pipeline.Impressions},
	{"likes", pipeline.Likes},
	{"replies", pipeline.Replies},
	{"reposts", pipeline.Reposts},
	{"quotes", pipeline.Quotes},
}

// Measure reads the engagement of posts, one at a time (see the package
// comment), from their media insights. A post deleted by hand is left out.
func (c *Client) Measure(ctx context.Context, ids []string) (map[string]pipeline.Engagement, error) {
	names := make([]string, len(insightMetrics))
	for i, m := range insightMetrics {
		names[i] = m.name
	}
	return graph.Measure(ctx, network, ids, idRe.MatchString, func(ctx context.Context, id string) (pipeline.Engagement, error) {
		counts, res, err := c.api().Insights(ctx, id, "GET /{threads-media-id}/insights", names...)
		if graph.Gone(res) {
			return nil, nil
		}
		if err != nil {
			if f := pipeline.AsFailure(err); f != nil && graph.Permission(res) {
				f.Hint = "reading a post's engagement needs threads_basic and threads_manage_insights"
			}
			return nil, err
		}
		e := pipeline.Engagement{}
		for _, m := range insightMetrics {
			if n, ok := counts[m.name]; ok {
				e[m.metric] = n
			}
		}
		return e, nil
	})
}
