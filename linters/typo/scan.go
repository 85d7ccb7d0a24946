package typo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rule ids of this package.
const (
	idNbsp        = "typo.fr.nbsp"
	idApostrophe  = "typo.fr.apostrophe"
	idEllipsis    = "typo.fr.ellipsis"
	idSpaceBefore = "typo.fr.space_before"
)

var ruleIDs = []string{idNbsp, idApostrophe, idEllipsis, idSpaceBefore}

// messageKeys are the messages of the catalog (messages/) the code uses.
var messageKeys = []string{
	"missing_before", "wrong_before", "quebec_before",
	"missing_open", "wrong_open", "missing_close", "wrong_close",
	"apostrophe", "ellipsis", "space_before",
}

const (
	narrowSpace  = "\u202f" // narrow no-break space
	noBreakSpace = "\u00a0" // no-break space
	ellipsisChar = "…"
	apostropheOK = "’"
)

// style is the typography a post gets.
type style struct {
	space  string // before ; ! ? and inside guillemets: narrowSpace or noBreakSpace
	quebec bool   // no space before ; ! ?
}

// issue is one problem in a text: bytes [start, end) of it are to be
// replaced by repl.
type issue struct {
	start, end int
	id, key    string // rule id, message of the catalog
	punct      string // the sign concerned
	got, want  string // what the text has, what it should have
	gap        bool   // got and want are runs of spaces, named in messages
	repl       string
}

// text is a part's source, its mask (rule.Mask: URLs, code, mentions…
// blanked byte for byte) and what was found in it so far.
type text struct {
	src, mask string
	out       []issue
	style
}

