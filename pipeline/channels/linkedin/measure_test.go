package linkedin

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// addPost puts a post of the page on the fake, as if published, created
// at the given time.
func (f *fakeLinkedIn) addPost(id string, created time.Time, stats *fakeStats) *fakePost {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := &fakePost{URN: id, Author: org, Commentary: "Post " + id, Shown: "Post " + id, Created: created, Stats: stats}
	f.posts = append(f.posts, p)
	return p
}

func TestMeasure(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	ctx := context.Background()
	var ids []string
	for _, text := range []string{"Une affiche (enfin) !", "Un post sans écho", "Un post supprimé"} {
		r, err := c.Publish(ctx, pipeline.Message{Parts: []string{text}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	posts := f.live()
	posts[0].Stats = &fakeStats{Likes: 14, Shares: 5, Comments: 24, Impressions: 5287, Unique: 3100, Clicks: 78}
	posts[2].Stats = &fakeStats{Likes: 3}
	if err := c.Retract(ctx, pipeline.Receipt{ID: ids[2]}); err != nil {
		t.Fatal(err)
	}
	video := f.addPost("urn:li:ugcPost:7300000000000000001", f.clock, &fakeStats{Likes: 2, Impressions: 40})
	old := f.addPost("urn:li:share:7100000000000000001", f.clock.AddDate(-1, -1, 0), &fakeStats{Likes: 100})

	got, err := c.Measure(ctx, append(ids, video.URN, old.URN, ids[0]))
	if err != nil {
		t.Fatal(err)
	}
	zero := pipeline.Engagement{pipeline.Likes: 0, pipeline.Reposts: 0, pipeline.Replies: 0, pipeline.Impressions: 0, pipeline.Clicks: 0}
	want := map[string]pipeline.Engagement{
		ids[0]:    {pipeline.Likes: 14, pipeline.Reposts: 5, pipeline.Replies: 24, pipeline.Impressions: 5287, pipeline.Clicks: 78},
		ids[1]:    zero, // left out of the answer with no action nor impression: LinkedIn says its counts are 0
		video.URN: {pipeline.Likes: 2, pipeline.Reposts: 0, pipeline.Replies: 0, pipeline.Impressions: 40, pipeline.Clicks: 0},
		// ids[2] is deleted, old.URN older than the 12 months LinkedIn keeps: both left out.
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Measure =\n%v\nwant\n%v", got, want)
	}
	if n := f.count("GET /rest/organizationalEntityShareStatistics"); n != 2 {
		t.Errorf("%d statistics requests, want 2 (shares, then ugcPosts)", n)
	}
	if n := f.count("GET /rest/posts/{urn}"); n != 3 {
		t.Errorf("%d posts read back, want the 3 left out of the statistics", n)
	}
}

func TestMeasureBatches(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	var ids []string
	for i := range 45 {
		ids = append(ids, f.addPost(fmt.Sprintf("urn:li:share:72000000000000%05d", i), f.clock, &fakeStats{Impressions: int64(i)}).URN)
	}
	got, err := c.Measure(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 45 || got[ids[44]][pipeline.Impressions] != 44 {
		t.Errorf("%d readings, post 44: %v", len(got), got[ids[44]])
	}
	if n := f.count("GET /rest/organizationalEntityShareStatistics"); n != 3 {
		t.Errorf("%d statistics requests for 45 posts, want 3 of at most 20", n)
	}
}

func TestMeasureDailyLimitKeepsTheReadingsBefore(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	share := f.addPost("urn:li:share:7200000000000000001", f.clock, &fakeStats{Likes: 7})
	video := f.addPost("urn:li:ugcPost:7300000000000000001", f.clock, &fakeStats{Likes: 2})
	limit := `{"status":429,"message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}`
	// The first request goes through; the second, and the client's two
	// retries of it, hit the daily limit.
	f.then("GET /rest/organizationalEntityShareStatistics",
		&answer{skip: 1, status: 429, body: limit}, &answer{status: 429, body: limit}, &answer{status: 429, body: limit})
	got, err := c.Measure(context.Background(), []string{share.URN, video.URN})
	fl := pipeline.AsFailure(err)
	if fl == nil || !fl.Temporary || fl.Status != 429 || fl.RetryAfter != 14*time.Hour+59*time.Minute || !strings.Contains(fl.Hint, "midnight UTC") {
		t.Fatalf("error %v (%+v), want a temporary 429 failure until midnight UTC", err, fl)
	}
	if len(got) != 1 || got[share.URN][pipeline.Likes] != 7 {
		t.Errorf("readings = %v, want the share's, read before the limit", got)
	}
	noSecret(t, "error", err.Error())
}

func TestMeasureNeedsTheAdministrator(t *testing.T) {
	f := newFakeLinkedIn(t)
	cc, secrets := config(f.srv.URL)
	cc.Options["organization"] = "urn:li:organization:1"
	c, err := FromConfig(cc, secrets, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Measure(context.Background(), []string{"urn:li:share:7200000000000000001"})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Status != 403 || fl.Temporary || !strings.Contains(fl.Hint, "rw_organization_admin") {
		t.Errorf("error = %v, want a 403 naming rw_organization_admin", err)
	}
}

func TestMeasureRefusesAMembersPosts(t *testing.T) {
	f := newFakeLinkedIn(t)
	cc, secrets := config(f.srv.URL)
	delete(cc.Options, "organization")
	cc.Options["author"] = "urn:li:person:AbC123"
	c, err := FromConfig(cc, secrets, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Measure(context.Background(), []string{"urn:li:share:7200000000000000001"})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Message, "organization pages only") || len(got) != 0 {
		t.Errorf("Measure = %v, %v; want no reading and a failure saying why", got, err)
	}
	if len(f.calls) != 0 {
		t.Errorf("calls %v, want none", f.calls)
	}
}

func TestMeasureRefusesWhatIsNotAPostURN(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	share := f.addPost("urn:li:share:7200000000000000001", f.clock, &fakeStats{Likes: 7})
	got, err := c.Measure(context.Background(), []string{"1500000000000000001", share.URN})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Message, `"1500000000000000001"`) {
		t.Errorf("error = %v, want one naming the id that is not a post URN", err)
	}
	if len(got) != 1 || got[share.URN][pipeline.Likes] != 7 {
		t.Errorf("readings = %v, want the share's", got)
	}
}
