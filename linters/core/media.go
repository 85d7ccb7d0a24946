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
)

// Media checks the images of a post against each of its networks (how
// many, which formats, how big) and that every image has alt text, so
// that a bad image is a lint error in the pull request rather than a
// failure at publication time.
type Media struct{}

var _ rule.Rule = Media{}

func (Media) Infos() []rule.Info {
	return []rule.Info{
		{ID: "media.alt", Description: "Every image needs alt text describing it, for people who cannot see it.", Default: pipeline.Error},
		{ID: "media.count", Description: "More images than the network takes, or none where it needs one.", Default: pipeline.Error},
		{ID: "media.format", Description: "An image format the network does not accept.", Default: pipeline.Error},
		{ID: "media.size", Description: "An image larger than the network accepts.", Default: pipeline.Error},
	}
}

type imageFile struct {
	format string
	size   int64
	err    error
}

func (Media) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	out := altTexts(p, c.Repo.CharterFor(p.Brand))
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
		out = append(out, mediaOn(p, ch, network.Media, files)...)
	}
	return out
}

// altTexts checks that every image has alt text, as long as the charter
// asks.
func altTexts(p *pipeline.Post, charter *pipeline.Charter) []pipeline.Finding {
	var out []pipeline.Finding
	for i, m := range p.Media {
		if strings.TrimSpace(m.Alt) == "" {
			sev := pipeline.Error
			if req := charter.Media.AltRequired; req != nil && !*req {
				sev = pipeline.Warning
			}
			out = append(out, rule.At(p, p.PosOf(fmt.Sprintf("media[%d]", i)), "media.alt", sev,
				fmt.Sprintf("image %s has no alt text", m.File),
				"add alt: with what the image shows, e.g. « Affiche du concert, fond rouge »"))
		} else if min := charter.Media.AltMin; min > 0 && utf8.RuneCountInString(m.Alt) < min {
			out = append(out, rule.At(p, p.PosOf(fmt.Sprintf("media[%d].alt", i)), "media.alt", pipeline.Warning,
				fmt.Sprintf("alt text of %s is %d characters, the charter asks for at least %d", m.File, utf8.RuneCountInString(m.Alt), min),
				"describe what the image shows, not just its title"))
		}
	}
	return out
}

// mediaOn checks a post's images against what the network of channel ch
// accepts: how many, which formats, how big.
func mediaOn(p *pipeline.Post, ch string, lim pipeline.MediaLimit, files []imageFile) []pipeline.Finding {
	var out []pipeline.Finding
	switch {
	case lim.Required && len(p.Media) == 0:
		out = append(out, rule.At(p, p.PosOf("channels"), "media.count", pipeline.Error,
			fmt.Sprintf("%s needs at least one image", ch), "add media: with an image and its alt text, or remove "+ch))
	case lim.Max == 0 && len(p.Media) > 0:
		out = append(out, rule.At(p, p.PosOf("media"), "media.count", pipeline.Warning,
			fmt.Sprintf("%s cannot carry images: they will be left out there", ch), ""))
	case len(p.Media) > lim.Max:
		out = append(out, rule.At(p, p.PosOf("media"), "media.count", pipeline.Error,
			fmt.Sprintf("%s takes at most %d images, this post has %d", ch, lim.Max, len(p.Media)), "remove images, or send this channel a variant post"))
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
				what = "not an image crieur recognises"
			}
			out = append(out, rule.At(p, m.Pos, "media.format", pipeline.Error,
				fmt.Sprintf("%s is %s: %s takes %s", m.File, what, ch, strings.Join(lim.Formats, ", ")), "export the image as JPEG"))
		}
		if lim.MaxBytes > 0 && img.size > lim.MaxBytes {
			out = append(out, rule.At(p, m.Pos, "media.size", pipeline.Error,
				fmt.Sprintf("%s weighs %s: %s takes at most %s", m.File, human(img.size), ch, human(lim.MaxBytes)), "resize or compress the image"))
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

func human(n int64) string {
	// Decimal units, as the networks write their limits (Bluesky: 2,000,000 bytes).
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
