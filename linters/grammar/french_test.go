package grammar

import (
	"testing"
)

func TestMistakes(t *testing.T) {
	if len(french()) == 0 {
		t.Skip("no French Hunspell dictionary (apt-get install hunspell-fr)")
	}
	tests := []struct {
		text, id, want string // want: the text once the fix is applied; "": no finding
	}{
		{"Restez connecter pour ne rien rater !", idParticiple, "Restez connectés pour ne rien rater !"},
		{"Restez connectez !", idParticiple, "Restez connectés !"},
		{"Elle est arriver hier.", idParticiple, "Elle est arrivée hier."},
		{"Nous avons décider de fermer.", idParticiple, "Nous avons décidé de fermer."},
		{"L’équipe a travailler tout l’hiver.", idParticiple, "L’équipe a travaillé tout l’hiver."},
		{"On a acheter nos billets.", idParticiple, "On a acheté nos billets."},
		{"Vous pouvez réservez dès maintenant.", idInfinitive, "Vous pouvez réserver dès maintenant."},
		{"Pour réservé, cliquez ici.", idInfinitive, "Pour réserver, cliquez ici."},
		{"N’hésitez pas à nous contactez.", idInfinitive, "N’hésitez pas à nous contacter."},
		{"Il faut réservé avant vendredi.", idInfinitive, "Il faut réserver avant vendredi."},
		{"C’est en plein saison que tout se joue.", idPlein, "C’est en pleine saison que tout se joue."},
		{"De nombreux personnes sont venues.", idAdjective, "De nombreuses personnes sont venues."},
		{"En cas d’éventuels questions, écrivez-nous.", idAdjective, "En cas d’éventuelles questions, écrivez-nous."},
		{"Découvrez notre nouveau collection.", idAdjective, "Découvrez notre nouvelle collection."},
		{"De nombreuses événements vous attendent.", idAdjective, "De nombreux événements vous attendent."},
		{"On se voit tous les semaines.", idAdjective, "On se voit toutes les semaines."},
		{"Merci d’êtres venus si nombreux.", idEtre, "Merci d’être venus si nombreux."},
		{"Ils ont décidés de venir.", idAvoir, "Ils ont décidé de venir."},
		{"Nous avons bien reçues vos messages.", idAvoir, ""},
		{"Vous avez adorées la soirée.", idAvoir, "Vous avez adoré la soirée."},
		{"Il nous à dit que c’était super.", idA, "Il nous a dit que c’était super."},
		{"On à réservé la salle.", idA, "On a réservé la salle."},
		{"Les musiciens ce sont rencontrés au conservatoire.", idSe, "Les musiciens se sont rencontrés au conservatoire."},
		{"L’atelier ce déroule dans la cour.", idSe, "L’atelier se déroule dans la cour."},
		{"On a jamais eu autant de monde.", idNe, "On n’a jamais eu autant de monde."},
		{"On peut pas tout prévoir.", idNe, "On ne peut pas tout prévoir."},
		{"Le spectacle et complet, désolés.", idEst, "Le spectacle est complet, désolés."},
	}
	for _, tt := range tests {
		var got []Mistake
		for _, m := range Mistakes(tt.text) {
			if m.ID == tt.id {
				got = append(got, m)
			}
		}
		if tt.want == "" {
			if len(got) != 0 {
				t.Errorf("%q: %s found %q", tt.text, tt.id, tt.text[got[0].Start:got[0].End])
			}
			continue
		}
		if len(got) != 1 {
			t.Errorf("%q: %s = %+v, want one finding", tt.text, tt.id, got)
			continue
		}
		if fixed := tt.text[:got[0].Start] + got[0].Fix + tt.text[got[0].End:]; fixed != tt.want {
			t.Errorf("%q: %s fixed it as %q, want %q", tt.text, tt.id, fixed, tt.want)
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
		"Ce sont des artistes. Ce sera expliqué demain. Ce produit est bio.",
		"On a plus de places.",
		"Le pain et complet et bio.",
		"Le café et le thé.",
	} {
		if got := Mistakes(text); len(got) > 0 {
			t.Errorf("%q: %s on %q", text, got[0].ID, text[got[0].Start:got[0].End])
		}
	}
}
