package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/crieur/crieur/pipeline"
)

const (
	toolName = "crieur"
	toolURI  = "https://github.com/crieur/crieur"
	// sarifSchema is the OASIS location of the SARIF 2.1.0 schema (errata 01).
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot is the base every artifact URI is relative to: the root of
	// the repository, which GitHub code scanning resolves on its own.
	srcRoot = "%SRCROOT%"
	// unknownRule names a finding that came without a rule id: GitHub
	// rejects results without one.
	unknownRule = "crieur.unknown"
	// rulesURI is where the rules are documented: the table of README.md.
	rulesURI = toolURI + "#rules"
)

// SARIF writes the findings as a SARIF 2.1.0 log that GitHub code scanning
// accepts (github/codeql-action/upload-sarif). The driver lists every rule
// in rules, in the order given, then any rule that a finding names and
// rules lacks. version is crieur's version; empty leaves it out.
//
// Each result points at the finding's path relative to the repository root
// (uriBaseId %SRCROOT%), with lines and columns counted from 1 in Unicode
// code points, carries the finding's fix as a byte-range replacement and a
// partialFingerprints.primaryLocationLineHash built from path, rule and
// message (not the line), so that an edit above a finding does not open a
// new alert on the next run.
func SARIF(w io.Writer, fs []pipeline.Finding, rules []RuleInfo, version string) error {
	driver := sarif.NewDriver(toolName).WithInformationURI(toolURI)
	if version != "" {
		driver.WithVersion(version)
	}
	run := sarif.NewRun(*sarif.NewTool(driver))
	run.WithColumnKind("unicodeCodePoints")

	index := make(map[string]int)
	addRule := func(ri RuleInfo) {
		if _, ok := index[ri.ID]; ok {
			return
		}
		index[ri.ID] = len(driver.Rules)
		driver.AddRule(sarifRule(ri))
	}
	for _, ri := range rules {
		if ri.ID != "" {
			addRule(ri)
		}
	}

	fs = sorted(fs)
	seen := make(map[string]int) // fingerprint -> occurrences so far
	for _, f := range fs {
		id := ruleID(f)
		addRule(RuleInfo{ID: id})
		run.Results = append(run.Results, sarifResult(f, id, index[id], seen))
	}

	report, err := sarif.New(sarif.Version210)
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	report.Schema = sarifSchema
	report.AddRun(run)

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(report); err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	return nil
}

func ruleID(f pipeline.Finding) string {
	if f.Rule == "" {
		return unknownRule
	}
	return f.Rule
}

// sarifRule describes a rule as code scanning shows it: its first
// sentence as shortDescription, the whole description and its default
// severity as fullDescription, how to silence or lower it as help (text
// and Markdown), and helpUri to the table of rules.
func sarifRule(ri RuleInfo) *sarif.ReportingDescriptor {
	desc := ri.Description
	if desc == "" {
		desc = "Findings of the rule " + ri.ID + "."
	}
	full := desc
	if !strings.HasSuffix(full, ".") && !strings.HasSuffix(full, "!") && !strings.HasSuffix(full, "?") {
		full += "."
	}
	if ri.Default >= pipeline.Suggestion {
		full += " Default severity: " + severityWord(ri.Default) + "."
	}
	var how, howMD string
	if ri.Binding {
		how = "It can be neither silenced nor lowered: the file must be corrected."
		howMD = how
	} else {
		how = "Silence it in a post with <!-- crieur-disable " + ri.ID + " --> (or crieur-disable-next-line above a line), or change its severity in charte.yml under severity: (" + ri.ID + ": warning, or off)."
		howMD = "Silence it in a post with `<!-- crieur-disable " + ri.ID + " -->` (or `crieur-disable-next-line` above a line), or change its severity in `charte.yml` under `severity:` (`" + ri.ID + ": warning`, or `off`)."
	}
	uri := ri.HelpURI
	if uri == "" {
		uri = rulesURI
	}
	r := sarif.NewRule(ri.ID).
		WithShortDescription(sarif.NewMultiformatMessageString(firstSentence(desc))).
		WithFullDescription(sarif.NewMultiformatMessageString(full)).
		WithHelp(sarif.NewMultiformatMessageString(full + " " + how + " See " + uri).
			WithMarkdown("**" + ri.ID + "**: " + full + "\n\n" + howMD + "\n\nSee [the rules](" + uri + ").")).
		WithHelpURI(uri)
	if ri.Default >= pipeline.Suggestion {
		r.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(ri.Default)))
	}
	return r
}

