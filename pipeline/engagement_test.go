package pipeline

import "testing"

func TestEngagementOf(t *testing.T) {
	zero, five := int64(0), int64(5)
	e := EngagementOf(map[Metric]*int64{Likes: &five, Reposts: &zero, Impressions: nil})
	if n, ok := e[Reposts]; !ok || n != 0 {
		t.Errorf("a count of 0 is a reading: %v", e)
	}
	if _, ok := e[Impressions]; ok {
		t.Errorf("a count left out is not available, not 0: %v", e)
	}
	if e.Interactions() != 5 {
		t.Errorf("Interactions = %d, want 5", e.Interactions())
	}
}
