package render

import (
	"sort"

	"github.com/rivo/uniseg"
)

// IsEmoji reports whether cluster, one grapheme cluster as uniseg cuts a
// text, shows as an emoji. Networks count such a cluster as one unit
// however many code points it holds (X weighs it 2, Threads counts its
// bytes), and linters use it to find emojis.
//
// A cluster is an emoji when it holds
//   - a regional indicator (🇧, and the flags 🇧🇪 made of two),
//   - a skin tone modifier (👍🏽, or 🏽 alone),
//   - a keycap: 0–9, # or * with U+20E3 (1️⃣),
//   - an Extended_Pictographic code point (UTS #51) shown as an emoji: one
//     whose default presentation is emoji (😀, ⭐, ✅, ⚽), or any one
//     followed by U+FE0F (❤️, ©️) or joined by U+200D (👨‍👩‍👧, ❤️‍🔥).
//
// So "❤" or "©" alone is text, as Unicode presents it; "❤️" is an emoji.
// Simplification: every Extended_Pictographic code point from U+1F300 on
// (pictographs, emoticons, transport, supplemental symbols) counts as emoji
// by default, although some of them (🕊, 🌡, 🏳) are text by default in
// Unicode: platforms draw them as emojis anyway, and emoji keyboards add
// U+FE0F. U+FE0E (text presentation) turns a default emoji into text.
func IsEmoji(cluster string) bool {
	var pict, pictDefault, vs15, vs16, zwj, keycap bool
	first := true
	keycapBase := false
	for _, r := range cluster {
		if first {
			keycapBase = '0' <= r && r <= '9' || r == '#' || r == '*'
			first = false
		}
		if r < 0xA9 {
			continue
		}
		switch {
		case r == 0xFE0E:
			vs15 = true
		case r == 0xFE0F:
			vs16 = true
		case r == 0x200D:
			zwj = true
		case r == 0x20E3:
			keycap = true
		case 0x1F1E6 <= r && r <= 0x1F1FF: // regional indicators
			return true
		case 0x1F3FB <= r && r <= 0x1F3FF: // skin tone modifiers
			return true
		case extendedPictographic(r):
			pict = true
			if emojiByDefault(r) {
				pictDefault = true
			}
		}
	}
	switch {
	case keycap && keycapBase:
		return true
	case pict && (vs16 || zwj):
		return true
	default:
		return pictDefault && !vs15
	}
}

// Emojis returns the emoji grapheme clusters of text, in order, repeats
// included.
func Emojis(text string) []string {
	if !mayHoldEmoji(text) {
		return nil // cutting it into grapheme clusters would find none
	}
	return emojis(text)
}

// mayHoldEmoji reports whether text holds a code point that IsEmoji
// needs in a cluster: a keycap's U+20E3, a regional indicator, a skin
// tone modifier or an Extended_Pictographic code point.
func mayHoldEmoji(text string) bool {
	for _, r := range text {
		if r >= 0xA9 && (r == 0x20E3 || 0x1F1E6 <= r && r <= 0x1F1FF || 0x1F3FB <= r && r <= 0x1F3FF || extendedPictographic(r)) {
			return true
		}
	}
	return false
}

func emojis(text string) []string {
	var found []string
	state := -1
	for text != "" {
		var cluster string
		cluster, text, _, state = uniseg.FirstGraphemeClusterInString(text, state)
		if IsEmoji(cluster) {
			found = append(found, cluster)
		}
	}
	return found
}

// runeRange is an inclusive range of code points.
type runeRange struct{ lo, hi rune }

func inRanges(r rune, ranges []runeRange) bool {
	i := sort.Search(len(ranges), func(i int) bool { return ranges[i].hi >= r })
	return i < len(ranges) && ranges[i].lo <= r
}

// extendedPictographic reports whether r has the Extended_Pictographic
// property (Unicode 15, emoji-data.txt), which includes code points
// reserved for future emojis. emoji_test.go checks the table against the
// grapheme rules of uniseg.
func extendedPictographic(r rune) bool {
	return r >= 0xA9 && inRanges(r, pictographic)
}

var pictographic = []runeRange{
	{0x00A9, 0x00A9}, {0x00AE, 0x00AE}, {0x203C, 0x203C}, {0x2049, 0x2049},
	{0x2122, 0x2122}, {0x2139, 0x2139}, {0x2194, 0x2199}, {0x21A9, 0x21AA},
	{0x231A, 0x231B}, {0x2328, 0x2328}, {0x2388, 0x2388}, {0x23CF, 0x23CF},
	{0x23E9, 0x23F3}, {0x23F8, 0x23FA}, {0x24C2, 0x24C2}, {0x25AA, 0x25AB},
	{0x25B6, 0x25B6}, {0x25C0, 0x25C0}, {0x25FB, 0x25FE}, {0x2600, 0x2605},
	{0x2607, 0x2612}, {0x2614, 0x2685}, {0x2690, 0x2705}, {0x2708, 0x2712},
	{0x2714, 0x2714}, {0x2716, 0x2716}, {0x271D, 0x271D}, {0x2721, 0x2721},
	{0x2728, 0x2728}, {0x2733, 0x2734}, {0x2744, 0x2744}, {0x2747, 0x2747},
	{0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757},
	{0x2763, 0x2767}, {0x2795, 0x2797}, {0x27A1, 0x27A1}, {0x27B0, 0x27B0},
	{0x27BF, 0x27BF}, {0x2934, 0x2935}, {0x2B05, 0x2B07}, {0x2B1B, 0x2B1C},
	{0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x3030, 0x3030}, {0x303D, 0x303D},
	{0x3297, 0x3297}, {0x3299, 0x3299},
	{0x1F000, 0x1F0FF}, {0x1F10D, 0x1F10F}, {0x1F12F, 0x1F12F},
	{0x1F16C, 0x1F171}, {0x1F17E, 0x1F17F}, {0x1F18E, 0x1F18E},
	{0x1F191, 0x1F19A}, {0x1F1AD, 0x1F1E5}, {0x1F201, 0x1F20F},
	{0x1F21A, 0x1F21A}, {0x1F22F, 0x1F22F}, {0x1F232, 0x1F23A},
	{0x1F23C, 0x1F23F}, {0x1F249, 0x1F3FA}, {0x1F400, 0x1F53D},
	{0x1F546, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F774, 0x1F77F},
	{0x1F7D5, 0x1F7FF}, {0x1F80C, 0x1F80F}, {0x1F848, 0x1F84F},
	{0x1F85A, 0x1F85F}, {0x1F888, 0x1F88F}, {0x1F8AE, 0x1F8FF},
	{0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1FAFF},
	{0x1FC00, 0x1FFFD},
}

// emojiByDefault reports whether the Extended_Pictographic code point r
// shows as an emoji without U+FE0F: Emoji_Presentation below U+1F300,
// everything from U+1F300 on (see IsEmoji).
func emojiByDefault(r rune) bool {
	return r >= 0x1F300 || inRanges(r, presentation)
}

// presentation lists the Emoji_Presentation code points below U+1F300
// (emoji-data.txt), regional indicators aside.
var presentation = []runeRange{
	{0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
	{0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
	{0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE},
	{0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA},
	{0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
	{0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C},
	{0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
	{0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50},
	{0x2B55, 0x2B55},
	{0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
	{0x1F191, 0x1F19A}, {0x1F201, 0x1F201}, {0x1F21A, 0x1F21A},
	{0x1F22F, 0x1F22F}, {0x1F232, 0x1F236}, {0x1F238, 0x1F23A},
	{0x1F250, 0x1F251},
}