// scan returns the typography issues of src, a French text; mask is
// rule.Mask(src). Offsets are bytes of src.
func scan(src, mask string, st style) []issue {
	t := &text{src: src, mask: mask, style: st}
	for i := 0; i < len(mask); {
		c := mask[i]
		switch c {
		case ':', ';', '!', '?':
			i = t.high(i, rune(c))
			continue
		case '.':
			i = t.dots(i)
			continue
		case ',':
			t.spaceBefore(i, ",")
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if data.apostrophe[rune(c)] {
				t.apostrophe(i, 1)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(mask[i:])
		switch {
		case data.opening[r]:
			t.open(i, n)
		case data.closing[r]:
			t.close(i, n)
		case data.apostrophe[r]:
			t.apostrophe(i, n)
		}
		i += n
	}
	return t.out
}

// high checks the space before : ; ! ? (a run of ! and ? is one sign) and
// returns where scanning goes on.
func (t *text) high(i int, r rune) int {
	end := i + 1
	if r == ':' || r == ';' {
		if e := t.emoticon(i); e > i {
			return e // ":-)" asks for nothing
		}
	} else {
		for end < len(t.mask) && (t.mask[end] == '!' || t.mask[end] == '?') {
			end++
		}
	}
	next, nextMasked, nextOK := t.after(end)
	if r == '!' && end == i+1 && nextOK && next == '[' {
		return end // a Markdown image: ![alt](file)
	}
	if r == ';' && t.endsEntity(i) {
		return end // &amp; &#8239;
	}
	g := t.gapBefore(i)
	prev, _, ok := t.before(g)
	if !ok {
		return end // at the start of a line, or after a URL, code or a mention
	}
	switch prev {
	case '(', '[', '{', ':', ';', '!', '?':
		return end // "(?)", "? !"
	case '\\', ']':
		if g == i {
			return end // \! escaped, [label]: a link definition
		}
	}
	if data.opening[prev] {
		return end // the space after « is checked with «
	}
	if g == i && nextOK && (nextMasked || glued(next)) {
		return end // "20:30", "3:1", "tel:+32": a sign inside a word
	}
	want := t.space
	switch {
	case r == ':':
		want = noBreakSpace
	case t.quebec:
		want = ""
	}
	gap := t.src[g:i]
	if gap == want {
		return end
	}
	is := issue{start: g, end: i + 1, id: idNbsp, punct: string(r), got: gap, want: want, gap: true, repl: want + string(r)}
	switch {
	case want == "":
		is.key = "quebec_before"
	case gap == "":
		is.key = "missing_before"
	default:
		is.key = "wrong_before"
	}
	t.out = append(t.out, is)
	return end
}

// glued reports whether r, right after a sign with no space before it,
// makes the sign part of a word rather than punctuation.
func glued(r rune) bool {
	return isWord(r) || strings.ContainsRune(`+/\#@&=%`, r)
}

// emoticon returns the end of the emoticon that starts at i, or i.
func (t *text) emoticon(i int) int {
	for _, e := range data.Emoticons {
		if !strings.HasPrefix(t.mask[i:], e) {
			continue
		}
		if r, masked, ok := t.after(i + len(e)); ok && !masked && isWord(r) {
			continue // ":Demain" is not ":D"
		}
		return i + len(e)
	}
	return i
}

// endsEntity reports whether the ; at i closes an HTML entity.
func (t *text) endsEntity(i int) bool {
	for j := i - 1; j >= 0 && i-j <= 32; j-- {
		c := t.mask[j]
		switch {
		case c == '&':
			return j < i-1
		case c == '#' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return false
}

// dots checks a run of periods: three or more are an ellipsis, one may
// have a space before it. It returns where scanning goes on.
func (t *text) dots(i int) int {
	k := i
	for k < len(t.mask) && t.mask[k] == '.' {
		k++
	}
	if k == i+1 {
		// ". . ." is an ellipsis too.
		j, n := k, 1
		for j+1 < len(t.mask) && t.mask[j] == ' ' && t.mask[j+1] == '.' {
			j, n = j+2, n+1
		}
		if n >= 3 {
			k = j
		}
	}
	switch n := strings.Count(t.mask[i:k], "."); {
	case n >= 3:
		t.out = append(t.out, issue{start: i, end: k, id: idEllipsis, key: "ellipsis", punct: t.src[i:k],
			got: t.src[i:k], want: ellipsisChar, repl: ellipsisChar})
	case n == 1:
		t.spaceBefore(i, ".")
	}
	return k
}

// spaceBefore checks that no space comes before the period or comma at i.
func (t *text) spaceBefore(i int, punct string) {
	g := t.gapBefore(i)
	if g == i {
		return
	}
	prev, _, ok := t.before(g)
	if !ok || data.opening[prev] || prev == '.' || prev == ',' || prev == '…' {
		return // at the start of a line, after a URL ("voir https://… ."), after « (checked with it) or other dots
	}
	if r, masked, ok := t.after(i + 1); ok && (masked || isWord(r)) {
		return // ".pdf", ",5": not the end of a sentence
	}
	t.out = append(t.out, issue{start: g, end: i + 1, id: idSpaceBefore, key: "space_before", punct: punct,
		got: t.src[g:i], gap: true, repl: punct})
}

// open checks the space after an opening guillemet of n bytes at i.
func (t *text) open(i, n int) {
	start := i + n
	e := t.gapAfter(start)
	next, masked, ok := t.after(e)
	if !ok || masked || data.closing[next] {
		return // at the end of a line, before a URL or code, or "«»"
	}
	gap := t.src[start:e]
	if gap == t.space {
		return
	}
	punct := t.src[i:start]
	key := "wrong_open"
	if gap == "" {
		key = "missing_open"
	}
	t.out = append(t.out, issue{start: i, end: e, id: idNbsp, key: key, punct: punct, got: gap, want: t.space, gap: true, repl: punct + t.space})
}

// close checks the space before a closing guillemet of n bytes at i.
func (t *text) close(i, n int) {
	g := t.gapBefore(i)
	prev, _, ok := t.before(g)
	if !ok || data.opening[prev] {
		return
	}
	gap := t.src[g:i]
	if gap == t.space {
		return
	}
	punct := t.src[i : i+n]
	key := "wrong_close"
	if gap == "" {
		key = "missing_close"
	}
	t.out = append(t.out, issue{start: g, end: i + n, id: idNbsp, key: key, punct: punct, got: gap, want: t.space, gap: true, repl: t.space + punct})
}

// apostrophe checks an apostrophe of n bytes at i: between two letters it
// is an elision (l'été) and takes the typographic apostrophe.
func (t *text) apostrophe(i, n int) {
	if t.src[i:i+n] == apostropheOK {
		return
	}
	prev, _, ok := t.before(i)
	if !ok || !unicode.IsLetter(prev) || t.inHashtag(i) {
		return
	}
	next, masked, ok := t.after(i + n)
	if !ok || masked || !unicode.IsLetter(next) {
		return
	}
	ws, we := t.wordAround(i, i+n)
	word := t.src[ws:we]
	want := strings.Map(func(r rune) rune {
		if data.apostrophe[r] {
			return '’'
		}
		return r
	}, word)
	t.out = append(t.out, issue{start: i, end: i + n, id: idApostrophe, key: "apostrophe", punct: t.src[i : i+n],
		got: word, want: want, repl: apostropheOK})
}

// wordAround extends [i, j) over the letters and apostrophes around it,
// for messages ("aujourd'hui").
func (t *text) wordAround(i, j int) (int, int) {
	in := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) || data.apostrophe[r] || r == '’' }
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(t.mask[:i])
		if !in(r) {
			break
		}
		i -= n
	}
	for j < len(t.mask) {
		r, n := utf8.DecodeRuneInString(t.mask[j:])
		if !in(r) {
			break
		}
		j += n
	}
	return i, j
}

// inHashtag reports whether the character that ends at i belongs to a hashtag, as
// networks find them: # where no word goes on before it, then letters,
// digits or _, at least one letter.
func (t *text) inHashtag(i int) bool {
	letter := false
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(t.mask[:i])
		switch {
		case r == '#':
			if !letter {
				return false
			}
			if i-n == 0 {
				return true
			}
			p, _ := utf8.DecodeLastRuneInString(t.mask[:i-n])
			return !isWord(p) && p != '_' && p != '&' && p != '/'
		case unicode.IsLetter(r):
			letter = true
		case !isWord(r) && r != '_':
			return false
		}
		i -= n
	}
	return false
}

