package bluesky

import (
	"crypto/sha256"
	"encoding/binary"
)

// s32 is the base32-sortable alphabet of TIDs (atproto.com/specs/tid).
const s32 = "234567abcdefghijklmnopqrstuvwxyz"

// maxIndex is the largest clock id: 10 bits.
const maxIndex = 1<<10 - 1

// recordKey is the TID of a message's index-th record: a 53-bit
// microsecond timestamp, 2^50 plus the first 50 bits of SHA-256(key),
// followed by a 10-bit clock id, the index (0 to 1023).
func recordKey(key string, index int) string {
	sum := sha256.Sum256([]byte(key))
	ts := uint64(1)<<50 | binary.BigEndian.Uint64(sum[:8])>>14
	return encodeTID(ts<<10 | uint64(index&maxIndex))
}

// encodeTID writes a 64-bit TID value (top bit 0) as 13 characters.
func encodeTID(v uint64) string {
	var b [13]byte
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = s32[v&31]
		v >>= 5
	}
	return string(b[:])
}

// decodeTID reads a TID back into its timestamp and clock id; ok is false
// when s is not 13 characters of the alphabet.
func decodeTID(s string) (micros uint64, clock int, ok bool) {
	if len(s) != 13 {
		return 0, 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		d := -1
		for j := 0; j < len(s32); j++ {
			if s32[j] == s[i] {
				d = j
				break
			}
		}
		if d < 0 {
			return 0, 0, false
		}
		v = v<<5 | uint64(d)
	}
	return v >> 10, int(v & maxIndex), true
}
