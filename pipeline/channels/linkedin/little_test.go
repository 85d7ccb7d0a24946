package linkedin

import (
	"net/http"
	"strings"
	"testing"
)

func TestLittleText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Bonjour (enfin) !", `Bonjour \(enfin\) !`},
		{"#Lancement demain", `{hashtag|\#|Lancement} demain`},
		{"« Été » #Été2026, #été.", `« Été » {hashtag|\#|Été2026}, {hashtag|\#|été}.`},
		{"C# et #1 et a#b", `C\# et \#1 et a\#b`},
		{"#mot_clé", `\#mot\_clé`},
		{"@marie_d", `\@marie\_d`},
		{`\ | { } @ [ ] ( ) < > # * _ ~`, `\\ \| \{ \} \@ \[ \] \( \) \< \> \# \* \_ \~`},
		{"https://crieur.example/a_b_(c)", `https://crieur.example/a\_b\_\(c\)`},
		{"ligne 1\nligne 2 — fin…", "ligne 1\nligne 2 — fin…"},
	} {
		if got := littleText(tt.in); got != tt.want {
			t.Errorf("littleText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// What littleText writes, LinkedIn reads back whole (the fake's parser,
// written apart from the adapter, stands for LinkedIn's), and plainText
// reads back too.
func TestLittleTextArrivesWhole(t *testing.T) {
	for _, s := range []string{
		frenchPost,
		"(",
		"fin \\",
		"{hashtag|\\#|faux}",
		"@[Nom](urn:li:person:1)",
		"#a #b#c ##d #_e #é",
		"😀 #emoji😀 (😀)",
	} {
		esc := littleText(s)
		if shown, _ := parseLittle(esc); shown != s {
			t.Errorf("LinkedIn shows %q for %q (sent %q)", shown, s, esc)
		}
		if back := plainText(esc); back != s {
			t.Errorf("plainText(%q) = %q, want %q", esc, back, s)
		}
	}
}

// The fake cuts a commentary at an unescaped reserved character, as
// LinkedIn does: a missing escape cannot pass the tests.
func TestFakeCutsAtUnescapedCharacter(t *testing.T) {
	for in, want := range map[string]string{
		"Rendez-vous (enfin) demain": "Rendez-vous ",
		"Prix : 10 € *offert*":       "Prix : 10 € ",
		"Écrivez-nous @crieur":       "Écrivez-nous ",
		"#Lancement":                 "",
		`Bonjour \(enfin\)`:          "Bonjour (enfin)",
	} {
		if got, _ := parseLittle(in); got != want {
			t.Errorf("parseLittle(%q) = %q, want %q", in, got, want)
		}
	}
	// Through the fake's API too: a raw commentary is cut.
	f := newFakeLinkedIn(t)
	body := `{"author":"` + org + `","commentary":"Rendez-vous (enfin) demain","visibility":"PUBLIC",` +
		`"distribution":{"feedDistribution":"MAIN_FEED","targetEntities":[],"thirdPartyDistributionChannels":[]},` +
		`"lifecycleState":"PUBLISHED","isReshareDisabledByAuthor":false}`
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/rest/posts", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+bearerToken)
	req.Header.Set("LinkedIn-Version", "202609")
	req.Header.Set("X-Restli-Protocol-Version", "2.0.0")
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || len(f.live()) != 1 || f.live()[0].Shown != "Rendez-vous " {
		t.Errorf("status %d, posts %+v: want the post cut at the parenthesis", res.StatusCode, f.live())
	}
}

func TestPlainText(t *testing.T) {
	for in, want := range map[string]string{
		`{hashtag|\#|Lancement} et \(suite\)`:             "#Lancement et (suite)",
		`@[Devtestco](urn:li:organization:2414183) merci`: "Devtestco merci",
		`pas de \\ fin`: `pas de \ fin`,
	} {
		if got := plainText(in); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}
