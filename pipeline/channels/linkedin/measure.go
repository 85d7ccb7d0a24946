package linkedin

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
)

var _ pipeline.Meter = (*Client)(nil)

// statsBatch is how many posts one statistics request names. LinkedIn
// documents no maximum for shares=List(…): 20 keeps the URL short.
const statsBatch = 20

// shareStatistics are a post's lifetime statistics
// (organizations/share-statistics, totalShareStatistics).
type shareStatistics struct {
	Likes       *int64 `json:"likeCount"`
	Shares      *int64 `json:"shareCount"`
	Comments    *int64 `json:"commentCount"`
	Impressions *int64 `json:"impressionCount"`
	Clicks      *int64 `json:"clickCount"`
}

func (s *shareStatistics) engagement() pipeline.Engagement {
	return pipeline.EngagementOf(map[pipeline.Metric]*int64{pipeline.Likes: s.Likes, pipeline.Reposts: s.Shares, pipeline.Replies: s.Comments,
		pipeline.Impressions: s.Impressions, pipeline.Clicks: s.Clicks})
}

// Measure reads the lifetime statistics of the page's posts, 20 a
// request, and reads back each post LinkedIn leaves out, to tell a quiet
// post (0 everywhere) from one deleted or older than 12 months (left
// out). A member's posts have no statistics here: Measure refuses them.
// See Engagement in the package comment.
func (c *Client) Measure(ctx context.Context, ids []string) (map[string]pipeline.Engagement, error) {
	if !strings.HasPrefix(c.Author, "urn:li:organization:") {
		return nil, &pipeline.Failure{Network: "linkedin", Op: "measure",
			Message: "LinkedIn gives post statistics to this API for organization pages only: the posts of " + c.Author + " (a member) are not read",
			Hint:    "a member's post statistics (memberCreatorPostAnalytics, r_member_postAnalytics) need LinkedIn's approval for the Community Management API; crieur does not read them: leave " + c.Channel + " out of the engagement readings"}
	}
	out := map[string]pipeline.Engagement{}
	seen := map[string]bool{}
	kinds := map[string][]string{}
	var bad []string
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		switch {
		case postURNRE.FindString(id) != id:
			bad = append(bad, fmt.Sprintf("%q", id))
		case strings.HasPrefix(id, "urn:li:share:"):
			kinds["shares"] = append(kinds["shares"], id)
		default:
			kinds["ugcPosts"] = append(kinds["ugcPosts"], id)
		}
	}
	var absent []string
	for _, param := range []string{"shares", "ugcPosts"} {
		list := kinds[param]
		for start := 0; start < len(list); start += statsBatch {
			batch := list[start:min(start+statsBatch, len(list))]
			got, err := c.statistics(ctx, param, batch)
			for id, e := range got {
				out[id] = e
			}
			if err != nil {
				return out, fmt.Errorf("%d posts read: %w", len(out), err)
			}
			for _, id := range batch {
				if _, ok := got[id]; !ok {
					absent = append(absent, id)
				}
			}
		}
	}
	since := c.now().AddDate(-1, 0, 0)
	for _, id := range absent {
		p, err := c.readPost(ctx, id)
		if err != nil {
			return out, fmt.Errorf("%d posts read: %w", len(out), err)
		}
		if p == nil || p.Author != c.Author || time.UnixMilli(p.CreatedAt).Before(since) {
			continue // gone, not the page's, or out of the 12 months LinkedIn keeps
		}
		out[id] = pipeline.Engagement{pipeline.Likes: 0, pipeline.Reposts: 0, pipeline.Replies: 0, pipeline.Impressions: 0, pipeline.Clicks: 0}
	}
	if len(bad) > 0 {
		return out, &pipeline.Failure{Network: "linkedin", Op: "measure", Message: strings.Join(bad, ", ") + ": not a LinkedIn post URN, not read",
			Hint: "check the publication's id in the post's front matter"}
	}
	return out, nil
}

// statistics asks the statistics of a batch of posts of one kind (param
// shares or ugcPosts). The query is Rest.li 2.0: List(…) and its commas as
// they are, each URN URL-encoded.
func (c *Client) statistics(ctx context.Context, param string, batch []string) (map[string]pipeline.Engagement, error) {
	enc := make([]string, len(batch))
	for i, id := range batch {
		enc[i] = urn(id)
	}
	u := c.API + "/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=" + urn(c.Author) +
		"&" + param + "=List(" + strings.Join(enc, ",") + ")"
	const op = "GET /rest/organizationalEntityShareStatistics"
	var res struct {
		Elements []struct {
			Share   string           `json:"share"`
			UGCPost string           `json:"ugcPost"`
			Total   *shareStatistics `json:"totalShareStatistics"`
		} `json:"elements"`
	}
	if _, err := c.api.JSON(ctx, http.MethodGet, u, op, nil, &res); err != nil {
		return nil, c.explainRead(err)
	}
	asked := map[string]bool{}
	for _, id := range batch {
		asked[id] = true
	}
	got := map[string]pipeline.Engagement{}
	for _, el := range res.Elements {
		id := el.Share
		if id == "" {
			id = el.UGCPost
		}
		if asked[id] && el.Total != nil {
			got[id] = el.Total.engagement()
		}
	}
	return got, nil
}

// readPost reads a post (GET /rest/posts/{urn}); nil when it is gone.
func (c *Client) readPost(ctx context.Context, id string) (*post, error) {
	var p post
	_, err := c.api.JSON(ctx, http.MethodGet, c.API+"/rest/posts/"+urn(id), "GET /rest/posts/{urn}", nil, &p)
	if f := pipeline.AsFailure(err); f != nil && (f.Status == http.StatusNotFound || f.Status == http.StatusGone) {
		return nil, nil
	}
	if err != nil {
		return nil, c.explainRead(err)
	}
	return &p, nil
}

// explainRead is explain for the readings: a 403 there is about the
// reporting permission.
func (c *Client) explainRead(err error) error {
	err = c.explain(err)
	if f := pipeline.AsFailure(err); f != nil && f.Status == http.StatusForbidden {
		f.Hint = "reading a page's post statistics needs a token with rw_organization_admin (Community Management API) from a member with the ADMINISTRATOR role on the page (r_organization_social to read a post back), in " + c.tokenVar
	}
	return err
}
