package i18n

import (
	"os"
	"testing"
)

// BenchmarkText: a message costs about a microsecond and a half (go-i18n
// matches the language on every call), nothing beside a lint.
func BenchmarkText(b *testing.B) {
	c, err := Load(os.DirFS("testdata"), "good")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		c.Text(French, "greeting", Args{"name": "x"})
	}
}

func BenchmarkCount(b *testing.B) {
	c, err := Load(os.DirFS("testdata"), "good")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		c.Count(French, "errors", 3, nil)
	}
}
