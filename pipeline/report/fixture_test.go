package report

import (
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// The fixture is December 2026 of a Brussels venue (La Verrière) sharing
// its repository with a bistro brand:
//
//   - lancement.md went out on mastodon, bluesky and linkedin on Tuesday
//     1 December at 09:30;
//   - minuit.md went out at 00:30 on 1 December, 23:30 UTC on 30
//     November: December in Brussels; never read;
//   - billetterie.md failed twice on mastodon before going out at 11:00 on
//     3 December, and was recovered on bluesky;
//   - atelier.md failed on linkedin and never went out;
//   - supprime.md went out on mastodon on 12 December, was retracted the
//     next day, and its file is deleted since;
//   - bistro.md is the other brand's, on its Instagram;
//   - novembre.md went out in November: the previous month, whose readings
//     go on into December;
//   - janvier.md went out at 00:30 on 1 January in Brussels: not December.
const (
	pLancement   = "posts/2026/12/lancement.md"
	pMinuit      = "posts/2026/12/minuit.md"
	pBilletterie = "posts/2026/12/billetterie.md"
	pAtelier     = "posts/2026/12/atelier.md"
	pSupprime    = "posts/2026/12/supprime.md"
	pBistro      = "posts/2026/12/bistro.md"
	pNovembre    = "posts/2026/11/novembre.md"
	pJanvier     = "posts/2026/12/janvier.md"
)

func brussels(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func body(s string) pipeline.Text {
	return pipeline.Text{Parts: []pipeline.Part{{Source: s, Line: 8, Col: 1}}}
}

func fixturePosts() map[string]*pipeline.Post {
	return map[string]*pipeline.Post{
		pLancement:   {Path: pLancement, Title: "Lancement de la saison 2026", Brand: "verriere", Campaign: "saison-2026", Body: body("La nouvelle saison commence !")},
		pMinuit:      {Path: pMinuit, Brand: "verriere", Campaign: "saison-2026", Body: body("Il est minuit, la billetterie du réveillon ouvre : https://example.org/reveillon")},
		pBilletterie: {Path: pBilletterie, Brand: "verriere", Campaign: "noel", Body: body("**Billetterie** ouverte pour le concert de Noël | 24 décembre")},
		pAtelier:     {Path: pAtelier, Brand: "verriere", Body: body("Atelier vitrail pour les enfants, samedi")},
		pBistro:      {Path: pBistro, Brand: "bistro", Campaign: "menu-hiver", Body: body("Le menu d'hiver est arrivé @chef")},
		pNovembre:    {Path: pNovembre, Brand: "verriere", Body: body("Retour en images sur novembre")},
		pJanvier:     {Path: pJanvier, Brand: "verriere", Body: body("Bonne année !")},
	}
}

func fixtureConfig() *pipeline.Config {
	return &pipeline.Config{Brands: map[string]pipeline.Brand{
		"verriere": {Name: "verriere", Title: "La Verrière", Channels: []string{"mastodon", "bluesky", "linkedin"}},
		"bistro":   {Name: "bistro", Channels: []string{"bistro-insta"}},
	}}
}

func pub(at string, action pipeline.Action, post, channel, network, id string) pipeline.Record {
	occ := ts(at).Truncate(time.Hour)
	r := pipeline.Record{Time: ts(at), Action: action, Post: post, Channel: channel, Network: network, Key: post + "|" + channel + "|" + occ.UTC().Format(time.RFC3339), Occurrence: occ, RemoteID: id}
	if id != "" {
		r.URL = "https://" + network + ".example/" + id
	}
	return r
}

func failed(at, post, channel, network, msg string) pipeline.Record {
	r := pub(at, pipeline.ActionFailed, post, channel, network, "")
	r.Error = msg
	return r
}

func fixtureRecords() []pipeline.Record {
	retract := pub("2026-12-13T09:00:00+01:00", pipeline.ActionRetracted, pSupprime, "mastodon", "mastodon", "m3")
	retract.Key = pSupprime + "|mastodon|" + ts("2026-12-12T18:00:00+01:00").UTC().Format(time.RFC3339)
	billetterieMastodon := func(r pipeline.Record) pipeline.Record {
		r.Key = pBilletterie + "|mastodon|2026-12-03T09:00:00Z" // one delivery, three attempts
		return r
	}
	return []pipeline.Record{
		pub("2026-11-20T10:00:00+01:00", pipeline.ActionPublished, pNovembre, "mastodon", "mastodon", "m0"),
		pub("2026-11-30T23:30:00Z", pipeline.ActionPublished, pMinuit, "mastodon", "mastodon", "m4"),
		pub("2026-12-01T09:30:00+01:00", pipeline.ActionPublished, pLancement, "mastodon", "mastodon", "m1"),
		pub("2026-12-01T09:30:00+01:00", pipeline.ActionPublished, pLancement, "bluesky", "bluesky", "b1"),
		pub("2026-12-01T09:30:00+01:00", pipeline.ActionPublished, pLancement, "linkedin", "linkedin", "l1"),
		billetterieMastodon(failed("2026-12-03T10:00:00+01:00", pBilletterie, "mastodon", "mastodon", "HTTP 503: Service Unavailable")),
		billetterieMastodon(failed("2026-12-03T10:30:00+01:00", pBilletterie, "mastodon", "mastodon", "HTTP 503: Service Unavailable")),
		billetterieMastodon(pub("2026-12-03T11:00:00+01:00", pipeline.ActionPublished, pBilletterie, "mastodon", "mastodon", "m2")),
		pub("2026-12-03T11:05:00+01:00", pipeline.ActionRecovered, pBilletterie, "bluesky", "bluesky", "b2"),
		pub("2026-12-05T12:00:00+01:00", pipeline.ActionPublished, pBistro, "bistro-insta", "instagram", "i1"),
		failed("2026-12-10T14:00:00+01:00", pAtelier, "linkedin", "linkedin", "linkedin: 401 token expired | renew LINKEDIN_TOKEN"),
		pub("2026-12-12T18:00:00+01:00", pipeline.ActionPublished, pSupprime, "mastodon", "mastodon", "m3"),
		retract,
		pub("2026-12-31T23:30:00Z", pipeline.ActionPublished, pJanvier, "mastodon", "mastodon", "m5"),
	}
}

func reading(at, post, channel, id string, e pipeline.Engagement) pipeline.Reading {
	return pipeline.Reading{Time: ts(at).UTC(), Post: post, Channel: channel, Network: channel, ID: id, Engagement: e}
}

func fixtureReadings() []pipeline.Reading {
	type E = pipeline.Engagement
	const (
		likes, reposts, replies, quotes = pipeline.Likes, pipeline.Reposts, pipeline.Replies, pipeline.Quotes
		impressions, clicks             = pipeline.Impressions, pipeline.Clicks
	)
	return []pipeline.Reading{
		reading("2026-11-25T08:00:00+01:00", pNovembre, "mastodon", "m0", E{likes: 10}),
		// Exactly midnight on 1 December in Brussels: December's first day.
		reading("2026-12-01T00:00:00+01:00", pNovembre, "mastodon", "m0", E{likes: 12}),
		reading("2026-12-01T12:00:00+01:00", pLancement, "mastodon", "m1", E{likes: 10, reposts: 2, replies: 1}),
		reading("2026-12-02T12:00:00+01:00", pLancement, "mastodon", "m1", E{likes: 20, reposts: 4, replies: 1}),
		reading("2026-12-02T12:00:00+01:00", pLancement, "bluesky", "b1", E{likes: 5, quotes: 1}),
		reading("2026-12-02T12:00:00+01:00", pNovembre, "mastodon", "m0", E{likes: 14}),
		reading("2026-12-04T08:00:00+01:00", pBilletterie, "mastodon", "m2", E{likes: 3}),
		reading("2026-12-04T08:00:00+01:00", pBilletterie, "bluesky", "b2", E{likes: 1}),
		reading("2026-12-05T09:00:00+01:00", pLancement, "linkedin", "l1", E{likes: 30, reposts: 5, replies: 3, impressions: 2000, clicks: 12}),
		reading("2026-12-06T09:00:00+01:00", pBistro, "bistro-insta", "i1", E{likes: 100, impressions: 5000}),
		reading("2026-12-12T20:00:00+01:00", pSupprime, "mastodon", "m3", E{likes: 7, replies: 2}),
		// Exactly midnight on 1 January in Brussels: not December's.
		reading("2027-01-01T00:00:00+01:00", pLancement, "mastodon", "m1", E{likes: 99, reposts: 4, replies: 1}),
		reading("2027-01-02T09:00:00+01:00", pJanvier, "mastodon", "m5", E{likes: 50}),
	}
}

func fixtureCaught() []pipeline.Caught {
	return []pipeline.Caught{
		{Post: pLancement, Rule: "typo.fr.nbsp", Severity: pipeline.Warning, Message: "espace insécable manquante avant « : »", Commit: "a1b2c3d", Author: "alice", Time: ts("2026-11-30T17:00:00+01:00").Add(24 * time.Hour)},
		{Post: pBilletterie, Rule: "typo.fr.nbsp", Severity: pipeline.Warning, Message: "espace insécable manquante avant « ! »", Commit: "b2c3d4e", Author: "alice", Time: ts("2026-12-02T16:00:00+01:00")},
		{Post: pLancement, Rule: "charte.hashtags.max", Severity: pipeline.Error, Message: "6 hashtags, la charte en permet 3", Commit: "a1b2c3d", Author: "bob", Time: ts("2026-12-01T17:00:00+01:00")},
		{Post: pBistro, Rule: "tone.shouting", Severity: pipeline.Warning, Message: "MAJUSCULES : « MENU D'HIVER »", Commit: "c3d4e5f", Author: "bob"},
		// Merged in November: not December's.
		{Post: pNovembre, Rule: "spelling", Severity: pipeline.Error, Message: "« novmebre » inconnu", Commit: "d4e5f6a", Author: "alice", Time: ts("2026-11-19T10:00:00+01:00")},
	}
}

func fixtureInput(t testing.TB) Input {
	loc := brussels(t)
	return Input{
		Month:      time.Date(2026, 12, 1, 0, 0, 0, 0, loc),
		Location:   loc,
		Lang:       "fr",
		Repository: "laverriere/contenus",
		Records:    fixtureRecords(),
		Readings:   fixtureReadings(),
		Posts:      fixturePosts(),
		Caught:     fixtureCaught(),
		Config:     fixtureConfig(),
	}
}
