package x

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// addTweet puts a post of the account on the fake, as if published.
func (f *fakeX) addTweet(text string, public map[string]int64) *fakeTweet {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &fakeTweet{ID: f.newID(), Sent: text, Text: text, Created: f.clock, Public: public}
	f.tweets = append(f.tweets, t)
	return t
}

func TestMeasure(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	r, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"La saison commence (programme & billets) !"}})
	if err != nil {
		t.Fatal(err)
	}
	published := f.find(r.ID)
	published.Public = map[string]int64{"like_count": 12, "retweet_count": 3, "reply_count": 2, "quote_count": 1, "bookmark_count": 4, "impression_count": 950}
	deleted := f.addTweet("Supprimé à la main", map[string]int64{"like_count": 9})
	deleted.Deleted = true
	edited := f.addTweet("Modifié sur x.com", map[string]int64{"like_count": 5, "impression_count": 80})
	original := edited.ID
	edited.History, edited.ID = []string{original}, f.newID()
	noImpressions := f.addTweet("Sans impressions", map[string]int64{"like_count": 1})
	noImpressions.Omit = []string{"impression_count"}

	got, err := c.Measure(context.Background(), []string{r.ID, deleted.ID, original, noImpressions.ID, r.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]pipeline.Engagement{
		r.ID: {pipeline.Likes: 12, pipeline.Reposts: 3, pipeline.Replies: 2, pipeline.Quotes: 1, pipeline.Saves: 4, pipeline.Impressions: 950},
		// An edited post answers with its latest version.
		original: {pipeline.Likes: 5, pipeline.Reposts: 0, pipeline.Replies: 0, pipeline.Quotes: 0, pipeline.Saves: 0, pipeline.Impressions: 80},
		// A count the answer leaves out stays out: not available, not 0.
		noImpressions.ID: {pipeline.Likes: 1, pipeline.Reposts: 0, pipeline.Replies: 0, pipeline.Quotes: 0, pipeline.Saves: 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Measure =\n%v\nwant\n%v", got, want)
	}
	if f.authFails != 0 {
		t.Errorf("%d requests had a bad signature (the query is part of the signature base string)", f.authFails)
	}
	if n := f.count("GET /2/tweets"); n != 1 {
		t.Errorf("%d look-ups, want 1 for 4 ids", n)
	}
}

func TestMeasureRateLimitKeepsTheReadingsBefore(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	var ids []string
	for i := range 150 {
		ids = append(ids, f.addTweet(fmt.Sprintf("post %d", i), map[string]int64{"like_count": int64(i)}).ID)
	}
	reset := time.Now().Add(15 * time.Minute).Unix()
	f.then("GET /2/tweets", &answer{skip: 1, status: 429,
		header: map[string]string{"x-rate-limit-limit": "5000", "x-rate-limit-remaining": "0", "x-rate-limit-reset": strconv.FormatInt(reset, 10)},
		body:   `{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}`})
	got, err := c.Measure(context.Background(), ids)
	fl := pipeline.AsFailure(err)
	if fl == nil || !fl.Temporary || fl.Status != 429 || fl.RetryAfter < 14*time.Minute || fl.RetryAfter > 15*time.Minute {
		t.Fatalf("error %v (%+v), want a temporary 429 failure asking to wait until the reset", err, fl)
	}
	if len(got) != 100 || got[ids[99]][pipeline.Likes] != 99 || got[ids[100]] != nil {
		t.Errorf("%d readings kept (post 99: %v, post 100: %v), want the first 100", len(got), got[ids[99]], got[ids[100]])
	}
	if n := f.count("GET /2/tweets"); n != 2 {
		t.Errorf("%d look-ups, want 2 (no retry before a reset 15 minutes away)", n)
	}
	noSecret(t, "error", err.Error())
}

func TestMeasureRefusesWhatIsNotAnID(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	ok := f.addTweet("Bonjour", map[string]int64{"like_count": 2})
	got, err := c.Measure(context.Background(), []string{"at://did:plc:abc/app.bsky.feed.post/3k", ok.ID})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Message, "at://did:plc:abc") {
		t.Errorf("error = %v, want one naming the id that is not X's", err)
	}
	if got[ok.ID][pipeline.Likes] != 2 || len(got) != 1 {
		t.Errorf("readings = %v, want the valid id read", got)
	}
}

func TestMeasureNothing(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	got, err := c.Measure(context.Background(), nil)
	if err != nil || len(got) != 0 || f.count("GET /2/tweets") != 0 {
		t.Errorf("Measure(nil) = %v, %v after %d calls", got, err, f.count("GET /2/tweets"))
	}
}
