package core

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Media checks the images of a post against each of its networks (how
// many, which formats, how big) and that every image has alt text, so
// that a bad image is a lint error in the pull request rather than a
// failure at publication time.
type Media struct{}

var _ rule.Rule = Media{}

func (Media) Infos() []rule.Info {
	return []rule.Info{
		{ID: "media.alt", Description: describe("media.alt"), Default: pipeline.Error},
		{ID: "media.count", Description: describe("media.count"), Default: pipeline.Error},
		{ID: "media.format", Description: describe("media.format"), Default: pipeline.Error},
		{ID: "media.size", Description: describe("media.size"), Default: pipeline.Error},
	}
}

type imageFile struct {
	format string
	size   int64
	err    error
}

func (Media) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	out := altTexts(c.Language, p, c.Repo.CharterFor(p.Brand))
	files := make([]imageFile, len(p.Media))
	for i, m := range p.Media {
		files[i] = inspect(c.Repo, m.Path)
	}
	for _, ch := range p.Channels {
		cc, ok := c.Repo.Config.Channels[ch]
		if !ok {
			continue
		}
		network, ok := pipeline.LookupNetwork(cc.Network)
		if !ok {
			continue
		}
		out = append(out, mediaOn(c.Language, p, ch, network.Media, files)...)
	}
	return out
}

// altTexts checks that every image has alt text, as long as the charter
// asks.
func altTexts(l i18n.Lang, p *pipeline.Post, charter *pipeline.Charter) []pipeline.Finding {
	var out []pipeline.Finding
	for i, m := range p.Media {
		if strings.TrimSpace(m.Alt) == "" {
			sev := pipeline.Error
			if req := charter.Media.AltRequired; req != nil && !*req {
				sev = pipeline.Warning
			}
			out = append(out, rule.At(p, p.PosOf(fmt.Sprintf("media[%d]", i)), "media.alt", sev,
				say.Text(l, "media.no_alt", i18n.Args{"file": m.File}), say.Text(l, "media.no_alt_hint", nil)))
		} else if min := charter.Media.AltMin; min > 0 && utf8.RuneCountInString(m.Alt) < min {
			out = append(out, rule.At(p, p.PosOf(fmt.Sprintf("media[%d].alt", i)), "media.alt", pipeline.Warning,
				say.Text(l, "media.short_alt", i18n.Args{"file": m.File, "count": utf8.RuneCountInString(m.Alt), "min": min}),
				say.Text(l, "media.short_alt_hint", nil)))
		}
	}
	return out
}

// mediaOn checks a post's images against what the network of channel ch
// accepts: how many, which formats, how big.
func mediaOn(l i18n.Lang, p *pipeline.Post, ch string, lim pipeline.MediaLimit, files []imageFile) []pipeline.Finding {
	var out []pipeline.Finding
	args := i18n.Args{"channel": ch, "max": lim.Max, "count": len(p.Media)}
	switch {
	case lim.Required && len(p.Media) == 0:
		out = append(out, rule.At(p, p.PosOf("channels"), "media.count", pipeline.Error,
			say.Text(l, "media.required", args), say.Text(l, "media.required_hint", args)))
	case lim.Max == 0 && len(p.Media) > 0:
		out = append(out, rule.At(p, p.PosOf("media"), "media.count", pipeline.Warning, say.Text(l, "media.none", args), ""))
	case len(p.Media) > lim.Max:
		out = append(out, rule.At(p, p.PosOf("media"), "media.count", pipeline.Error,
			say.Text(l, "media.too_many", args), say.Text(l, "media.too_many_hint", nil)))
	}
	if lim.Max == 0 {
		return out
	}
	for i, m := range p.Media {
		img := files[i]
		if img.err != nil {
			continue // reported while loading (schema.media)
		}
		if !contains(lim.Formats, img.format) {
			what := img.format
			if what == "" {
				what = say.Text(l, "media.unknown_format", nil)
			}
			out = append(out, rule.At(p, m.Pos, "media.format", pipeline.Error,
				say.Text(l, "media.format", i18n.Args{"file": m.File, "format": what, "channel": ch, "formats": strings.Join(lim.Formats, ", ")}),
				say.Text(l, "media.format_hint", nil)))
		}
		if lim.MaxBytes > 0 && img.size > lim.MaxBytes {
			out = append(out, rule.At(p, m.Pos, "media.size", pipeline.Error,
				say.Text(l, "media.size", i18n.Args{"file": m.File, "size": human(l, img.size), "channel": ch, "max": human(l, lim.MaxBytes)}),
				say.Text(l, "media.size_hint", nil)))
		}
	}
	return out
}

func inspect(repo *content.Repo, rel string) imageFile {
	// Never open what is not a regular file of the repository: a named
	// pipe would block, a link could read outside (schema.media said so).
	if _, err := repo.RegularFile(rel, "an image"); err != nil {
		return imageFile{err: err}
	}
	fh, err := os.Open(repo.Abs(rel))
	if err != nil {
		return imageFile{err: err}
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return imageFile{err: err}
	}
	head := make([]byte, 16)
	n, _ := io.ReadFull(fh, head)
	return imageFile{format: pipeline.ImageFormat(head[:n]), size: st.Size()}
}

func human(l i18n.Lang, n int64) string {
	// Decimal units, as the networks write their limits (Bluesky: 2,000,000 bytes).
	switch {
	case n >= 1e6:
		mb := strings.Replace(fmt.Sprintf("%.1f", float64(n)/1e6), ".", say.Text(l, "media.decimal", nil), 1)
		return say.Text(l, "media.mb", i18n.Args{"n": mb})
	case n >= 1e3:
		return say.Text(l, "media.kb", i18n.Args{"n": fmt.Sprintf("%.0f", float64(n)/1e3)})
	}
	return say.Text(l, "media.bytes", i18n.Args{"n": n})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
