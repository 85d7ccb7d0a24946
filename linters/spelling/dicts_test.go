//go:build cgo && hunspell

package spelling

import (
	"testing"
)

// TestCacheEviction: past max_loaded, the least recently used handle is
// freed, at once when nobody holds it, by its last holder otherwise; a
// handle knows the words added to it and no other.
func TestCacheEviction(t *testing.T) {
	d, err := find("en", conf.Folders)
	if err != nil {
		t.Skipf("no English dictionary: %v", err)
	}
	saved := conf.MaxLoaded
	conf.MaxLoaded = 2
	defer func() { conf.MaxLoaded = saved }()

	get := func(word string) *handle {
		t.Helper()
		h, err := acquire(d, []string{word})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	a := get("Zwxqta")
	if !a.hs.spell("Zwxqta") || a.hs.spell("Zwxqtb") {
		t.Fatal("handle a does not know its words only")
	}
	release(a)
	b := get("Zwxqtb")
	release(b)
	c := get("Zwxqtc") // three loaded: a, unused and oldest, goes
	if !a.evicted || a.hs.h != nil {
		t.Errorf("a: evicted %v, freed %v; want both", a.evicted, a.hs.h == nil)
	}
	b = get("Zwxqtb") // from the cache, now the most recent
	if b.evicted || b.hs.h == nil || !b.hs.spell("Zwxqtb") {
		t.Fatal("b was lost")
	}
	e := get("Zwxqte") // c is the oldest, but held: evicted, not freed
	if !c.evicted || c.hs.h == nil {
		t.Errorf("c: evicted %v, freed %v; want evicted, not freed", c.evicted, c.hs.h == nil)
	}
	if !c.hs.spell("Zwxqtc") {
		t.Error("a held handle stopped working")
	}
	release(c)
	if c.hs.h != nil {
		t.Error("c not freed by its last holder")
	}
	release(b)
	release(e)
	a = get("Zwxqta") // loaded again
	if !a.hs.spell("Zwxqta") {
		t.Error("a reloaded does not know its word")
	}
	release(a)
}
