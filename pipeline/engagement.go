package pipeline

import (
	"context"
	"time"
)

// Metric is one kind of engagement count a network reports for a post.
type Metric string

// The metrics crieur records, in the order of the columns of a metrics
// file. A network reports the ones it has: Mastodon has no impressions,
// Bluesky no clicks.
const (
	Likes       Metric = "likes"       // favourites, likes, reactions
	Reposts     Metric = "reposts"     // boosts, reblogs, retweets, shares
	Replies     Metric = "replies"     // replies, comments
	Quotes      Metric = "quotes"      // quote posts
	Impressions Metric = "impressions" // views, impressions, reach when only reach exists
	Clicks      Metric = "clicks"      // link clicks
	Saves       Metric = "saves"       // bookmarks, saves
)

// Metrics lists every metric in column order.
var Metrics = []Metric{Likes, Reposts, Replies, Quotes, Impressions, Clicks, Saves}

// Interactions are the metrics that count a person acting on a post, the
// numerator of an engagement rate (impressions are its denominator).
var Interactions = []Metric{Likes, Reposts, Replies, Quotes, Clicks, Saves}

// Engagement is what a network says of one post at one moment: only the
// metrics it reports are present, so a missing metric is "not available",
// never zero.
type Engagement map[Metric]int64

// Interactions is the sum of the interaction metrics present.
func (e Engagement) Interactions() int64 {
	var n int64
	for _, m := range Interactions {
		n += e[m]
	}
	return n
}

// Meter is a channel that can read the engagement of the posts it
// published, by the ids its Publish returned (Receipt.ID, the first post
// of a thread). It returns what it could read, keyed by id; an id the
// network no longer knows (deleted by hand) is left out without error.
// When it stops early (a rate limit, a failure) it returns the readings it
// already has together with the error, so that a run keeps them.
type Meter interface {
	Measure(ctx context.Context, ids []string) (map[string]Engagement, error)
}

// Reading is one engagement reading of a publication, as recorded in the
// repository's metrics files.
type Reading struct {
	Time    time.Time // when it was read
	Post    string    // the post's path
	Channel string
	Network string
	ID      string // the network's id of the post
	Engagement
}

// EngagementOf builds an Engagement from the counts of a network's
// answer, nil for a count it left out: not available, not zero.
func EngagementOf(counts map[Metric]*int64) Engagement {
	e := Engagement{}
	for m, n := range counts {
		if n != nil {
			e[m] = *n
		}
	}
	return e
}