// isSpace reports whether r is a space inside a line: a tab or any
// Unicode space separator (plain, no-break, narrow, thin…).
func isSpace(r rune) bool { return r == '\t' || unicode.Is(unicode.Zs, r) }

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// gapBefore returns where the run of spaces that ends at i starts.
func (t *text) gapBefore(i int) int {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(t.src[:i])
		if !isSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// gapAfter returns where the run of spaces that starts at i ends.
func (t *text) gapAfter(i int) int {
	for i < len(t.src) {
		r, n := utf8.DecodeRuneInString(t.src[i:])
		if !isSpace(r) {
			break
		}
		i += n
	}
	return i
}

func (t *text) masked(i int) bool { return t.mask[i] != t.src[i] }

// before returns the character that ends at i and where it starts. ok is
// false at the start of the text or of a line, and after what the mask
// blanked (a URL, code, a mention): spacing next to those is left alone.
// The target of a Markdown link, "[le programme](https://…) !", is not
// text that goes out: the link's label before it is.
func (t *text) before(i int) (r rune, start int, ok bool) {
	if i == 0 {
		return 0, 0, false
	}
	r, n := utf8.DecodeLastRuneInString(t.src[:i])
	start = i - n
	if r == '\n' || r == '\r' {
		return r, start, false
	}
	if t.masked(start) {
		if r != ')' {
			return r, start, false
		}
		k := start
		for k > 0 && t.masked(k-1) {
			k--
		}
		if t.src[k] != '(' || k == 0 || t.src[k-1] != ']' {
			return r, start, false
		}
	}
	return r, start, true
}

// after returns the character at i, whether the mask blanked it, and ok
// false at the end of the text or of a line.
func (t *text) after(i int) (r rune, masked, ok bool) {
	if i >= len(t.src) {
		return 0, false, false
	}
	r, _ = utf8.DecodeRuneInString(t.src[i:])
	if r == '\n' || r == '\r' {
		return r, false, false
	}
	return r, t.masked(i), true
}
