package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

// Insights is an answer of an insights edge: Facebook's Page Post
// insights (docs/graph-api/reference/insights), Instagram's media insights
// (docs/instagram-platform/reference/instagram-media/insights) and Threads'
// media insights (docs/threads/insights) share its shape:
//
//	{"data": [{"name": "likes", "period": "lifetime",
//	           "values": [{"value": 12}], "title": …, "description": …, "id": …}]}
//
// with total_value {"value": 12} instead of values for some metrics.
type Insights struct {
	Data []struct {
		Name   string `json:"name"`
		Period string `json:"period"`
		Values []struct {
			Value json.RawMessage `json:"value"`
		} `json:"values"`
		TotalValue *struct {
			Value json.RawMessage `json:"value"`
		} `json:"total_value"`
	} `json:"data"`
}

// Counts are the metrics of the answer that hold a count: total_value
// when there is one, else the last of values. A metric the answer leaves
// out, with no value, or whose value is not a whole number (a breakdown
// by type) is not in the map: the networks leave out what they do not
// have, and absent is not zero.
func (in Insights) Counts() map[string]int64 {
	out := map[string]int64{}
	for _, d := range in.Data {
		var raw json.RawMessage
		switch {
		case d.TotalValue != nil:
			raw = d.TotalValue.Value
		case len(d.Values) > 0:
			raw = d.Values[len(d.Values)-1].Value
		}
		var n int64
		if d.Name == "" || len(raw) == 0 || json.Unmarshal(raw, &n) != nil {
			continue
		}
		out[d.Name] = n
	}
	return out
}

// Insights reads metrics of an object: GET /{id}/insights?metric=a,b.
func (a *API) Insights(ctx context.Context, id, op string, metrics ...string) (map[string]int64, *httpapi.Response, error) {
	var in Insights
	res, err := a.Form(ctx, http.MethodGet, a.Node(url.Values{"metric": {strings.Join(metrics, ",")}}, id, "insights"), op, nil, &in)
	if err != nil {
		return nil, res, err
	}
	return in.Counts(), res, nil
}

// Permission reports whether an answer is a Graph error that says a
// permission is missing (code 10, 200–299), as opposed to throttling, a
// bad token or an object that is gone.
func Permission(res *httpapi.Response) bool {
	e, ok := Of(res)
	return ok && (e.Code == 10 || e.Code >= 200 && e.Code < 300)
}

// Reader reads the engagement of one post for Measure: nil without error
// when the post is gone (deleted by hand); a reading with an error when
// part of it was read before the failure.
type Reader func(ctx context.Context, id string) (pipeline.Engagement, error)

// Measure is the pipeline.Meter of a Meta adapter, which reads one post
// at a time: it reads each id once, in order, with read. A post read as
// gone, or of which nothing could be read, is left out. The first failure
// stops the reading: what was read comes back with it, so that a rate
// limit keeps the readings made before it. An id valid refuses is not
// asked; the readings come back with an error naming it.
func Measure(ctx context.Context, network string, ids []string, valid func(string) bool, read Reader) (map[string]pipeline.Engagement, error) {
	out := map[string]pipeline.Engagement{}
	seen := map[string]bool{}
	var bad []string
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if !valid(id) {
			bad = append(bad, id)
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		e, err := read(ctx, id)
		if len(e) > 0 {
			out[id] = e
		}
		if err != nil {
			return out, fmt.Errorf("reading the engagement of %s (%d posts read before): %w", id, len(out), err)
		}
	}
	if len(bad) > 0 {
		return out, NotIDs(network, bad)
	}
	return out, nil
}

// NotIDs is the failure of ids that cannot be the network's: they were
// not asked (an id from another network, a record edited by hand).
func NotIDs(network string, ids []string) error {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	msg := q[0] + " is not a post id of " + network + ": not read"
	if len(q) > 1 {
		msg = strings.Join(q, ", ") + " are not post ids of " + network + ": not read"
	}
	return &pipeline.Failure{Network: network, Op: "measure", Message: msg, Hint: "check the publication's id in the post's front matter"}
}
