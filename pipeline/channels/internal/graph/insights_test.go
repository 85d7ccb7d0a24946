package graph

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

func TestInsightsCounts(t *testing.T) {
	t.Parallel()
	// The shapes of docs/graph-api/reference/insights (values, the latest
	// last), docs/threads/insights (values) and user insights (total_value),
	// with a breakdown (a map) and a metric without data.
	body := `{"data":[
		{"name":"post_media_view","period":"lifetime","values":[{"value":1200}],"title":"t","description":"d","id":"1_2/insights/post_media_view/lifetime"},
		{"name":"page_daily","period":"day","values":[{"value":3,"end_time":"2026-11-30T08:00:00+0000"},{"value":5,"end_time":"2026-12-01T08:00:00+0000"}]},
		{"name":"likes","period":"lifetime","total_value":{"value":21}},
		{"name":"post_clicks_by_type","period":"lifetime","values":[{"value":{"link clicks":3,"other clicks":9}}]},
		{"name":"reach","period":"lifetime","values":[]},
		{"name":"","values":[{"value":4}]}
	],"paging":{"previous":"p","next":"n"}}`
	var in Insights
	if err := json.Unmarshal([]byte(body), &in); err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"post_media_view": 1200, "page_daily": 5, "likes": 21}
	if got := in.Counts(); !reflect.DeepEqual(got, want) {
		t.Errorf("Counts = %v, want %v", got, want)
	}
}

func TestMeasure(t *testing.T) {
	t.Parallel()
	var asked []string
	read := func(_ context.Context, id string) (pipeline.Engagement, error) {
		asked = append(asked, id)
		switch id {
		case "gone":
			return nil, nil
		case "empty":
			return pipeline.Engagement{}, nil
		case "throttled":
			return pipeline.Engagement{pipeline.Likes: 1}, &pipeline.Failure{Network: "threads", Temporary: true, Message: "limit"}
		}
		return pipeline.Engagement{pipeline.Likes: int64(len(id))}, nil
	}
	valid := func(id string) bool { return !strings.Contains(id, " ") }

	got, err := Measure(context.Background(), "threads", []string{"a", "not an id", "gone", "bb", "a", "empty"}, valid, read)
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Message, `"not an id"`) {
		t.Errorf("error = %v, want one naming the id that is not one", err)
	}
	if want := map[string]pipeline.Engagement{"a": {pipeline.Likes: 1}, "bb": {pipeline.Likes: 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Measure = %v, want %v", got, want)
	}
	if strings.Join(asked, ",") != "a,gone,bb,empty" {
		t.Errorf("asked %v, want each valid id once, in order", asked)
	}

	asked = nil
	got, err = Measure(context.Background(), "threads", []string{"a", "throttled", "bb"}, valid, read)
	if fl := pipeline.AsFailure(err); fl == nil || !fl.Temporary {
		t.Errorf("error = %v, want the temporary failure", err)
	}
	if want := map[string]pipeline.Engagement{"a": {pipeline.Likes: 1}, "throttled": {pipeline.Likes: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Measure = %v, want %v: what was read before the failure, and with it", got, want)
	}
	if strings.Join(asked, ",") != "a,throttled" {
		t.Errorf("asked %v, want the reading to stop at the failure", asked)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Measure(ctx, "threads", []string{"a"}, valid, read); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}
