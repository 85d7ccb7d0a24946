package render

import "unicode/utf8"

// punycodeLen is the length of a domain label as the punycode package
// (1.4.1, which twitter-text uses) writes it in ASCII: the label itself
// when it is printable ASCII, else xn-- and its RFC 3492 encoding; the
// ideographic and full-width full stops separate labels there too.
//
// The label is in code points, as punycode's ucs2decode reads a string: a
// lone surrogate is a code point of its own.
func punycodeLen(label []rune) int {
	n, start := 0, 0
	for i := 0; i <= len(label); i++ {
		if i < len(label) && label[i] != '\u3002' && label[i] != '\uFF0E' && label[i] != '\uFF61' {
			continue
		}
		part := label[start:i]
		if printableASCII(part) {
			n += len(part)
		} else {
			n += len("xn--") + len(punycode(part))
		}
		if i < len(label) {
			n++ // the separator, written as a dot
		}
		start = i + 1
	}
	return n
}

func printableASCII(s []rune) bool {
	for _, r := range s {
		if r < 0x20 || r > 0x7E {
			return false
		}
	}
	return true
}

// punycode encodes s as RFC 3492 says (the bootstring parameters of
// section 5).
func punycode(runes []rune) string {
	const (
		base, tMin, tMax, skew, damp = 36, 1, 26, 38, 700
		initialBias, initialN        = 72, 128
	)
	digit := func(d int) byte {
		if d < 26 {
			return byte('a' + d)
		}
		return byte('0' + d - 26)
	}
	adapt := func(delta, points int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / points
		k := 0
		for delta > ((base-tMin)*tMax)/2 {
			delta /= base - tMin
			k += base
		}
		return k + (base-tMin+1)*delta/(delta+skew)
	}
	var out []byte
	for _, r := range runes {
		if r < 0x80 {
			out = append(out, byte(r))
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	n, delta, bias := initialN, 0, initialBias
	for h < len(runes) {
		m := int(utf8.MaxRune) + 1
		for _, r := range runes {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range runes {
			if int(r) < n {
				delta++
			}
			if int(r) == n {
				q := delta
				for k := base; ; k += base {
					t := k - bias
					if t < tMin {
						t = tMin
					} else if t > tMax {
						t = tMax
					}
					if q < t {
						break
					}
					out = append(out, digit(t+(q-t)%(base-t)))
					q = (q - t) / (base - t)
				}
				out = append(out, digit(q))
				bias = adapt(delta, h+1, h == b)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return string(out)
}
