package instagram

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// addMedia puts a published media on the fake.
func (f *fakeInstagram) addMedia(insights map[string]int64) *fakeMedia {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := &fakeMedia{ID: f.id(), Shortcode: "C" + f.id(), Created: f.now, Insights: insights}
	f.media = append(f.media, m)
	return m
}

func TestMeasure(t *testing.T) {
	e := setup(t)
	r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"Affiche"}, FirstComment: "Billets en bio",
		Media: []pipeline.Attachment{e.serve("media/affiche.jpg", "image/jpeg")}})
	if err != nil {
		t.Fatal(err)
	}
	e.f.find(r.ID).Insights = map[string]int64{"likes": 40, "comments": 3, "shares": 5, "saved": 7, "reach": 800, "views": 1500}
	reachOnly := e.f.addMedia(map[string]int64{"likes": 1, "reach": 90})
	nothing := e.f.addMedia(nil) // no data yet: an empty data set
	deleted := e.f.addMedia(map[string]int64{"likes": 9})
	deleted.Deleted = true
	few := e.f.addMedia(nil)
	few.FewViewers, few.Likes, few.CommentCount = true, 2, 1

	got, err := e.c.Measure(context.Background(), []string{r.ID, reachOnly.ID, nothing.ID, deleted.ID, few.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]pipeline.Engagement{
		r.ID: {pipeline.Likes: 40, pipeline.Replies: 3, pipeline.Reposts: 5, pipeline.Saves: 7, pipeline.Impressions: 1500},
		// No views: reach stands for the audience. What is not there stays out.
		reachOnly.ID: {pipeline.Likes: 1, pipeline.Impressions: 90},
		// Not enough viewers for insights: the media's own counts.
		few.ID: {pipeline.Likes: 2, pipeline.Replies: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Measure =\n%v\nwant\n%v", got, want)
	}
}

func TestMeasureBeforeViews(t *testing.T) {
	e := setup(t)
	e.f.version = "v21.0"
	e.c.Version = "v21.0"
	m := e.f.addMedia(map[string]int64{"likes": 4, "reach": 70})
	got, err := e.c.Measure(context.Background(), []string{m.ID})
	if err != nil {
		t.Fatal(err)
	}
	if want := (pipeline.Engagement{pipeline.Likes: 4, pipeline.Impressions: 70}); !reflect.DeepEqual(got[m.ID], want) {
		t.Errorf("Measure = %v, want %v", got[m.ID], want)
	}
}

func TestMeasureWithoutInsightsPermission(t *testing.T) {
	e := setup(t)
	m := e.f.addMedia(map[string]int64{"likes": 4})
	m.Likes = 4
	e.f.noInsights = true
	got, err := e.c.Measure(context.Background(), []string{m.ID})
	if err != nil {
		t.Fatal(err)
	}
	if want := (pipeline.Engagement{pipeline.Likes: 4, pipeline.Replies: 0}); !reflect.DeepEqual(got[m.ID], want) {
		t.Errorf("Measure = %v, want %v", got[m.ID], want)
	}
}

func TestMeasureThrottledKeepsTheReadingsBefore(t *testing.T) {
	e := setup(t)
	a := e.f.addMedia(map[string]int64{"likes": 4})
	b := e.f.addMedia(map[string]int64{"likes": 5})
	buc := `{"` + userID + `":[{"type":"instagram","call_count":100,"total_cputime":5,"total_time":9,"estimated_time_to_regain_access":12}]}`
	e.f.fail("insights", fakeAnswer{Skip: 1, Status: 400, Code: 80002, Message: "There have been too many calls to this Instagram account",
		Header: map[string]string{"X-Business-Use-Case-Usage": buc}})
	got, err := e.c.Measure(context.Background(), []string{a.ID, b.ID})
	fl := pipeline.AsFailure(err)
	if fl == nil || !fl.Temporary || fl.RetryAfter != 12*time.Minute {
		t.Fatalf("error %v (%+v), want a temporary failure with the header's 12 minutes", err, fl)
	}
	if want := (map[string]pipeline.Engagement{a.ID: {pipeline.Likes: 4}}); !reflect.DeepEqual(got, want) {
		t.Errorf("readings = %v, want %v: a's, read before the limit", got, want)
	}
	noSecret(t, err, pipeline.Receipt{})
}

func TestMeasureThrottledAs403(t *testing.T) {
	e := setup(t)
	a := e.f.addMedia(map[string]int64{"likes": 4})
	e.f.fail("insights", fakeAnswer{Status: 403, Code: 4, Message: "(#4) Application request limit reached"})
	if _, err := e.c.Measure(context.Background(), []string{a.ID}); pipeline.AsFailure(err) == nil || !pipeline.AsFailure(err).Temporary {
		t.Errorf("error = %v, want a temporary failure", err)
	}
}

func TestMeasureRefusesWhatIsNotAnID(t *testing.T) {
	e := setup(t)
	_, err := e.c.Measure(context.Background(), []string{"https://www.instagram.com/p/C1/"})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Message, "instagram.com/p/C1") {
		t.Errorf("error = %v", err)
	}
}
