package spelling

import (
	"strings"
	"sync"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// What the rule works out once per lint run rather than once per post:
// a run is a repository (rule.Context.Repo), and the memo is emptied when
// another one comes.
//
// For each language and search path, which dictionary serves it (a few
// file look-ups per post otherwise); for each brand, the words its
// vocabulary and charter add and their key; and for each dictionary
// loaded with those words under a charter, the words already found
// without fault: most words of a calendar come back in post after post,
// and a word's verdict depends only on the dictionary, the charter and
// where the word stands (first of a sentence, before a period).
var memo = struct {
	mu    sync.Mutex
	repo  *content.Repo
	dicts map[string]dictionary // lang NUL folders -> dictionary
	words map[string]brandWords // brand -> words added
	fine  map[fineKey]*fineWords
}{}

type brandWords struct {
	list []string
	key  string // wordsKey(list)
}

type fineKey struct {
	h       *handle
	charter *pipeline.Charter
	lang    string
}

// fineWords is a set of tokens found without fault, each with its place
// (fineToken); at most conf.FineCache, emptied past it.
type fineWords struct {
	mu sync.RWMutex
	m  map[fineToken]struct{}
}

// fineToken is a token and its place: first of a sentence (1), before a
// period (2).
type fineToken struct {
	w     string
	place uint8
}

// forRepo returns the memo's maps for r, emptied if the last run was
// another repository's. The caller holds memo.mu.
func forRepo(r *content.Repo) {
	if memo.repo != r || memo.dicts == nil {
		memo.repo = r
		memo.dicts = map[string]dictionary{}
		memo.words = map[string]brandWords{}
		memo.fine = map[fineKey]*fineWords{}
	}
}

// findFor is find(lang, dirs), remembered for the run of r. A missing
// dictionary is looked for again (its error is not remembered).
func findFor(r *content.Repo, lang string, dirs []string) (dictionary, error) {
	key := lang
	for _, d := range dirs {
		key += "\x00" + d
	}
	memo.mu.Lock()
	forRepo(r)
	d, ok := memo.dicts[key]
	memo.mu.Unlock()
	if ok {
		return d, nil
	}
	d, err := find(lang, dirs)
	if err != nil {
		return d, err
	}
	memo.mu.Lock()
	forRepo(r)
	memo.dicts[key] = d
	memo.mu.Unlock()
	return d, nil
}

// wordsFor is accepted(r, brand, charter) and its key, remembered for
// the run of r.
func wordsFor(r *content.Repo, brand string, charter *pipeline.Charter) brandWords {
	memo.mu.Lock()
	forRepo(r)
	w, ok := memo.words[brand]
	memo.mu.Unlock()
	if ok {
		return w
	}
	list := accepted(r, brand, charter)
	w = brandWords{list: list, key: wordsKey(list)}
	memo.mu.Lock()
	forRepo(r)
	memo.words[brand] = w
	memo.mu.Unlock()
	return w
}

// fineFor is the set of tokens found without fault with h under charter
// in lang, for the run of r.
func fineFor(r *content.Repo, h *handle, charter *pipeline.Charter, lang string) *fineWords {
	memo.mu.Lock()
	defer memo.mu.Unlock()
	forRepo(r)
	k := fineKey{h, charter, lang}
	f, ok := memo.fine[k]
	if !ok {
		f = &fineWords{}
		memo.fine[k] = f
	}
	return f
}

// has reports whether the token is known to be fine.
func (f *fineWords) has(t fineToken) bool {
	if f == nil {
		return false
	}
	f.mu.RLock()
	_, ok := f.m[t]
	f.mu.RUnlock()
	return ok
}

// add notes a token found without fault.
func (f *fineWords) add(t fineToken) {
	if f == nil {
		return
	}
	f.mu.Lock()
	if f.m == nil || len(f.m) >= conf.FineCache {
		f.m = map[fineToken]struct{}{}
	}
	t.w = strings.Clone(t.w) // not the post's whole text it is cut from
	f.m[t] = struct{}{}
	f.mu.Unlock()
}

// tokenAt is a token as the fine set knows it: its text and its place.
func tokenAt(w string, first, dot bool) fineToken {
	t := fineToken{w: w}
	if first {
		t.place |= 1
	}
	if dot {
		t.place |= 2
	}
	return t
}
