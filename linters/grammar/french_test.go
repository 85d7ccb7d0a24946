package grammar

import (
	"testing"
)

func TestMistakes(t *testing.T) {
	if len(french()) == 0 {
		t.Skip("no French Hunspell dictionary (apt-get install hunspell-fr)")
	}
	tests := []struct {
		text, id, found, fix string
	}{
		{"Restez connecter pour ne rien rater !", idParticiple, "connecter", "connectés"},
		{"Restez connectez !", idParticiple, "connectez", "connectés"},
		{"Elle est arriver hier.", idParticiple, "arriver", "arrivée"},
		{"Nous avons décider de fermer.", idParticiple, "décider", "décidé"},
		{"On a acheter nos billets.", idParticiple, "acheter", "acheté"},
		{"Vous pouvez réservez dès maintenant.", idInfinitive, "réservez", "réserver"},
		{"Pour réservé, cliquez ici.", idInfinitive, "réservé", "réserver"},
		{"N’hésitez pas à nous contactez.", idInfinitive, "contactez", "contacter"},
		{"Il faut réservé avant vendredi.", idInfinitive, "réservé", "réserver"},
		{"C’est en plein saison que tout se joue.", idPlein, "plein", "pleine"},
		{"De nombreux personnes sont venues.", idAdjective, "nombreux", "nombreuses"},
		{"En cas d’éventuels questions, écrivez-nous.", idAdjective, "éventuels", "éventuelles"},
		{"Découvrez notre nouveau collection.", idAdjective, "nouveau", "nouvelle"},
		{"De nombreuses événements vous attendent.", idAdjective, "nombreuses", "nombreux"},
		{"On se voit tous les semaines.", idAdjective, "tous", "toutes"},
		{"Merci d’êtres venus si nombreux.", idEtre, "êtres", "être"},
		{"Ils ont décidés de venir.", idAvoir, "décidés", "décidé"},
		{"Nous avons bien reçues vos messages.", idAvoir, "reçues", ""},
		{"Vous avez adorées la soirée.", idAvoir, "adorées", "adoré"},
		{"Il nous à dit que c’était super.", idA, "à", "a"},
		{"On à réservé la salle.", idA, "à", "a"},
	}
	for _, tt := range tests {
		var got []Mistake
		for _, m := range Mistakes(tt.text) {
			if m.ID == tt.id {
				got = append(got, m)
			}
		}
		if tt.fix == "" {
			if len(got) != 0 {
				t.Errorf("%q: %s found %q", tt.text, tt.id, tt.text[got[0].Start:got[0].End])
			}
			continue
		}
		if len(got) != 1 || tt.text[got[0].Start:got[0].End] != tt.found || got[0].Fix != tt.fix {
			t.Errorf("%q: %s = %+v, want %q → %q", tt.text, tt.id, got, tt.found, tt.fix)
		}
	}
}

// Correct French the rules must leave alone.
func TestMistakesCorrect(t *testing.T) {
	if len(french()) == 0 {
		t.Skip("no French Hunspell dictionary (apt-get install hunspell-fr)")
	}
	for _, text := range []string{
		"Restez connectés !",
		"Il y a dîner ce soir.",
		"C’est tout à fait ça.",
		"Les photos que vous avez prises sont superbes.",
		"Ils nous ont invités à la fête.",
		"Pour les invités, l’entrée est gratuite.",
		"Rien de prévu ce week-end ?",
		"Venez déguisés !",
		"Les pertes d’êtres chers sont difficiles.",
		"Des millions d’êtres humains.",
		"On se retrouve en plein air, en plein été.",
		"De nombreuses personnes sont venues.",
		"Nous sommes à côté de la gare.",
		"Il est à pied.",
		"Tous les jours, à volonté.",
		"Rendez-vous sur la Grand Place.",
		"Vous pouvez vous inscrire.",
		"Merci de réserver.",
	} {
		if got := Mistakes(text); len(got) > 0 {
			t.Errorf("%q: %s on %q", text, got[0].ID, text[got[0].Start:got[0].End])
		}
	}
}
