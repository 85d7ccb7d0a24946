package output

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// mixed is a realistic run: findings out of order, on two posts and the
// charter, with hints, fixes (one an insertion of an invisible space, one a
// deletion), a file-level finding without position, a path with an accent
// and a space, and the same finding twice in one file.
var mixed = []pipeline.Finding{
	{
		Path: "posts/2026/12/lancement-saison.md", Line: 9, Col: 1, EndLine: 9, EndCol: 8,
		Rule: "charte.forbidden", Severity: pipeline.Error,
		Message: "« gratuit » est interdit par la charte",
		Hint:    "écrivez « offert »",
		Fix:     &pipeline.Fix{Start: 210, End: 217, Text: "offert"},
	},
	{
		Path: "posts/2026/12/lancement-saison.md", Line: 8, Col: 45,
		Rule: "typo.fr.nbsp", Severity: pipeline.Warning,
		Message: "il manque une espace fine insécable avant « ! »",
		Fix:     &pipeline.Fix{Start: 180, End: 180, Text: "\u202f"},
	},
	{
		Path: "posts/2026/12/lancement-saison.md", Line: 8, Col: 45,
		Rule: "spelling", Severity: pipeline.Suggestion,
		Message: "« commence » : vérifiez l'orthographe",
	},
	{
		Path: "posts/2026/11/apero.md", Line: 0, Col: 0,
		Rule: "schema.publish_at", Severity: pipeline.Error,
		Message: "publish_at « 01/12/2026 » est ambigu",
		Hint:    "écrivez 2026-12-01 09:30",
	},
	{
		Path: "charte.yml", Line: 12, Col: 8,
		Rule: "charte.hashtags.max", Severity: pipeline.Warning,
		Message: "max: 0 interdit tout hashtag",
	},
	{
		Path: "posts/2026/07/été à Bruxelles.md", Line: 6, Col: 3, EndLine: 6, EndCol: 12,
		Rule: "tone.shouting", Severity: pipeline.Suggestion,
		Message: "un mot en capitales crie",
		Hint:    "ajoutez <!-- crieur-disable-next-line tone.shouting --> au-dessus si c'est voulu",
	},
	{
		Path: "posts/2026/07/été à Bruxelles.md", Line: 9, Col: 1,
		Rule: "tone.shouting", Severity: pipeline.Suggestion,
		Message: "un mot en capitales crie",
		Fix:     &pipeline.Fix{Start: 300, End: 304, Text: ""},
	},
}

var infos = []RuleInfo{
	{ID: "charte.forbidden", Description: "A term the charter forbids", HelpURI: "https://github.com/crieur/crieur/blob/main/docs/rules.md#charteforbidden", Default: pipeline.Error},
	{ID: "typo.fr.nbsp", Description: "French spacing before ; : ! ? and inside « »", Default: pipeline.Warning},
	{ID: "spelling", Description: "A word the spell checker does not know", Default: pipeline.Suggestion},
	{ID: "tone.profanity", Description: "Profanity and insults", Default: pipeline.Error},
	{ID: "spelling", Description: "listed twice: the first wins"},
}

var cases = []struct {
	name     string
	findings []pipeline.Finding
	files    int
}{
	{"mixed", mixed, 5},
	{"empty", nil, 24},
	{"one", mixed[:1], 1},
}

