package pipeline

import (
	"errors"
	"testing"
)

func TestSentAnyway(t *testing.T) {
	comments := &Failure{Network: "facebook", Op: "POST /{post-id}/comments", Status: 500, Message: "An unknown error has occurred."}
	err := SentAnyway(comments, Out{Network: "facebook", What: "post 1_2 is on the Page", Receipt: Receipt{ID: "1_2", URL: "https://www.facebook.com/1_2"}, Step: "first comment"})
	f := AsFailure(err)
	if f == nil || !f.Temporary || !f.MaybeSent || f.Status != 500 || f.Op != comments.Op {
		t.Fatalf("SentAnyway = %#v, want the step's failure, temporary and maybe sent", err)
	}
	if want := "post 1_2 is on the Page at https://www.facebook.com/1_2, but its first comment failed: An unknown error has occurred."; f.Message != want {
		t.Errorf("message = %q, want %q", f.Message, want)
	}
	if f.Hint != "add the first comment by hand" {
		t.Errorf("hint = %q", f.Hint)
	}
	if comments.Temporary || comments.MaybeSent || comments.Message != "An unknown error has occurred." {
		t.Errorf("SentAnyway changed the step's failure: %+v", comments)
	}

	// The replies already out are named; a hint of the step's own stays.
	own := &Failure{Network: "threads", Message: "down", Hint: "the token expired"}
	f = AsFailure(SentAnyway(own, Out{Network: "threads", What: "post 1 is published", Receipt: Receipt{ID: "1", Parts: []string{"2", "3"}}, Step: "part 4 of 4", Hint: "add the missing replies by hand"}))
	if f.Message != "post 1 is published, with replies 2, 3, but its part 4 of 4 failed: down" || f.Hint != "the token expired" {
		t.Errorf("threads: %q (%q)", f.Message, f.Hint)
	}
	f = AsFailure(SentAnyway(errors.New("EOF"), Out{Network: "threads", What: "post 1 is published", Step: "first comment", Hint: "add the missing replies by hand"}))
	if f == nil || f.Network != "threads" || f.Message != "post 1 is published, but its first comment failed: EOF" || f.Hint != "add the missing replies by hand" || !f.MaybeSent {
		t.Errorf("a plain error: %+v", f)
	}

	// Where publishing again is safe, the error keeps its classification.
	lost := &Failure{Network: "mastodon", Status: 503, Temporary: true}
	err = SentAnyway(lost, Out{Network: "mastodon", What: "1 of 4 statuses are out", Again: "sends the rest"})
	if AsFailure(err) != lost || lost.MaybeSent || err.Error() != "1 of 4 statuses are out, publishing again sends the rest: mastodon: HTTP 503" {
		t.Errorf("safe again: %v, %+v", err, lost)
	}
	err = SentAnyway(errors.New("refused"), Out{Network: "linkedin", What: "the post urn:li:share:1 is out", Step: "first comment", Again: "adds it"})
	if err.Error() != "the post urn:li:share:1 is out but not its first comment, publishing again adds it: refused" {
		t.Errorf("linkedin: %v", err)
	}
}
