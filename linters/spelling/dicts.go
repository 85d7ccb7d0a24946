package spelling

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// dictionary names the files of one Hunspell dictionary: base.aff and
// base.dic.
type dictionary struct {
	lang string // the post's lang, as written
	base string // path without extension
}

// missingError says that no dictionary of a language was found, and
// what to install.
type missingError struct {
	lang, name, pkg, file string
	folders               []string
}

func (e *missingError) Error() string {
	return fmt.Sprintf("no %s dictionary (%s) in %s", e.name, e.lang, strings.Join(e.folders, ", "))
}

// langParts splits a post's lang (fr, fr-BE, en_GB, NL) into its
// language and region.
func langParts(lang string) (base, region string) {
	lang = strings.TrimSpace(lang)
	base, region, _ = strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
	region, _, _ = strings.Cut(region, "-")
	return strings.ToLower(base), strings.ToUpper(region)
}

// candidates lists the dictionary file names that serve a lang, best
// first, and the package that would install one.
func candidates(lang string) (names []string, name, pkg string) {
	base, region := langParts(lang)
	l, known := conf.Languages[base]
	if region != "" {
		names = append(names, base+"_"+region)
	}
	if known {
		name, pkg = l.Name, l.Package
		if p, ok := l.Regions[region]; ok {
			// A region with its own package has its own spelling
			// (en-GB: colour): no other dictionary stands in for it.
			return names, name + " (" + region + ")", p
		}
		names = append(names, l.Dictionaries...)
	} else {
		names = append(names, base, base+"_"+strings.ToUpper(base))
		name, pkg = "Hunspell", "hunspell-"+base
	}
	seen := map[string]bool{}
	out := names[:0]
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, name, pkg
}

// find looks for the dictionary of a lang in folders, in order; within a
// folder, the region's own dictionary comes first.
func find(lang string, folders []string) (dictionary, error) {
	names, name, pkg := candidates(lang)
	for _, dir := range folders {
		for _, n := range names {
			base := filepath.Join(dir, n)
			if isFile(base+".aff") && isFile(base+".dic") {
				return dictionary{lang: lang, base: base}, nil
			}
		}
	}
	return dictionary{}, &missingError{lang: lang, name: name, pkg: pkg, file: names[0], folders: folders}
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// folders is where dictionaries are looked for: the folders listed in
// the environment variable, then the given system folders.
func folders(getenv func(string) string, system []string) []string {
	var out []string
	if v := getenv(conf.Env); v != "" {
		for _, d := range filepath.SplitList(v) {
			if d != "" {
				out = append(out, d)
			}
		}
	}
	return append(out, system...)
}

// bundledFolder is the folder of dictionaries beside the executable, when
// there is one (a release archive unpacked as it is).
var bundledFolder = sync.OnceValue(func() []string {
	exe, err := os.Executable()
	if err != nil || conf.Bundled == "" {
		return nil
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	dir := filepath.Join(filepath.Dir(exe), conf.Bundled)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil
	}
	return []string{dir}
})

// The process keeps what it loads: one handle per dictionary file and set
// of added words (a brand's vocabulary and the charter's accepted words),
// because loading French costs tens of milliseconds and megabytes. Past
// conf.MaxLoaded handles, the least recently used one that nobody holds
// is freed.

type handleKey struct {
	base  string // dictionary path without extension
	words string // hash of the added words
}

type handle struct {
	key   handleKey
	hs    *hunspell
	err   error
	ready chan struct{} // closed when hs or err is set

	mu          sync.Mutex
	suggestions map[string][]string // word -> Hunspell's suggestions; guarded by mu

	refs    int    // holders; guarded by cache.mu
	used    uint64 // last use, for eviction; guarded by cache.mu
	evicted bool   // guarded by cache.mu
}

var cache = struct {
	mu    sync.Mutex
	m     map[handleKey]*handle
	clock uint64
}{m: map[handleKey]*handle{}}

// wordsKey identifies a set of words, whatever their order and repeats.
func wordsKey(words []string) string {
	s := append([]string(nil), words...)
	sort.Strings(s)
	h := sha256.New()
	prev := "\x00"
	for _, w := range s {
		if w != prev {
			h.Write([]byte(w))
			h.Write([]byte{0})
			prev = w
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// acquire returns the loaded dictionary with words added, loading it on
// first use. The caller must release it.
func acquire(d dictionary, words []string) (*handle, error) {
	return acquireKey(d, words, wordsKey(words))
}

// acquireKey is acquire with the words' key (wordsKey) worked out.
func acquireKey(d dictionary, words []string, wkey string) (*handle, error) {
	key := handleKey{base: d.base, words: wkey}
	cache.mu.Lock()
	h, ok := cache.m[key]
	if !ok {
		h = &handle{key: key, ready: make(chan struct{})}
		cache.m[key] = h
	}
	h.refs++
	cache.clock++
	h.used = cache.clock
	cache.mu.Unlock()
	if !ok {
		h.hs, h.err = load(d, words)
		close(h.ready)
		evict()
	}
	<-h.ready
	if h.err != nil {
		cache.mu.Lock()
		h.refs--
		if cache.m[key] == h {
			delete(cache.m, key) // a later run may find the files fixed
		}
		cache.mu.Unlock()
		return nil, h.err
	}
	return h, nil
}

// release gives a handle back; an evicted handle is freed by its last
// holder.
func release(h *handle) {
	cache.mu.Lock()
	h.refs--
	free := h.evicted && h.refs == 0
	cache.mu.Unlock()
	if free {
		h.hs.close()
	}
}

// evict frees the least recently used handles past the limit.
func evict() {
	var free []*handle
	cache.mu.Lock()
	for len(cache.m) > conf.MaxLoaded {
		var old *handle
		for _, h := range cache.m {
			select {
			case <-h.ready:
			default:
				continue // still loading
			}
			if old == nil || h.used < old.used {
				old = h
			}
		}
		if old == nil {
			break
		}
		delete(cache.m, old.key)
		old.evicted = true
		if old.refs == 0 && old.hs != nil {
			free = append(free, old)
		}
	}
	cache.mu.Unlock()
	for _, h := range free {
		h.hs.close()
	}
}

// load opens a dictionary and adds words to it.
func load(d dictionary, words []string) (*hunspell, error) {
	hs, err := openHunspell(d.base+".aff", d.base+".dic")
	if err != nil {
		return nil, err
	}
	var bad []error
	for _, w := range words {
		if err := hs.add(w); err != nil {
			bad = append(bad, err)
		}
	}
	if len(bad) > 0 && len(bad) == len(words) {
		hs.close()
		return nil, fmt.Errorf("adding the vocabulary to %s: %w", d.base, errors.Join(bad...))
	}
	return hs, nil
}

// suggest returns Hunspell's suggestions for a word, remembered: a name
// missing from the vocabulary comes back in post after post.
func (h *handle) suggest(w string) []string {
	h.mu.Lock()
	s, ok := h.suggestions[w]
	h.mu.Unlock()
	if ok {
		return s
	}
	s = h.hs.suggest(w)
	h.mu.Lock()
	if h.suggestions == nil || len(h.suggestions) >= conf.SuggestCache {
		h.suggestions = map[string][]string{}
	}
	h.suggestions[w] = s
	h.mu.Unlock()
	return s
}
