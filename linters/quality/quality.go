package quality

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// Label is an expected finding: a rule on a line of a file.
type Label struct {
	Path string
	Line int
	Rule string
}

var labelRE = regexp.MustCompile(`(?:<!--|#)\s*expect-next-line:\s*([^>]*?)\s*(?:-->|$)`)

// Labels reads the expectations written in a file.
func Labels(path string, src []byte) []Label {
	lines := strings.Split(string(src), "\n")
	var out []Label
	for i, l := range lines {
		m := labelRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		target := i + 1
		for target < len(lines) && (strings.TrimSpace(lines[target]) == "" || labelRE.MatchString(lines[target])) {
			target++
		}
		for _, rule := range strings.Fields(m[1]) {
			out = append(out, Label{Path: path, Line: target + 1, Rule: rule})
		}
	}
	return out
}

// Family is the part of a rule id scores are grouped by: spelling, tone,
// charte, typo, schedule, media, length.
func Family(rule string) string {
	if i := strings.IndexByte(rule, '.'); i >= 0 {
		return rule[:i]
	}
	return rule
}

// Score counts true positives, false positives and false negatives.
type Score struct{ TP, FP, FN int }

func (s Score) Precision() float64 {
	if s.TP+s.FP == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FP)
}

func (s Score) Recall() float64 {
	if s.TP+s.FN == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FN)
}

// Result is the outcome of a run over the corpus.
type Result struct {
	ByFamily map[string]Score
	ByRule   map[string]Score
	ByFolder map[string]Score   // by the folder under posts/ (a class of mistakes in the French corpus)
	Misses   []Label            // expected, not found
	Extras   []pipeline.Finding // found, not expected
}

// Run lints the corpus at dir at time now and compares with its labels.
// Findings of the schema family are not scored: a corpus post must load.
func Run(dir string, now time.Time) (*Result, error) {
	repo, err := content.Open(dir)
	if err != nil {
		return nil, err
	}
	paths, err := repo.PostPaths()
	if err != nil {
		return nil, err
	}
	files, load := repo.LoadPosts(paths)
	if pipeline.HasErrors(load) {
		return nil, fmt.Errorf("the corpus does not load: %v", load[0])
	}
	findings := linters.New().Lint(&linters.Context{Repo: repo, Now: now}, files, files, nil)
	var labels []Label
	for _, p := range paths {
		src, err := repo.ReadPost(p)
		if err != nil {
			return nil, err
		}
		labels = append(labels, Labels(p, src)...)
	}
	return score(paths, findings, labels), nil
}

// score compares the findings on the posts at paths with their labels.
func score(paths []string, findings []pipeline.Finding, labels []Label) *Result {
	want := map[Label]int{}
	for _, l := range labels {
		want[l]++
	}
	// A label may name a family (grammar): any rule of it finds the
	// mistake, whichever engine says it (Grammalecte or crieur's own).
	key := func(f pipeline.Finding) Label {
		k := Label{Path: f.Path, Line: f.Line, Rule: f.Rule}
		if want[k] == 0 {
			if fam := (Label{Path: f.Path, Line: f.Line, Rule: Family(f.Rule)}); want[fam] > 0 {
				return fam
			}
		}
		return k
	}
	res := &Result{ByFamily: map[string]Score{}, ByRule: map[string]Score{}, ByFolder: map[string]Score{}}
	for _, p := range paths {
		res.ByFolder[folder(p)] = Score{} // a folder without a label nor a finding is clean
	}
	bump := func(path, rule string, f func(*Score)) {
		d := folder(path)
		fs := res.ByFolder[d]
		f(&fs)
		res.ByFolder[d] = fs
		s := res.ByFamily[Family(rule)]
		f(&s)
		res.ByFamily[Family(rule)] = s
		r := res.ByRule[rule]
		f(&r)
		res.ByRule[rule] = r
	}
	for _, f := range findings {
		if Family(f.Rule) == "schema" {
			continue
		}
		k := key(f)
		if want[k] > 0 {
			want[k]--
			bump(f.Path, f.Rule, func(s *Score) { s.TP++ })
			continue
		}
		bump(f.Path, f.Rule, func(s *Score) { s.FP++ })
		res.Extras = append(res.Extras, f)
	}
	for _, l := range labels {
		if want[l] > 0 {
			want[l]--
			bump(l.Path, l.Rule, func(s *Score) { s.FN++ })
			res.Misses = append(res.Misses, l)
		}
	}
	return res
}

// Print writes the scores per family and per rule, then the misses and
// the extra findings.
func (r *Result) Print(w io.Writer) {
	table := func(title string, m map[string]Score) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(w, "%-26s %5s %5s %5s %9s %7s\n", title, "TP", "FP", "FN", "precision", "recall")
		for _, k := range keys {
			s := m[k]
			fmt.Fprintf(w, "%-26s %5d %5d %5d %8.1f%% %6.1f%%\n", k, s.TP, s.FP, s.FN, 100*s.Precision(), 100*s.Recall())
		}
		fmt.Fprintln(w)
	}
	table("family", r.ByFamily)
	table("rule", r.ByRule)
	table("folder", r.ByFolder)
	for _, l := range r.Misses {
		fmt.Fprintf(w, "missed  %s:%d %s\n", l.Path, l.Line, l.Rule)
	}
	for _, f := range r.Extras {
		fmt.Fprintf(w, "extra   %s\n", f)
	}
}

// folder is the folder a post sits in under posts/ (posts/er/x.md: er).
func folder(path string) string {
	parts := strings.Split(path, "/")
	if len(parts) > 2 {
		return parts[1]
	}
	return ""
}
