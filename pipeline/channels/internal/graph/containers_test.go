package graph

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

// One image is one container carrying the text; several are one item
// container each, then the carousel carrying the text.
func TestImageContainer(t *testing.T) {
	var made []url.Values
	create := func(_ context.Context, f url.Values) (string, error) {
		made = append(made, f)
		return fmt.Sprintf("c%d", len(made)), nil
	}
	media := []pipeline.Attachment{{Alt: "Affiche rouge"}, {Alt: " "}}
	urls := []string{"https://m.example/a.jpg", "https://m.example/b.jpg"}
	id, err := ImageContainer(context.Background(), create, media[:1], urls[:1], url.Values{"media_type": {"IMAGE"}}, "text", "Bonjour")
	if err != nil || id != "c1" || len(made) != 1 ||
		made[0].Encode() != "alt_text=Affiche+rouge&image_url=https%3A%2F%2Fm.example%2Fa.jpg&media_type=IMAGE&text=Bonjour" {
		t.Fatalf("one image: %q %v %v", id, err, made)
	}
	made = nil
	id, err = ImageContainer(context.Background(), create, media, urls, nil, "caption", "Bonjour")
	if err != nil || id != "c3" || len(made) != 3 {
		t.Fatalf("carousel: %q %v %v", id, err, made)
	}
	if made[0].Get("is_carousel_item") != "true" || made[0].Get("caption") != "" || made[1].Has("alt_text") {
		t.Errorf("items: %v", made[:2])
	}
	if made[2].Encode() != "caption=Bonjour&children=c1%2Cc2&media_type=CAROUSEL" {
		t.Errorf("carousel container: %v", made[2].Encode())
	}
}
