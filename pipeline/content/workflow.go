package content

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// The publish workflow as the repository has it, held to crieur.yml: a
// network channel's secret that the workflow does not hand over from the
// repository's secrets is empty in GitHub, and publishing to that channel
// fails there however the secret is set (crieur doctor says it too).

// PublishWorkflow is where the publish workflow lives under the git
// repository's root (crieur init writes it).
const PublishWorkflow = ".github/workflows/crieur.yml"

// PassesSecret says whether workflow sets the variable env from one of
// the repository's secrets, as the workflow crieur init writes does
// (`ENV: ${{ secrets.ENV }}`), or a team's own does, spaced its way or
// from a secret of another name (`ENV: "${{secrets.OTHER}}"`).
func PassesSecret(workflow []byte, env string) bool {
	re := regexp.MustCompile(`(?m)^\s*(?:-\s*)?` + regexp.QuoteMeta(env) + `\s*:\s*["']?\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}`)
	return re.Match(workflow)
}

// gitRoot is the root of the git repository that holds dir, "" outside
// git.
func gitRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// WorkflowFindings are warnings on crieur.yml, one for each secret of a
// network channel that the publish workflow does not pass. There are none
// outside git or without a publish workflow (crieur doctor says how to
// write one), and none for an outbox channel, which needs no secret.
func (r *Repo) WorkflowFindings() []pipeline.Finding {
	root := gitRoot(r.Root)
	if root == "" {
		return nil
	}
	workflow, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(PublishWorkflow)))
	if err != nil {
		return nil
	}
	config, _ := os.ReadFile(filepath.Join(r.Root, ConfigFile))
	var out []pipeline.Finding
	for _, name := range r.Config.ChannelOrder {
		cc := r.Config.Channels[name]
		if cc.Type == "outbox" {
			continue
		}
		for _, key := range slices.Sorted(maps.Keys(cc.Secrets)) {
			env := cc.Secrets[key]
			if env == "" || PassesSecret(workflow, env) {
				continue
			}
			args := i18n.Args{"channel": name, "env": env, "workflow": PublishWorkflow}
			line, col, end := locate(config, env)
			out = append(out, pipeline.Finding{
				Path: ConfigFile, Line: line, Col: col, EndLine: line, EndCol: end,
				Rule: "schema.workflow", Severity: pipeline.Warning,
				Message: say.Text(r.lang(), "workflow_secret.message", args),
				Hint:    say.Text(r.lang(), "workflow_secret.hint", args),
			})
		}
	}
	return out
}

// locate is where the word w first stands alone in text: its line, and
// the columns (in characters, from 1) where it starts and ends; 1, 1, 1
// when it is nowhere.
func locate(text []byte, w string) (line, col, end int) {
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_])` + regexp.QuoteMeta(w) + `($|[^A-Za-z0-9_])`)
	for i, l := range strings.Split(string(text), "\n") {
		if m := re.FindStringIndex(l); m != nil {
			start := m[0] + strings.Index(l[m[0]:], w)
			col = utf8.RuneCountInString(l[:start]) + 1
			return i + 1, col, col + utf8.RuneCountInString(w)
		}
	}
	return 1, 1, 1
}
