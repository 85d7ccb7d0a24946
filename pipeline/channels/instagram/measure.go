package instagram

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/graph"
)

var _ pipeline.Meter = (*Client)(nil)

// Measure reads the engagement of published media, one at a time (see the
// package comment): likes, comments, shares, saves and views (reach when
// views is not there) from the media's insights; likes and comments from
// the media itself when Instagram gives no insights for it. Media deleted
// in the app are left out.
func (c *Client) Measure(ctx context.Context, ids []string) (map[string]pipeline.Engagement, error) {
	metrics := []string{"likes", "comments", "shares", "saved", "reach"}
	if viewsIn(c.Version) {
		metrics = append(metrics, "views")
	}
	return graph.Measure(ctx, network, ids, idRe.MatchString, func(ctx context.Context, id string) (pipeline.Engagement, error) {
		return c.measure(ctx, id, metrics)
	})
}

// viewsIn reports whether a Graph API version has the views metric on
// media insights: v22.0 introduced it (Graph API changelog, v22.0).
func viewsIn(version string) bool {
	major, _, _ := strings.Cut(strings.TrimPrefix(version, "v"), ".")
	n, err := strconv.Atoi(major)
	return err == nil && n >= 22
}

func (c *Client) measure(ctx context.Context, id string, metrics []string) (pipeline.Engagement, error) {
	counts, res, err := c.api().Insights(ctx, id, "GET /{ig-media-id}/insights", metrics...)
	switch {
	case graph.Gone(res):
		return nil, nil
	case graph.Permission(res):
		// Code 10: "Not enough viewers for the media to show insights",
		// or a token without instagram_manage_insights. The media's own
		// counts still say something.
		return c.counts(ctx, id)
	case err != nil:
		return nil, err
	}
	e := pipeline.Engagement{}
	for name, m := range map[string]pipeline.Metric{"likes": pipeline.Likes, "comments": pipeline.Replies,
		"shares": pipeline.Reposts, "saved": pipeline.Saves, "views": pipeline.Impressions} {
		if n, ok := counts[name]; ok {
			e[m] = n
		}
	}
	if _, ok := e[pipeline.Impressions]; !ok {
		if n, ok := counts["reach"]; ok {
			e[pipeline.Impressions] = n // accounts reached: the only audience figure left
		}
	}
	return e, nil
}

// counts reads like_count and comments_count from the media (IG Media
// reference): what is left when insights are refused.
func (c *Client) counts(ctx context.Context, id string) (pipeline.Engagement, error) {
	var m struct {
		LikeCount     *int64 `json:"like_count"`
		CommentsCount *int64 `json:"comments_count"`
	}
	res, err := c.form(ctx, http.MethodGet, c.node(url.Values{"fields": {"like_count,comments_count"}}, id), "GET /{ig-media-id}", nil, &m)
	if graph.Gone(res) {
		return nil, nil
	}
	if err != nil {
		if f := pipeline.AsFailure(err); f != nil && graph.Permission(res) {
			f.Hint = readHint
		}
		return nil, err
	}
	e := pipeline.Engagement{}
	if m.LikeCount != nil {
		e[pipeline.Likes] = *m.LikeCount
	}
	if m.CommentsCount != nil {
		e[pipeline.Replies] = *m.CommentsCount
	}
	return e, nil
}

// readHint says what reading needs when the token lacks it.
const readHint = "reading a media's engagement needs instagram_basic and instagram_manage_insights (instagram_business_basic and instagram_business_manage_insights with Instagram Login)"
