package facebook

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// published publishes a text post with a first comment and returns its id.
func published(t *testing.T, c *Client, text string) string {
	t.Helper()
	r, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{text}, FirstComment: "Billets : https://crieur.example"})
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func TestMeasure(t *testing.T) {
	c, f := newClient(t)
	a := published(t, c, "La saison commence !")
	b := published(t, c, "Un post que personne n'a partagé")
	gone := published(t, c, "Un post supprimé à la main")
	f.post(a).Reactions, f.post(a).Comments, f.post(a).Shares = 31, 4, 6
	f.post(a).Insights = map[string]int64{"post_media_view": 1200, "post_clicks": 57}
	f.post(b).Reactions = 2
	f.post(b).Insights = map[string]int64{"post_clicks": 1} // no views figure yet
	f.post(gone).Deleted = true

	got, err := c.Measure(context.Background(), []string{a, gone, b, "not an id!"})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Message, `"not an id!"`) {
		t.Errorf("error = %v, want one naming the id that is not Facebook's", err)
	}
	want := map[string]pipeline.Engagement{
		// Comments count the first comment too: it is a comment.
		a: {pipeline.Likes: 31, pipeline.Replies: 5, pipeline.Reposts: 6, pipeline.Impressions: 1200, pipeline.Clicks: 57},
		// No shares field: nobody shared, 0. No post_media_view: no Impressions.
		b: {pipeline.Likes: 2, pipeline.Replies: 1, pipeline.Reposts: 0, pipeline.Clicks: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Measure =\n%v\nwant\n%v", got, want)
	}
}

func TestMeasureWithoutInsightsKeepsTheCounts(t *testing.T) {
	c, f := newClient(t)
	a := published(t, c, "La saison commence !")
	f.post(a).Reactions, f.post(a).Shares = 3, 1
	f.post(a).Insights = map[string]int64{"post_media_view": 1200, "post_clicks": 57}
	f.noInsights = true
	got, err := c.Measure(context.Background(), []string{a})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]pipeline.Engagement{a: {pipeline.Likes: 3, pipeline.Replies: 1, pipeline.Reposts: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Measure = %v, want %v", got, want)
	}
}

func TestMeasureThrottledKeepsTheReadingsBefore(t *testing.T) {
	c, f := newClient(t)
	a := published(t, c, "Premier")
	b := published(t, c, "Second")
	f.post(a).Reactions, f.post(b).Reactions = 8, 9
	buc := `{"` + pageID + `":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":14,"estimated_time_to_regain_access":5}]}`
	// a is read (post, then insights); reading b's post hits the Page's limit.
	f.fail("node", fakeAnswer{Skip: 1, Status: 400, Code: 32, Message: "(#32) Page request limit reached", Header: map[string]string{"X-Business-Use-Case-Usage": buc}})
	before := len(f.routes())
	got, err := c.Measure(context.Background(), []string{a, b})
	fl := pipeline.AsFailure(err)
	if fl == nil || !fl.Temporary || fl.RetryAfter != 5*time.Minute {
		t.Fatalf("error %v (%+v), want a temporary failure with the 5 minutes the header says", err, fl)
	}
	if len(got) != 1 || got[a][pipeline.Likes] != 8 {
		t.Errorf("readings = %v, want a's", got)
	}
	if n := len(f.routes()) - before; n != 3 {
		t.Errorf("%d requests after the limit, want 3 (a's post and insights, b's post)", n)
	}
	noSecret(t, err, pipeline.Receipt{})
}

func TestMeasureInsightsThrottled(t *testing.T) {
	c, f := newClient(t)
	a := published(t, c, "Premier")
	f.post(a).Reactions = 8
	f.fail("insights", fakeAnswer{Status: 403, Code: 4, Message: "(#4) Application request limit reached"})
	got, err := c.Measure(context.Background(), []string{a})
	if fl := pipeline.AsFailure(err); fl == nil || !fl.Temporary {
		t.Fatalf("error %v, want a temporary failure", err)
	}
	// What was read of the post before its insights is kept.
	if got[a][pipeline.Likes] != 8 {
		t.Errorf("readings = %v, want a's counts", got)
	}
}

func TestMeasureNeedsPagesReadEngagement(t *testing.T) {
	c, f := newClient(t)
	a := published(t, c, "Premier")
	f.fail("node", fakeAnswer{Status: 403, Code: 200, Message: "(#200) Missing Permission"})
	_, err := c.Measure(context.Background(), []string{a})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Hint, "pages_read_engagement") || !strings.Contains(fl.Hint, "ANALYZE") {
		t.Errorf("error = %v, want a permanent failure naming pages_read_engagement", err)
	}
}
