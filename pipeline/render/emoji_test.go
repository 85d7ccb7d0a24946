package render

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

func TestIsEmoji(t *testing.T) {
	tests := []struct {
		cluster string
		want    bool
	}{
		{"a", false},
		{"é", false},
		{"e\u0301", false},
		{"€", false},
		{"«", false},
		{"\u202f", false},
		{"1", false},
		{"#", false},
		{"😀", true},
		{"👍", true},
		{"👍🏽", true},              // skin tone
		{"🏽", true},               // modifier alone
		{"👨\u200d👩\u200d👧", true}, // family, ZWJ sequence
		{"❤\ufe0f\u200d🔥", true},  // heart on fire
		{"🇧🇪", true},              // flag
		{"🇧", true},               // lone regional indicator
		{"🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", true}, // Scotland, tag sequence
		{"1\ufe0f\u20e3", true}, // keycap
		{"#\u20e3", true},       // keycap without VS16
		{"a\u20e3", false},      // not a keycap
		{"⭐", true},             // emoji presentation in the BMP
		{"✅", true},
		{"⚽", true},
		{"❤", false},      // text by default
		{"❤\ufe0f", true}, // … emoji with VS16
		{"©", false},
		{"©\ufe0f", true},
		{"™", false},
		{"☀", false},
		{"☀\ufe0f", true},
		{"😀\ufe0e", false}, // text presentation asked
		{"🕊", true},        // from U+1F300 on: emoji (simplification)
		{"🀄", true},
		{"🂡", false}, // playing card: a symbol
	}
	for _, tt := range tests {
		if got := IsEmoji(tt.cluster); got != tt.want {
			t.Errorf("IsEmoji(%q) = %v, want %v", tt.cluster, got, tt.want)
		}
		if n := uniseg.GraphemeClusterCount(tt.cluster); n != 1 {
			t.Errorf("test case %q is %d clusters, want 1", tt.cluster, n)
		}
	}
}

func TestEmojis(t *testing.T) {
	text := "Bravo 👏👏🏾 à toute l’équipe ❤️ ! Rendez-vous 🇧🇪 le 1er ❤ #culture 👨‍👩‍👧"
	want := []string{"👏", "👏🏾", "❤️", "🇧🇪", "👨‍👩‍👧"}
	if got := Emojis(text); !slices.Equal(got, want) {
		t.Errorf("Emojis = %q, want %q", got, want)
	}
	if got := Emojis("Pas d’emoji ici : « ok »."); got != nil {
		t.Errorf("Emojis = %q, want none", got)
	}
}

// TestPictographicTable checks the Extended_Pictographic table against
// uniseg's grapheme rules: "x ZWJ x" is one cluster exactly when x is
// Extended_Pictographic (rule GB11), for every x that does not join what
// follows by itself.
func TestPictographicTable(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) || r == '\r' || r == '\n' {
			continue
		}
		s := string(r)
		if uniseg.GraphemeClusterCount(s+s) != 2 || uniseg.GraphemeClusterCount(s+"\u200d") != 1 {
			continue // joins by itself (marks, Hangul, prepend…) or control
		}
		joined := uniseg.GraphemeClusterCount(s+"\u200d"+s) == 1
		if joined != extendedPictographic(r) {
			t.Errorf("U+%04X: Extended_Pictographic per uniseg %v, per table %v", r, joined, extendedPictographic(r))
		}
	}
}

// TestPresentationTable checks Emoji_Presentation below U+1F300 against
// uniseg's widths: an emoji by default is two columns wide.
func TestPresentationTable(t *testing.T) {
	for r := rune(0xA9); r < 0x1F300; r++ {
		if !extendedPictographic(r) || 0x3000 <= r && r <= 0x33FF {
			continue // CJK symbols are wide without being emojis
		}
		wide := uniseg.StringWidth(string(r)) == 2
		if wide != emojiByDefault(r) {
			t.Errorf("U+%04X: wide per uniseg %v, emoji by default per table %v", r, wide, emojiByDefault(r))
		}
	}
}

// FuzzEmojisShortcut: Emojis skips the cutting into clusters of a text
// without a code point an emoji needs, and finds what the cutting finds.
func FuzzEmojisShortcut(f *testing.F) {
	for _, s := range []string{"Concert à 20 h 30 !", "1\u20e3 #\u20e3", "❤", "❤\ufe0f", "©\ufe0f", "🇧🇪", "👍🏽", "e\u0301\u200d", "⭐\ufe0e", "🏽"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := Emojis(text), emojis(text); !slices.Equal(got, want) {
			t.Fatalf("Emojis(%q) = %q, the clusters say %q", text, got, want)
		}
	})
}