func TestGolden(t *testing.T) {
	formats := []struct {
		ext   string
		write func(*bytes.Buffer, []pipeline.Finding, int) error
	}{
		{"txt", func(b *bytes.Buffer, fs []pipeline.Finding, n int) error { return Text(b, fs, n) }},
		{"json", func(b *bytes.Buffer, fs []pipeline.Finding, n int) error { return JSON(b, fs, n) }},
		{"sarif", func(b *bytes.Buffer, fs []pipeline.Finding, _ int) error { return SARIF(b, fs, infos, "1.2.3") }},
	}
	for _, c := range cases {
		for _, f := range formats {
			name := c.name + "." + f.ext
			t.Run(name, func(t *testing.T) {
				var b bytes.Buffer
				if err := f.write(&b, c.findings, c.files); err != nil {
					t.Fatal(err)
				}
				golden(t, name, b.Bytes())
			})
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./linters/output -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./linters/output -update if the change is meant)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestSummary(t *testing.T) {
	f := func(s pipeline.Severity) pipeline.Finding {
		return pipeline.Finding{Path: "p.md", Line: 1, Col: 1, Rule: "r", Severity: s, Message: "m"}
	}
	e, w, s := f(pipeline.Error), f(pipeline.Warning), f(pipeline.Suggestion)
	tests := []struct {
		fs    []pipeline.Finding
		files int
		want  string
	}{
		{nil, 24, "no findings in 24 files"},
		{nil, 1, "no findings in 1 file"},
		{nil, 0, "no findings in 0 files"},
		{[]pipeline.Finding{e}, 1, "1 error, 0 warnings, 0 suggestions in 1 file"},
		{[]pipeline.Finding{e, e, w}, 5, "2 errors, 1 warning, 0 suggestions in 5 files"},
		{[]pipeline.Finding{e, e, e, w, s}, 5, "3 errors, 1 warning, 1 suggestion in 5 files"},
		{[]pipeline.Finding{w, w, s, s}, 2, "0 errors, 2 warnings, 2 suggestions in 2 files"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := Text(&b, tt.fs, tt.files); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if got := lines[len(lines)-1]; got != tt.want {
			t.Errorf("summary = %q, want %q", got, tt.want)
		}
	}
}

func TestTextLine(t *testing.T) {
	var b bytes.Buffer
	err := Text(&b, []pipeline.Finding{{
		Path: "posts/a.md", Line: 3, Col: 7, Rule: "typo.fr.nbsp", Severity: pipeline.Warning,
		Message: "espace manquante", Hint: "une espace fine", Fix: &pipeline.Fix{Start: 1, End: 1, Text: "\u202f!"},
	}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := "posts/a.md:3:7: warning typo.fr.nbsp: espace manquante\n" +
		"  hint: une espace fine\n" +
		"  fix: replace with «<U+202F>!»\n" +
		"0 errors, 1 warning, 0 suggestions in 1 file\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestSortedLeavesInputAlone(t *testing.T) {
	in := slices.Clone(mixed)
	for _, write := range []func() error{
		func() error { return Text(&bytes.Buffer{}, in, 1) },
		func() error { return JSON(&bytes.Buffer{}, in, 1) },
		func() error { return SARIF(&bytes.Buffer{}, in, nil, "") },
	} {
		if err := write(); err != nil {
			t.Fatal(err)
		}
	}
	for i := range in {
		if in[i].Path != mixed[i].Path || in[i].Line != mixed[i].Line || in[i].Rule != mixed[i].Rule {
			t.Fatalf("the caller's slice was reordered at %d", i)
		}
	}
}

func TestJSONShape(t *testing.T) {
	for _, fs := range [][]pipeline.Finding{nil, {}, mixed} {
		var b bytes.Buffer
		if err := JSON(&b, fs, 3); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Version      int             `json:"version"`
			FilesChecked int             `json:"files_checked"`
			Summary      map[string]int  `json:"summary"`
			Findings     json.RawMessage `json:"findings"`
		}
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Version != 1 || doc.FilesChecked != 3 {
			t.Errorf("version %d, files_checked %d", doc.Version, doc.FilesChecked)
		}
		for _, k := range []string{"error", "warning", "suggestion"} {
			if _, ok := doc.Summary[k]; !ok {
				t.Errorf("summary has no %q", k)
			}
		}
		var list []map[string]any
		if err := json.Unmarshal(doc.Findings, &list); err != nil || list == nil {
			t.Errorf("findings = %s, want an array (err %v)", doc.Findings, err)
		}
		if len(list) != len(fs) {
			t.Errorf("%d findings, want %d", len(list), len(fs))
		}
		for _, f := range list {
			if _, ok := f["severity"].(string); !ok {
				t.Errorf("severity is %v, want a name", f["severity"])
			}
		}
	}
}

// TestSARIFForGitHub decodes the SARIF log into go-sarif's types and checks
// what GitHub code scanning requires of an upload, and what crieur
// promises on top (fingerprints, fixes, no zero positions).
func TestSARIFForGitHub(t *testing.T) {
	withUnknown := append(slices.Clone(mixed), pipeline.Finding{Path: "./posts/x.md", Line: 2, Col: 0, Severity: pipeline.Warning, Message: "sans règle"})
	var b bytes.Buffer
	if err := SARIF(&b, withUnknown, infos, "1.2.3"); err != nil {
		t.Fatal(err)
	}
	report, err := sarif.FromBytes(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if report.Version != "2.1.0" {
		t.Errorf("version = %q", report.Version)
	}
	if !strings.HasSuffix(report.Schema, "sarif-schema-2.1.0.json") {
		t.Errorf("$schema = %q", report.Schema)
	}
	if len(report.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(report.Runs))
	}
	run := report.Runs[0]
	d := run.Tool.Driver
	if d == nil || d.Name != "crieur" {
		t.Fatalf("tool.driver = %+v", d)
	}
	if d.InformationURI == nil || *d.InformationURI != "https://github.com/crieur/crieur" {
		t.Errorf("informationUri = %v", d.InformationURI)
	}
	if d.Version == nil || *d.Version != "1.2.3" {
		t.Errorf("version = %v", d.Version)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %v", run.ColumnKind)
	}

	ids := make(map[string]bool)
	for _, r := range d.Rules {
		if ids[r.ID] {
			t.Errorf("rule %q listed twice", r.ID)
		}
		ids[r.ID] = true
		if r.ShortDescription == nil || r.ShortDescription.Text == nil || *r.ShortDescription.Text == "" {
			t.Errorf("rule %q has no shortDescription", r.ID)
		}
		if r.FullDescription == nil || r.FullDescription.Text == nil || *r.FullDescription.Text == "" {
			t.Errorf("rule %q has no fullDescription", r.ID)
		}
		if r.Help == nil || r.Help.Text == nil || *r.Help.Text == "" || r.Help.Markdown == nil || *r.Help.Markdown == "" {
			t.Errorf("rule %q has no help in text and Markdown", r.ID)
		}
		if r.HelpURI == nil || !strings.HasPrefix(*r.HelpURI, "https://") {
			t.Errorf("rule %q has no helpUri", r.ID)
		}
	}
	for _, id := range []string{"tone.profanity", "schema.publish_at", "crieur.unknown"} {
		if !ids[id] {
			t.Errorf("rule %q missing from the driver", id)
		}
	}
	if lvl := d.Rules[0].DefaultConfiguration; lvl == nil || lvl.Level != "error" {
		t.Errorf("charte.forbidden defaultConfiguration = %+v", lvl)
	}

	if len(run.Results) != len(withUnknown) {
		t.Fatalf("%d results, want %d", len(run.Results), len(withUnknown))
	}
	prints := make(map[string]bool)
	for i, r := range run.Results {
		if r.RuleID == nil || *r.RuleID == "" {
			t.Fatalf("result %d has no ruleId", i)
		}
		if r.RuleIndex == nil || int(*r.RuleIndex) >= len(d.Rules) || d.Rules[*r.RuleIndex].ID != *r.RuleID {
			t.Errorf("result %d: ruleIndex does not point at %s", i, *r.RuleID)
		}
		if r.Level == nil || !slices.Contains([]string{"error", "warning", "note"}, *r.Level) {
			t.Errorf("result %d: level %v", i, r.Level)
		}
		if r.Message.Text == nil || *r.Message.Text == "" {
			t.Errorf("result %d: no message.text", i)
		}
		if len(r.Locations) == 0 || r.Locations[0].PhysicalLocation == nil {
			t.Fatalf("result %d: no physical location", i)
		}
		pl := r.Locations[0].PhysicalLocation
		al := pl.ArtifactLocation
		if al == nil || al.URI == nil || *al.URI == "" {
			t.Fatalf("result %d: no artifact uri", i)
		}
		if u := *al.URI; strings.HasPrefix(u, "/") || strings.HasPrefix(u, "./") || strings.Contains(u, `\`) || strings.Contains(u, " ") {
			t.Errorf("result %d: uri %q is not a clean relative URI", i, u)
		}
		if al.URIBaseId == nil || *al.URIBaseId != "%SRCROOT%" {
			t.Errorf("result %d: uriBaseId %v", i, al.URIBaseId)
		}
		reg := pl.Region
		if reg == nil || reg.StartLine == nil || *reg.StartLine < 1 || reg.StartColumn == nil || *reg.StartColumn < 1 {
			t.Errorf("result %d: region %+v starts before 1:1", i, reg)
		}
		for _, p := range []*int{reg.EndLine, reg.EndColumn} {
			if p != nil && *p < 1 {
				t.Errorf("result %d: region has a 0 end", i)
			}
		}
		fp, ok := r.PartialFingerprints["primaryLocationLineHash"].(string)
		if !ok || fp == "" {
			t.Errorf("result %d: no primaryLocationLineHash", i)
		}
		if prints[fp] {
			t.Errorf("result %d: fingerprint %s used twice", i, fp)
		}
		prints[fp] = true
	}

	// The accented path is percent-encoded; the fix is a byte replacement.
	var sawAccent, sawFix bool
	for _, r := range run.Results {
		if *r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "posts/2026/07/%C3%A9t%C3%A9%20%C3%A0%20Bruxelles.md" {
			sawAccent = true
		}
		if *r.RuleID == "charte.forbidden" {
			if len(r.Fixes) != 1 || len(r.Fixes[0].ArtifactChanges) != 1 {
				t.Fatalf("charte.forbidden: fixes %+v", r.Fixes)
			}
			rep := r.Fixes[0].ArtifactChanges[0].Replacements[0]
			if *rep.DeletedRegion.ByteOffset != 210 || *rep.DeletedRegion.ByteLength != 7 || *rep.InsertedContent.Text != "offert" {
				t.Errorf("charte.forbidden: replacement %+v", rep)
			}
			if !strings.Contains(*r.Message.Text, "écrivez « offert »") {
				t.Errorf("charte.forbidden: the hint is not in the message: %q", *r.Message.Text)
			}
			sawFix = true
		}
	}
	if !sawAccent || !sawFix {
		t.Errorf("accented uri seen: %v, fix seen: %v", sawAccent, sawFix)
	}
}

// TestSARIFFingerprintStable checks that moving a finding to another line
// keeps its fingerprint, so that GitHub does not open a second alert.
func TestSARIFFingerprintStable(t *testing.T) {
	print := func(line int) string {
		var b bytes.Buffer
		f := mixed[0]
		f.Line, f.EndLine = line, line
		if err := SARIF(&b, []pipeline.Finding{f}, nil, ""); err != nil {
			t.Fatal(err)
		}
		report, err := sarif.FromBytes(b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		return report.Runs[0].Results[0].PartialFingerprints["primaryLocationLineHash"].(string)
	}
	if a, b := print(9), print(14); a != b {
		t.Errorf("fingerprint moved with the line: %s, %s", a, b)
	}
}

func TestSARIFRegion(t *testing.T) {
	tests := []struct {
		f              pipeline.Finding
		sl, sc, el, ec int // 0: absent
	}{
		// Without an end: the character at the start.
		{pipeline.Finding{Line: 0, Col: 0}, 1, 1, 1, 2},
		{pipeline.Finding{Line: 3, Col: 0}, 3, 1, 3, 2},
		{pipeline.Finding{Line: 3, Col: 4, EndCol: 9}, 3, 4, 3, 9},
		{pipeline.Finding{Line: 3, Col: 4, EndLine: 3, EndCol: 9}, 3, 4, 3, 9},
		{pipeline.Finding{Line: 3, Col: 4, EndLine: 5}, 3, 4, 5, 0},
		{pipeline.Finding{Line: 3, Col: 4, EndLine: 5, EndCol: 2}, 3, 4, 5, 2},
		// An end before the start is no end.
		{pipeline.Finding{Line: 3, Col: 4, EndLine: 2, EndCol: 2}, 3, 4, 3, 5},
		{pipeline.Finding{Line: 3, Col: 4, EndLine: 3, EndCol: 2}, 3, 4, 3, 5},
	}
	val := func(p *int) int {
		if p == nil {
			return 0
		}
		return *p
	}
	for _, tt := range tests {
		r := region(tt.f)
		got := [4]int{val(r.StartLine), val(r.StartColumn), val(r.EndLine), val(r.EndColumn)}
		if want := [4]int{tt.sl, tt.sc, tt.el, tt.ec}; got != want {
			t.Errorf("region(%d:%d-%d:%d) = %v, want %v", tt.f.Line, tt.f.Col, tt.f.EndLine, tt.f.EndCol, got, want)
		}
	}
}

func TestProgressBar(t *testing.T) {
	var b strings.Builder
	p := ProgressBar(&b, "lint")
	p(1, 10)
	if b.Len() != 0 {
		t.Errorf("a short run draws a bar: %q", b.String())
	}
	p(1, 1000)
	p(2, 1000) // within 100 ms: not redrawn
	p(1000, 1000)
	if got := b.String(); got != "\rlint ▕░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░▏ 1/1000 posts\r\033[K" {
		t.Errorf("drawn %q", got)
	}
}

func TestCatalog(t *testing.T) {
	for _, p := range words.Problems() {
		t.Error(p)
	}
}

func TestSummaryLanguages(t *testing.T) {
	f := func(s pipeline.Severity) pipeline.Finding {
		return pipeline.Finding{Path: "p.md", Line: 1, Col: 1, Rule: "r", Severity: s, Message: "m", Hint: "h"}
	}
	e, w, s := f(pipeline.Error), f(pipeline.Warning), f(pipeline.Suggestion)
	many := []pipeline.Finding{e, e, e, s}
	for i := 0; i < 14; i++ {
		many = append(many, w)
	}
	tests := []struct {
		l     i18n.Lang
		fs    []pipeline.Finding
		files int
		want  string
	}{
		{i18n.French, many, 30, "3 erreurs, 14 avertissements, 1 suggestion dans 30 fichiers"},
		{i18n.French, []pipeline.Finding{w}, 1, "0 erreur, 1 avertissement, 0 suggestion dans 1 fichier"},
		{i18n.French, nil, 24, "rien à signaler dans 24 fichiers"},
		{i18n.Dutch, many, 30, "3 fouten, 14 waarschuwingen, 1 suggestie in 30 bestanden"},
		{i18n.Dutch, []pipeline.Finding{e}, 1, "1 fout, 0 waarschuwingen, 0 suggesties in 1 bestand"},
		{i18n.Dutch, nil, 2, "geen bevindingen in 2 bestanden"},
		{i18n.English, many, 30, "3 errors, 14 warnings, 1 suggestion in 30 files"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := TextIn(&b, tt.fs, tt.files, tt.l); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if got := lines[len(lines)-1]; got != tt.want {
			t.Errorf("%s: summary = %q, want %q", tt.l, got, tt.want)
		}
	}
}

func TestTextLineFrench(t *testing.T) {
	var b bytes.Buffer
	err := TextIn(&b, []pipeline.Finding{{
		Path: "posts/a.md", Line: 3, Col: 7, Rule: "typo.fr.nbsp", Severity: pipeline.Warning,
		Message: "espace manquante", Hint: "une espace fine", Fix: &pipeline.Fix{Start: 1, End: 1, Text: "\u202f!"},
	}}, 1, i18n.French)
	if err != nil {
		t.Fatal(err)
	}
	want := "posts/a.md:3:7: warning typo.fr.nbsp: espace manquante\n" +
		"  conseil\u00a0: une espace fine\n" +
		"  correction\u00a0: remplacer par «<U+202F>!»\n" +
		"0 erreur, 1 avertissement, 0 suggestion dans 1 fichier\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
