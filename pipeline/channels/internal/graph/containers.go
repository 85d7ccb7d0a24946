package graph

import (
	"context"
	"net/url"
	"strings"

	"github.com/crieur/crieur/pipeline"
)

// ImageContainer makes the container of a post with images, as Instagram
// and Threads take them: one image container, or one container per image
// (is_carousel_item) and a CAROUSEL container of them. image holds the
// fields every image container also takes (Threads: media_type IMAGE);
// each gets its image_url and alt_text. The text goes under textField
// (caption, text) of the container that is published. create makes one
// container.
func ImageContainer(ctx context.Context, create func(context.Context, url.Values) (string, error),
	media []pipeline.Attachment, urls []string, image url.Values, textField, text string) (string, error) {
	one := func(i int) url.Values {
		form := url.Values{"image_url": {urls[i]}}
		for k, v := range image {
			form[k] = v
		}
		if alt := strings.TrimSpace(media[i].Alt); alt != "" {
			form.Set("alt_text", alt)
		}
		return form
	}
	withText := func(form url.Values) url.Values {
		if text != "" {
			form.Set(textField, text)
		}
		return form
	}
	if len(media) == 1 {
		return create(ctx, withText(one(0)))
	}
	children := make([]string, len(media))
	for i := range media {
		form := one(i)
		form.Set("is_carousel_item", "true")
		id, err := create(ctx, form)
		if err != nil {
			return "", err
		}
		children[i] = id
	}
	return create(ctx, withText(url.Values{"media_type": {"CAROUSEL"}, "children": {strings.Join(children, ",")}}))
}
