package render

import (
	"slices"
	"testing"
)

func TestURLs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Programme : https://example.org/saison.", []string{"https://example.org/saison"}},
		{"Voir https://example.org/a, https://example.org/b; http://example.org/c: ok", []string{"https://example.org/a", "https://example.org/b", "http://example.org/c"}},
		{"Vraiment ? https://example.org/?q=1! Et https://example.org/x?", []string{"https://example.org/?q=1", "https://example.org/x"}},
		{"le site (https://example.org/billets)", []string{"https://example.org/billets"}},
		{"https://fr.wikipedia.org/wiki/Liège_(ville).", []string{"https://fr.wikipedia.org/wiki/Liège_(ville)"}},
		{"«\u00a0https://example.org/a\u00a0»", []string{"https://example.org/a"}},
		{"«https://example.org/a»", []string{"https://example.org/a"}},
		{"Lien\u202fhttps://example.org/a\u202f!", []string{"https://example.org/a"}},
		{"HTTPS://EXAMPLE.ORG/A…", []string{"HTTPS://EXAMPLE.ORG/A"}},
		{"https://example.org/a_b_(c)_d#ancre", []string{"https://example.org/a_b_(c)_d#ancre"}},
		{"<https://example.org/a>", []string{"https://example.org/a"}},
		{"\"https://example.org/a\"", []string{"https://example.org/a"}},
		{"xhttps://example.org nothttp://example.org", nil},
		{"https:// et http://. rien", nil},
		{"www.example.org example.org ftp://example.org", nil},
		{"@botanique@mastodon.social presse@botanique.be", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range URLs(tt.text) {
			if tt.text[s.Start:s.End] != s.Text {
				t.Errorf("URLs(%q): span %d:%d is %q, Text is %q", tt.text, s.Start, s.End, tt.text[s.Start:s.End], s.Text)
			}
			got = append(got, s.Text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("URLs(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestURLsOffsets(t *testing.T) {
	text := "Été : https://example.org/é !"
	got := URLs(text)
	want := []Span{{Start: 8, End: 30, Text: "https://example.org/é"}}
	if !slices.Equal(got, want) {
		t.Errorf("URLs(%q) = %+v, want %+v", text, got, want)
	}
}
