package pipeline

import "testing"

func TestWentOut(t *testing.T) {
	for a, want := range map[Action]bool{ActionPublished: true, ActionRecovered: true, ActionFailed: false, ActionRetracted: false, "": false} {
		if got := (Record{Action: a}).WentOut(); got != want {
			t.Errorf("%q went out: %v, want %v", a, got, want)
		}
	}
}
