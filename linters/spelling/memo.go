package spelling

import (
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

// fineWords is a set of tokens found without fault, each prefixed by
// its place (tokenKey); at most conf.FineCache, emptied past it.
type fineWords struct {
	m sync.Map
	n int64 // entries; guarded by memo.mu
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
func (f *fineWords) has(key string) bool {
	if f == nil {
		return false
	}
	_, ok := f.m.Load(key)
	return ok
}

// add notes a token found without fault.
func (f *fineWords) add(key string) {
	if f == nil {
		return
	}
	memo.mu.Lock()
	f.n++
	if f.n > int64(conf.FineCache) {
		f.m.Clear()
		f.n = 1
	}
	memo.mu.Unlock()
	f.m.Store(key, struct{}{})
}

// tokenKey is a token as the fine set knows it: its text and its place.
func tokenKey(w string, first, dot bool) string {
	place := byte('0')
	if first {
		place |= 1
	}
	if dot {
		place |= 2
	}
	return string(place) + w
}
