package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func htmlText(s string) string { return template.HTMLEscapeString(s) }

// checkHTML parses a page and checks what a client's browser, a printer
// and a screen reader need: one document, a Content Security Policy, no
// script, nothing fetched from elsewhere, links only to the publications,
// and every chart an image with a title and its values as text.
func checkHTML(page []byte, postLinks map[string]bool) (problems []string) {
	fail := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return []string{"HTML does not parse: " + err.Error()}
	}
	csp, svgs := false, 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch n.Data {
			case "script", "iframe", "object", "embed", "link", "img", "base", "form":
				fail("<%s> in the page", n.Data)
			case "meta":
				if attr["http-equiv"] == "Content-Security-Policy" && attr["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:" {
					csp = true
				}
			case "svg":
				svgs++
				if attr["role"] != "img" {
					fail("<svg> without role=img: %v", n.Attr)
				}
				var title, desc string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && c.Data == "title" && c.FirstChild != nil {
						title = c.FirstChild.Data
					}
					if c.Type == html.ElementNode && c.Data == "desc" && c.FirstChild != nil {
						desc = c.FirstChild.Data
					}
				}
				if strings.TrimSpace(title) == "" || strings.TrimSpace(desc) == "" {
					fail("<svg> without a <title> and a <desc> of its values")
				}
			}
			for k, v := range attr {
				if strings.HasPrefix(k, "on") {
					fail("event handler %s=%q", k, v)
				}
				if k == "style" && strings.Contains(v, "url(") {
					fail("style fetching %q", v)
				}
				if k == "src" || k == "href" || k == "xlink:href" || k == "srcset" || k == "action" {
					// html/template percent-encodes what a URL cannot hold.
					if u, err := url.PathUnescape(v); err != nil || !postLinks[u] {
						fail("%s=%q is not a publication's link", k, v)
					}
				}
			}
		}
		if n.Type == html.ElementNode && n.Data == "style" && n.FirstChild != nil {
			if css := n.FirstChild.Data; strings.Contains(css, "url(") || strings.Contains(css, "@import") {
				fail("the style sheet fetches something")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !csp {
		fail("no Content-Security-Policy meta")
	}
	if bytes.Contains(bytes.ToLower(page), []byte("<script")) || bytes.Contains(bytes.ToLower(page), []byte("javascript:")) {
		fail("script in the page")
	}
	// Each SVG is well-formed XML too (an SVG viewer, a PDF converter).
	s := string(page)
	for {
		i := strings.Index(s, "<svg")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "</svg>")
		if j < 0 {
			fail("unclosed <svg>")
			break
		}
		d := xml.NewDecoder(strings.NewReader(s[i : i+j+len("</svg>")]))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				fail("SVG is not well-formed XML: %v", err)
				break
			}
		}
		s = s[i+j:]
	}
	if !strings.Contains(string(page), "</html>") {
		fail("page cut short")
	}
	_ = svgs
	return problems
}

func TestHTML(t *testing.T) {
	for _, tt := range []struct {
		name  string
		input func(*Input)
		svgs  int
		want  []string
	}{
		{"fr", func(*Input) {}, 3, []string{"Rapport mensuel — décembre 2026", "laverriere/contenus", "Taux d’engagement", "2,1\u202f%", "Lancement de la saison 2026", "fichier supprimé depuis", "toujours en échec", "typo.fr.nbsp", "lun.", `lang="fr"`}},
		{"en", func(in *Input) { in.Lang = "en" }, 3, []string{"Monthly report — December 2026", "Engagement rate", "2.1%", "still failing", "Mon", `lang="en"`}},
		{"empty", func(in *Input) { in.Records, in.Readings, in.Caught = nil, nil, nil }, 0, []string{"Rien n’a été publié ce mois-ci."}},
		{"hostile", func(in *Input) {
			in.Repository = `<script>alert(1)</script>`
			in.Posts[pLancement].Title = `"><img src=x onerror=alert(1)> <svg onload=alert(2)>`
			in.Records[2].URL = "javascript:alert(1)"
			in.Records[3].URL = `https://bluesky.example/b1"><script>alert(1)</script>`
			in.Caught[0].Message = "</style><script>x</script>"
		}, 3, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := fixtureInput(t)
			tt.input(&in)
			r := Build(in)
			var b bytes.Buffer
			if err := r.HTML(&b); err != nil {
				t.Fatal(err)
			}
			links := map[string]bool{}
			for _, p := range r.Publications {
				if isWebURL(p.URL) {
					links[p.URL] = true
				}
			}
			for _, p := range checkHTML(b.Bytes(), links) {
				t.Error(p)
			}
			if n := strings.Count(b.String(), "<svg"); n != tt.svgs {
				t.Errorf("%d charts, want %d", n, tt.svgs)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("no %q in the page", w)
				}
			}
		})
	}
}

// The test of the test: checkHTML finds what it looks for.
func TestCheckHTMLFails(t *testing.T) {
	for name, page := range map[string]string{
		"script":   `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"></head><body><script>x</script></body></html>`,
		"no csp":   `<html><body></body></html>`,
		"svg":      `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"></head><body><svg><rect/></svg></body></html>`,
		"link":     `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"></head><body><a href="https://tracker.example/">x</a></body></html>`,
		"image":    `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"></head><body><img src="https://cdn.example/logo.png"></body></html>`,
		"font":     `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><style>@import url(https://fonts.example/x.css);</style></head><body></body></html>`,
		"unclosed": `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"></head><body><svg role="img"><title>t</title><desc>d</desc><rect></svg></body></html>`,
	} {
		if len(checkHTML([]byte(page), nil)) == 0 {
			t.Errorf("%s: checkHTML found nothing wrong", name)
		}
	}
}
