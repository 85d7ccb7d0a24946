//go:build !cgo || !hunspell

package spelling

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/client9/gospell"
)

// Without the build tag hunspell (the default of go build and go install,
// which must work on a machine without libhunspell-dev), dictionaries are
// read by gospell, a pure-Go reader of Hunspell's .aff and .dic files. Its
// answers are Hunspell's on nearly every word but not on all, and it
// cannot read the Dutch dictionary (docs/release.md has the measure): the
// Linux amd64 release links libhunspell itself (hunspell.go).

// hunspell is one loaded dictionary behind a mutex: gospell expands
// affixes lazily and keeps what it found in its maps, so a checker is
// not safe for concurrent use.
type hunspell struct {
	mu    sync.Mutex
	gs    *gospell.GoSpell
	cache map[string]bool
}

// Engine names the spelling engine of this build.
const Engine = "gospell (pure Go)"

// openHunspell loads a dictionary from its .aff and .dic files.
func openHunspell(aff, dic string) (*hunspell, error) {
	gs, err := gospell.NewGoSpell(aff, dic)
	if err != nil {
		return nil, fmt.Errorf("gospell could not load %s: %w", dic, err)
	}
	return &hunspell{gs: gs}, nil
}

// spell reports whether the dictionary accepts word, cached: gospell
// costs about a millisecond a word on the French dictionary.
func (hs *hunspell) spell(word string) bool {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if hs.gs == nil {
		return false
	}
	if ok, seen := hs.cache[word]; seen {
		return ok
	}
	known := hs.gs.Spell(word)
	if hs.cache == nil || len(hs.cache) > 1<<20 {
		hs.cache = map[string]bool{}
	}
	hs.cache[word] = known
	return known
}

// suggest returns gospell's suggestions for word, best first.
func (hs *hunspell) suggest(word string) []string {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if hs.gs == nil {
		return nil
	}
	list, err := hs.gs.Suggest(word, max(conf.Suggestions, 5))
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, s := range list {
		out = append(out, s.Word)
	}
	return out
}

// add accepts word from now on, in this dictionary only.
func (hs *hunspell) add(word string) error {
	if strings.IndexByte(word, 0) >= 0 {
		return fmt.Errorf("%q is not a word", word)
	}
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if hs.gs == nil {
		return errors.New("dictionary closed")
	}
	hs.gs.AddWordRaw(word)
	hs.cache = nil // answers may change
	return nil
}

// close lets the dictionary go; the methods then accept nothing.
func (hs *hunspell) close() {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	hs.gs, hs.cache = nil, nil
}
