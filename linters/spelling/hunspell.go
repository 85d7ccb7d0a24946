//go:build cgo && hunspell

package spelling

/*
#cgo pkg-config: hunspell
#include <stdlib.h>
#include <hunspell.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// hunspell is one loaded Hunspell dictionary: a handle of libhunspell
// behind a mutex, because a handle is not safe for concurrent use (its
// suggestion code keeps state in the object). Every method locks.
type hunspell struct {
	mu     sync.Mutex
	h      *C.Hunhandle
	latin1 bool // the dictionary is ISO8859-1: words are converted both ways
	cache  map[string]bool
}

// Engine names the spelling engine of this build: libhunspell itself,
// chosen with the build tag hunspell (cgo and libhunspell-dev; release
// builds link it statically).
const Engine = "libhunspell (cgo)"

// openHunspell loads a dictionary from its .aff and .dic files. Both must
// exist: libhunspell itself does not report a missing file, it returns a
// handle that knows no word.
func openHunspell(aff, dic string) (*hunspell, error) {
	caff, cdic := C.CString(aff), C.CString(dic)
	defer C.free(unsafe.Pointer(caff))
	defer C.free(unsafe.Pointer(cdic))
	h := C.Hunspell_create(caff, cdic)
	if h == nil {
		return nil, fmt.Errorf("libhunspell could not load %s", dic)
	}
	hs := &hunspell{h: h}
	switch enc := strings.ToUpper(C.GoString(C.Hunspell_get_dic_encoding(h))); enc {
	case "UTF-8", "UTF8":
	case "ISO8859-1", "ISO-8859-1", "LATIN1":
		hs.latin1 = true
	default:
		C.Hunspell_destroy(h)
		return nil, fmt.Errorf("%s is encoded in %s: use a UTF-8 dictionary", aff, enc)
	}
	return hs, nil
}

// cword converts a Go string to the dictionary's encoding, in C memory the
// caller frees. A word the dictionary's encoding cannot hold is refused.
func (hs *hunspell) cword(w string) (*C.char, bool) {
	if hs.latin1 {
		b := make([]byte, 0, len(w))
		for _, r := range w {
			if r > 0xff {
				return nil, false
			}
			b = append(b, byte(r))
		}
		w = string(b)
	}
	if strings.IndexByte(w, 0) >= 0 {
		return nil, false
	}
	return C.CString(w), true
}

// goword converts a word from the dictionary's encoding.
func (hs *hunspell) goword(p *C.char) string {
	s := C.GoString(p)
	if !hs.latin1 {
		if !utf8.ValidString(s) {
			return strings.ToValidUTF8(s, "")
		}
		return s
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

// spell reports whether the dictionary accepts word. Answers are cached
// per handle: the same words come back in every post, and a cgo call
// costs far more than a map look-up.
func (hs *hunspell) spell(word string) bool {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if hs.h == nil {
		return false
	}
	if ok, seen := hs.cache[word]; seen {
		return ok
	}
	cw, ok := hs.cword(word)
	if !ok {
		return false
	}
	defer C.free(unsafe.Pointer(cw))
	known := C.Hunspell_spell(hs.h, cw) != 0
	if hs.cache == nil || len(hs.cache) > 1<<20 {
		hs.cache = map[string]bool{}
	}
	hs.cache[word] = known
	return known
}

// suggest returns the dictionary's suggestions for word, best first.
func (hs *hunspell) suggest(word string) []string {
	cw, ok := hs.cword(word)
	if !ok {
		return nil
	}
	defer C.free(unsafe.Pointer(cw))
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if hs.h == nil {
		return nil
	}
	var list **C.char
	n := int(C.Hunspell_suggest(hs.h, &list, cw))
	if n <= 0 || list == nil {
		return nil
	}
	defer C.Hunspell_free_list(hs.h, &list, C.int(n))
	out := make([]string, 0, n)
	for _, p := range unsafe.Slice(list, n) {
		out = append(out, hs.goword(p))
	}
	return out
}

// add accepts word from now on, in this handle only (libhunspell's
// run-time dictionary: it is not written anywhere).
func (hs *hunspell) add(word string) error {
	cw, ok := hs.cword(word)
	if !ok {
		return fmt.Errorf("%q cannot be written in the dictionary's encoding", word)
	}
	defer C.free(unsafe.Pointer(cw))
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if hs.h == nil {
		return errors.New("dictionary closed")
	}
	if C.Hunspell_add(hs.h, cw) != 0 {
		return fmt.Errorf("libhunspell refused to add %q", word)
	}
	hs.cache = nil // answers may change
	return nil
}

// close frees the handle; the methods then accept nothing.
func (hs *hunspell) close() {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if hs.h != nil {
		C.Hunspell_destroy(hs.h)
		hs.h = nil
	}
}
