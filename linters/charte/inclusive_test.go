package charte_test

import (
	"testing"

	"github.com/crieur/crieur/pipeline"
)

func TestInclusiveForbid(t *testing.T) {
	runCases(t, []tcase{
		{
			name:    "the point médian and dotted forms",
			charter: "inclusive: forbid\n",
			body:    "Cher·es spectateur·ices, merci aux ami.e.s et aux ACTEUR.RICE.S, à tou•te•s.\n",
			want: []want{
				{rule: "charte.inclusive", sev: pipeline.Error, at: "Cher·es", span: true, say: "« Cher·es »: the charter does not use inclusive writing", hint: "« spectatrices et spectateurs »"},
				{rule: "charte.inclusive", sev: pipeline.Error, at: "spectateur·ices", span: true},
				{rule: "charte.inclusive", sev: pipeline.Error, at: "ami.e.s", span: true},
				{rule: "charte.inclusive", sev: pipeline.Error, at: "ACTEUR.RICE.S", span: true},
				{rule: "charte.inclusive", sev: pipeline.Error, at: "tou•te•s", span: true},
			},
		},
		{
			name:    "not inclusive writing: domains, abbreviations, versions, a missing space, a bullet between words, URLs and addresses",
			charter: "inclusive: forbid\n",
			body: "Sur verriere.example.org, www.ville.es/agenda et site.be. P.ex. M.e, la v2.es, fin.Les amis, Jazz•Soul.\n" +
				"https://ami.e.s/ et contact@ami.e.s\n",
		},
		{
			name:    "forbid leaves hyphen and bracket forms alone",
			charter: "inclusive: forbid\n",
			body:    "Les ami-e-s et étudiant(e)s.\n",
		},
	})
}

func TestInclusiveRequire(t *testing.T) {
	runCases(t, []tcase{
		{
			name:    "other separators get the point médian as a fix",
			charter: "inclusive: require\n",
			body:    "Aux ami.e.s, tou-te-s les étudiant(e)s, cher•es ami-e et AMI.E.S !\n",
			want: []want{
				{rule: "charte.inclusive", sev: pipeline.Warning, at: "ami.e.s", span: true, say: "the charter writes inclusive forms with the point médian", hint: "write « ami·e·s »", fix: "ami·e·s"},
				{rule: "charte.inclusive", sev: pipeline.Warning, at: "tou-te-s", span: true, fix: "tou·te·s"},
				{rule: "charte.inclusive", sev: pipeline.Warning, at: "étudiant(e)s", span: true, fix: "étudiant·e·s"},
				{rule: "charte.inclusive", sev: pipeline.Warning, at: "cher•es", span: true, fix: "cher·es"},
				{rule: "charte.inclusive", sev: pipeline.Warning, at: "ami-e", span: true, fix: "ami·e"},
				{rule: "charte.inclusive", sev: pipeline.Warning, at: "AMI.E.S", span: true, fix: "AMI·E·S"},
			},
			fixed: "Aux ami·e·s, tou·te·s les étudiant·e·s, cher·es ami·e et AMI·E·S !\n",
		},
		{
			name:    "the point médian itself, and hyphens and brackets that are French",
			charter: "inclusive: require\n",
			body:    "Les ami·e·s. Dis-le, prends-les, peut-être, arc-en-ciel, Jean-Marie, dit-elle, ami(s), les (e)s, e-mail.\n",
		},
		{
			name:    "allow checks nothing",
			charter: "inclusive: allow\n",
			body:    "Les ami·e·s et ami.e.s.\n",
		},
	})
}
