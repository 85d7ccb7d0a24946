package threads

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

func TestMeasure(t *testing.T) {
	e := setup(t, nil)
	ctx := context.Background()
	var ids []string
	for _, text := range []string{"Premier fil", "Sans vues", "Supprimé"} {
		r, err := e.c.Publish(ctx, pipeline.Message{Parts: []string{text, "suite"}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	e.f.published(ids[0]).Insights = map[string]int64{"views": 640, "likes": 21, "replies": 4, "reposts": 2, "quotes": 1, "shares": 3}
	e.f.published(ids[1]).Insights = map[string]int64{"likes": 2, "replies": 1, "reposts": 0, "quotes": 0}
	e.f.published(ids[2]).Deleted = true

	got, err := e.c.Measure(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]pipeline.Engagement{
		ids[0]: {pipeline.Impressions: 640, pipeline.Likes: 21, pipeline.Replies: 4, pipeline.Reposts: 2, pipeline.Quotes: 1},
		ids[1]: {pipeline.Likes: 2, pipeline.Replies: 1, pipeline.Reposts: 0, pipeline.Quotes: 0}, // no views: not 0
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Measure =\n%v\nwant\n%v", got, want)
	}
}

func TestMeasureThrottledKeepsTheReadingsBefore(t *testing.T) {
	e := setup(t, nil)
	ctx := context.Background()
	var ids []string
	for _, text := range []string{"Un", "Deux"} {
		r, err := e.c.Publish(ctx, pipeline.Message{Parts: []string{text}})
		if err != nil {
			t.Fatal(err)
		}
		e.f.published(r.ID).Insights = map[string]int64{"likes": int64(len(ids) + 5)}
		ids = append(ids, r.ID)
	}
	e.f.failAfter("insights", 1, fakeAnswer{Status: 403, Code: 613, Message: "Calls to this api have exceeded the rate limit.",
		Header: map[string]string{"X-App-Usage": `{"call_count":100,"total_cputime":3,"total_time":4,"estimated_time_to_regain_access":30}`}})
	got, err := e.c.Measure(ctx, ids)
	fl := pipeline.AsFailure(err)
	if fl == nil || !fl.Temporary || fl.RetryAfter != 30*time.Minute {
		t.Fatalf("error %v (%+v), want a temporary failure with the header's 30 minutes", err, fl)
	}
	if want := (map[string]pipeline.Engagement{ids[0]: {pipeline.Likes: 5}}); !reflect.DeepEqual(got, want) {
		t.Errorf("readings = %v, want %v", got, want)
	}
	noSecret(t, err, pipeline.Receipt{})
}

func TestMeasureNeedsInsightsPermission(t *testing.T) {
	e := setup(t, nil)
	r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"Un"}})
	if err != nil {
		t.Fatal(err)
	}
	e.f.fail("insights", fakeAnswer{Status: 403, Code: 10, Message: "(#10) Application does not have permission for this action"})
	_, err = e.c.Measure(context.Background(), []string{r.ID})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Hint, "threads_manage_insights") {
		t.Errorf("error = %v, want a permanent failure naming threads_manage_insights", err)
	}
}
