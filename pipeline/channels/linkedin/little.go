package linkedin

import (
	"strings"
	"unicode"
)

// reserved are the characters of LinkedIn's little text format that must
// be escaped to be plain text (little-text-format, "Text").
const reserved = `\|{}@[]()<>#*_~`

// littleText turns plain text into a commentary in little text: every
// reserved character escaped with a backslash, every hashtag written as
// the HashtagTemplate {hashtag|\#|tag}.
func littleText(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '#' {
			if n := hashtagLen(rs, i); n > 0 {
				b.WriteString(`{hashtag|\#|`)
				b.WriteString(string(rs[i+1 : i+1+n]))
				b.WriteString("}")
				i += n
				continue
			}
		}
		if strings.ContainsRune(reserved, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isTagRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// hashtagLen returns the length of the tag after the # at rs[i], or 0
// when that # does not start a hashtag: it must begin a word, be followed
// by letters and digits holding at least one letter, and not by _ (the
// reserved character would have to be escaped inside the template).
func hashtagLen(rs []rune, i int) int {
	if i > 0 && (isTagRune(rs[i-1]) || rs[i-1] == '_' || rs[i-1] == '\\') {
		return 0
	}
	j, letter := i+1, false
	for j < len(rs) && isTagRune(rs[j]) {
		letter = letter || unicode.IsLetter(rs[j])
		j++
	}
	if !letter || j < len(rs) && rs[j] == '_' {
		return 0
	}
	return j - i - 1
}

// plainText reads a commentary in little text back into the text LinkedIn
// shows: escapes removed, {hashtag|\#|tag} as #tag, @[name](urn) as name.
// Unlike LinkedIn it never cuts: it is for comparing texts.
func plainText(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '\\' && i+1 < len(rs):
			i++
			b.WriteRune(rs[i])
		case r == '{':
			end := closing(rs, i, '}')
			if end < 0 {
				b.WriteRune(r)
				continue
			}
			params := splitUnescaped(rs[i+1:end], '|')
			if len(params) == 3 && string(params[0]) == "hashtag" {
				b.WriteString(plainText(string(params[1])) + plainText(string(params[2])))
			} else {
				b.WriteString(plainText(string(rs[i+1 : end])))
			}
			i = end
		case r == '@' && i+1 < len(rs) && rs[i+1] == '[':
			end := closing(rs, i+1, ']')
			if end < 0 || end+1 >= len(rs) || rs[end+1] != '(' || closing(rs, end+1, ')') < 0 {
				b.WriteRune(r)
				continue
			}
			b.WriteString(plainText(string(rs[i+2 : end])))
			i = closing(rs, end+1, ')')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// closing returns the index of the first unescaped c after rs[open], or -1.
func closing(rs []rune, open int, c rune) int {
	for j := open + 1; j < len(rs); j++ {
		if rs[j] == '\\' {
			j++
			continue
		}
		if rs[j] == c {
			return j
		}
	}
	return -1
}

func splitUnescaped(rs []rune, sep rune) [][]rune {
	var out [][]rune
	start := 0
	for j := 0; j < len(rs); j++ {
		if rs[j] == '\\' {
			j++
			continue
		}
		if rs[j] == sep {
			out = append(out, rs[start:j])
			start = j + 1
		}
	}
	return append(out, rs[start:])
}

// comparable is a text as Find compares it: white space collapsed.
func comparable(s string) string { return strings.Join(strings.Fields(s), " ") }