// firstSentence is text up to its first ". " (all of it when it has
// none).
func firstSentence(text string) string {
	if i := strings.Index(text, ". "); i >= 0 {
		return text[:i+1]
	}
	return text
}

func severityWord(s pipeline.Severity) string {
	switch {
	case s >= pipeline.Error:
		return "error"
	case s == pipeline.Warning:
		return "warning"
	}
	return "suggestion"
}

// level maps a severity to SARIF's level: a suggestion is a note.
func level(s pipeline.Severity) string {
	switch {
	case s >= pipeline.Error:
		return "error"
	case s == pipeline.Warning:
		return "warning"
	case s == pipeline.Suggestion:
		return "note"
	}
	return "none"
}

func sarifResult(f pipeline.Finding, id string, ruleIndex int, seen map[string]int) *sarif.Result {
	text := f.Message
	if text == "" {
		text = id
	}
	if f.Hint != "" {
		text += "\nhint: " + f.Hint
	}
	res := sarif.NewRuleResult(id).
		WithRuleIndex(ruleIndex).
		WithLevel(level(f.Severity)).
		WithMessage(sarif.NewTextMessage(text))

	phys := sarif.NewPhysicalLocation().
		WithArtifactLocation(artifact(f.Path)).
		WithRegion(region(f))
	res.AddLocation(sarif.NewLocationWithPhysicalLocation(phys))

	fp := fingerprint(f.Path, id, f.Message)
	seen[fp]++
	res.WithPartialFingerPrints(map[string]any{
		"primaryLocationLineHash": fmt.Sprintf("%s:%d", fp, seen[fp]),
	})

	if fix := sarifFix(f); fix != nil {
		res.AddFix(fix)
	}
	return res
}

// artifact locates a file relative to the repository root, as a URI
// reference: forward slashes, no leading "./", spaces and accents
// percent-encoded.
func artifact(path string) *sarif.ArtifactLocation {
	p := strings.ReplaceAll(path, `\`, "/")
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	p = strings.TrimLeft(p, "/")
	u := &url.URL{Path: p}
	return sarif.NewSimpleArtifactLocation(u.String()).WithUriBaseId(srcRoot)
}

// region is where the finding is. SARIF counts from 1 and rejects 0: a
// missing line or column is 1. Every region has an end, so that code
// scanning marks a span: the finding's own, or the character at its
// start when it has none (or an end before its start); an end line
// without an end column runs to the end of that line.
func region(f pipeline.Finding) *sarif.Region {
	line, col := max(f.Line, 1), max(f.Col, 1)
	r := sarif.NewRegion().WithStartLine(line).WithStartColumn(col)
	endLine := f.EndLine
	switch {
	case endLine > line:
		r.WithEndLine(endLine)
		if f.EndCol >= 1 {
			r.WithEndColumn(f.EndCol)
		}
	case (endLine == line || endLine == 0) && f.EndCol > col:
		r.WithEndLine(line).WithEndColumn(f.EndCol)
	default:
		r.WithEndLine(line).WithEndColumn(col + 1)
	}
	return r
}

// sarifFix turns a byte-range replacement into a SARIF fix, or nil when
// the finding has none or its range makes no sense.
func sarifFix(f pipeline.Finding) *sarif.Fix {
	if f.Fix == nil || f.Fix.Start < 0 || f.Fix.End < f.Fix.Start {
		return nil
	}
	deleted := sarif.NewRegion().WithByteOffset(f.Fix.Start).WithByteLength(f.Fix.End - f.Fix.Start)
	rep := sarif.NewReplacement(deleted)
	if f.Fix.Text != "" {
		rep.WithInsertedContent(sarif.NewArtifactContent().WithText(f.Fix.Text))
	}
	change := sarif.NewArtifactChange(artifact(f.Path)).WithReplacement(rep)
	return sarif.NewFix().
		WithDescriptionText(describeFix(f.Fix)).
		WithArtifactChanges([]*sarif.ArtifactChange{change})
}

// fingerprint identifies a finding across runs whatever its line: the same
// rule saying the same thing about the same file. GitHub's own
// primaryLocationLineHash is 16 hex digits, a colon and an occurrence
// number; sarifResult adds the occurrence so that two identical findings in
// one file stay two alerts.
func fingerprint(path, rule, message string) string {
	sum := sha256.Sum256([]byte(path + "\x00" + rule + "\x00" + message))
	return hex.EncodeToString(sum[:8])
}
