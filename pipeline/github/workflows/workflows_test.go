package workflows

import (
	"errors"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
	"gopkg.in/yaml.v3"
)

func TestRender(t *testing.T) {
	cfg := &pipeline.Config{Channels: map[string]pipeline.ChannelConfig{
		"mastodon": {Secrets: map[string]string{"token": "MASTODON_TOKEN"}},
		"x":        {Secrets: map[string]string{"consumer_key": "X_CONSUMER_KEY", "access_token": "X_ACCESS_TOKEN"}},
		"outbox":   {},
	}}
	files, err := Render(DataFor(cfg, "content"))
	if err != nil {
		t.Fatal(err)
	}
	wf := string(files["crieur.yml"])
	for _, want := range []string{
		"          MASTODON_TOKEN: ${{ secrets.MASTODON_TOKEN }}\n          X_ACCESS_TOKEN: ${{ secrets.X_ACCESS_TOKEN }}\n          X_CONSUMER_KEY:",
		`working-directory: "content"`,
		"- cron: \"0 * * * *\"\n    - cron: \"30 * * * *\"\n  workflow_dispatch:",
		"# Schedule: every 30 minutes, UTC.\n# At most 1488 scheduled runs a month",
		"group: crieur-${{ github.event_name == 'pull_request' && github.ref || 'publish' }}",
		"fetch-depth: 0",
	} {
		if !strings.Contains(wf, want) {
			t.Errorf("crieur.yml lacks %q:\n%s", want, wf)
		}
	}
	// What lint and doctor look for (content.PassesSecret) is what this
	// workflow writes, at the place they read it.
	if path.Join(Dir, "crieur.yml") != content.PublishWorkflow {
		t.Errorf("the publish workflow is %s/crieur.yml here, %s for content", Dir, content.PublishWorkflow)
	}
	for _, env := range []string{"MASTODON_TOKEN", "X_ACCESS_TOKEN", "X_CONSUMER_KEY"} {
		if !content.PassesSecret(files["crieur.yml"], env) {
			t.Errorf("content.PassesSecret does not see %s in the workflow crieur init writes", env)
		}
	}
	rep := string(files["crieur-report.yml"])
	for _, want := range []string{
		`- cron: "17 5 * * *"`, `- cron: "42 6 1 * *"`,
		"command: metrics", "command: report", "args: --month ${{ steps.month.outputs.month }}",
		"MONTH: ${{ github.event.inputs.month || 'last' }}",
		"args: --html ${{ runner.temp }}/site/index.html", "actions/deploy-pages@",
		"          MASTODON_TOKEN: ${{ secrets.MASTODON_TOKEN }}",
	} {
		if !strings.Contains(rep, want) {
			t.Errorf("crieur-report.yml lacks %q:\n%s", want, rep)
		}
	}
	for name, b := range files {
		for _, bad := range unpinned(string(b)) {
			t.Errorf("%s: %s is not pinned to a commit with its version in a comment", name, bad)
		}
		if n, p := strings.Count(string(b), "actions/checkout@"), strings.Count(string(b), "persist-credentials: false"); n != p {
			t.Errorf("%s: %d checkouts, %d without persisted credentials", name, n, p)
		}
		var v map[string]any
		if err := yaml.Unmarshal(b, &v); err != nil {
			t.Errorf("%s is not YAML: %v\n%s", name, err, b)
		}
		// Every job's if: names an event the workflow is started by.
		jobs, _ := v["jobs"].(map[string]any)
		for job, j := range jobs {
			cond, _ := j.(map[string]any)["if"].(string)
			for _, ev := range []string{"pull_request", "push", "schedule", "workflow_dispatch"} {
				if strings.Contains(cond, "'"+ev+"'") && !strings.Contains(string(b), "\n  "+ev+":") {
					t.Errorf("%s: job %s runs on %s, which does not start the workflow", name, job, ev)
				}
			}
		}
		if v["jobs"] == nil || v["on"] == nil {
			t.Errorf("%s: no jobs or triggers", name)
		}
	}
	// No secrets named: still valid YAML.
	files, _ = Render(DataFor(&pipeline.Config{}, "."))
	var v map[string]any
	if err := yaml.Unmarshal(files["crieur.yml"], &v); err != nil {
		t.Errorf("without secrets: %v\n%s", err, files["crieur.yml"])
	}
}

func TestWriteKeepsExisting(t *testing.T) {
	root := t.TempDir()
	written, err := Write(root, Data{Dir: "."}, false)
	if err != nil || len(written) != 4 || !strings.HasSuffix(written[3], ".github/dependabot.yml") {
		t.Fatalf("first write: %v %v", written, err)
	}
	dep := filepath.Join(root, ".github/dependabot.yml")
	if b, _ := os.ReadFile(dep); !strings.Contains(string(b), "package-ecosystem: github-actions") {
		t.Errorf("dependabot.yml does not keep the actions current:\n%s", b)
	}
	// A repository's own Dependabot configuration is never replaced, not
	// even with --force: it may hold its other ecosystems.
	os.WriteFile(dep, []byte("version: 2\nupdates: []\n"), 0o644)
	p := filepath.Join(root, ".github/workflows/crieur.yml")
	os.WriteFile(p, []byte("mine\n"), 0o644)
	written, err = Write(root, Data{Dir: "."}, false)
	if !errors.Is(err, ErrExists) || len(written) != 0 || !strings.Contains(err.Error(), ".github/workflows/crieur.yml") {
		t.Errorf("second write: %v %v", written, err)
	}
	if b, _ := os.ReadFile(p); string(b) != "mine\n" {
		t.Error("an existing workflow was replaced without --force")
	}
	if _, err := Write(root, Data{Dir: "."}, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) == "mine\n" {
		t.Error("--force did not replace it")
	}
	if b, _ := os.ReadFile(dep); string(b) != "version: 2\nupdates: []\n" {
		t.Errorf("the repository's dependabot.yml was replaced:\n%s", b)
	}
}

// pinnedRE is a third-party action pinned by commit, its version said.
var pinnedRE = regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$`)

// unpinned lists the uses: of a workflow that a tag could move: every
// third-party action must name a commit. crieur's own action is the
// exception until it is released.
func unpinned(workflow string) []string {
	var bad []string
	for _, m := range regexp.MustCompile(`(?m)uses: (.*)$`).FindAllStringSubmatch(workflow, -1) {
		u := strings.TrimSpace(m[1])
		if strings.HasPrefix(u, "./") || strings.HasPrefix(u, "crieur/crieur@") || pinnedRE.MatchString(u) {
			continue
		}
		bad = append(bad, u)
	}
	return bad
}

// This repository's own workflows and action are pinned the same way.
func TestOwnWorkflowsPinned(t *testing.T) {
	paths, _ := filepath.Glob("../../../.github/workflows/*.yml")
	paths = append(paths, "../../../action.yml")
	if len(paths) < 2 {
		t.Fatalf("no workflows found: %v", paths)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range unpinned(string(b)) {
			t.Errorf("%s: %s is not pinned to a commit with its version in a comment", p, bad)
		}
	}
}

// The schedule follows the charter's slots, in the repository's time
// zone (GitHub reads it, daylight saving time included), and says what
// it costs.
func TestRenderCadence(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	d := Data{Dir: ".", Cadence: pipeline.NewCadence([]int{9 * 60, 12*60 + 30, 18 * 60}, [7]bool{false, true, true, true, true, true, true}, brussels, true)}
	files, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	wf := string(files["crieur.yml"])
	for _, want := range []string{
		"  schedule:\n    - cron: \"0 9,18 * * 1,2,3,4,5,6\"\n      timezone: \"Europe/Brussels\"\n    - cron: \"30 12 * * 1,2,3,4,5,6\"\n      timezone: \"Europe/Brussels\"\n  workflow_dispatch:",
		"# Schedule: at 09:00, 12:30, 18:00 on Mon, Tue, Wed, Thu, Fri, Sat, Europe/Brussels time.\n# At most 81 scheduled runs a month",
	} {
		if !strings.Contains(wf, want) {
			t.Errorf("crieur.yml lacks %q:\n%s", want, wf)
		}
	}
	if got := d.Cost(); !strings.Contains(got, "at most 81 times a month") {
		t.Errorf("Cost = %q", got)
	}
}

// actionlintVersion is the workflow linter the tests run (go run, from the
// module proxy, outside crieur's own module: it is no dependency of the
// binary). With shellcheck on the PATH it also checks every run: script.
const actionlintVersion = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

// The workflows crieur init writes, and this repository's own, pass
// actionlint (and shellcheck on their scripts).
func TestActionlint(t *testing.T) {
	if testing.Short() {
		t.Skip("actionlint is built from the module proxy: not in -short")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is needed to run actionlint: %v", err)
	}
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Fatalf("shellcheck is needed (scripts/deps.sh --tests installs it): %v", err)
	}
	dir := t.TempDir()
	wf := filepath.Join(dir, ".github", "workflows")
	if err := os.MkdirAll(wf, 0o755); err != nil {
		t.Fatal(err)
	}
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(Data{Dir: "site content", Secrets: []string{"MSTDN_TOKEN", "X_ACCESS_TOKEN"},
		Cadence: pipeline.NewCadence([]int{9 * 60, 18*60 + 30}, [7]bool{}, brussels, true)})
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"run", actionlintVersion, "-no-color"}
	for name, b := range files {
		p := filepath.Join(wf, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	own, _ := filepath.Glob("../../../.github/workflows/*.yml")
	for _, p := range own {
		abs, _ := filepath.Abs(p)
		args = append(args, abs)
	}
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = dir // outside crieur's module: go run takes the version asked
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}
}

// A content folder whose name means something in YAML stays one value.
func TestFolderNameQuoted(t *testing.T) {
	dir := `a: "b" #c`
	files, err := Render(Data{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		var wf struct {
			Jobs map[string]struct {
				Steps []struct {
					With map[string]string
				}
			}
		}
		if err := yaml.Unmarshal(b, &wf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n := 0
		for _, j := range wf.Jobs {
			for _, s := range j.Steps {
				if wd, ok := s.With["working-directory"]; ok {
					n++
					if wd != dir {
						t.Errorf("%s: working-directory %q, want %q", name, wd, dir)
					}
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no working-directory", name)
		}
	}
}

// A crieur built from a release pins its own action to that release's
// commit; any other build names the major tag.
func TestActionFor(t *testing.T) {
	sha := strings.Repeat("ab", 20)
	for _, tc := range []struct {
		b    pipeline.Build
		want string
	}{
		{pipeline.Build{Version: "v1.4.2", Commit: sha}, "crieur/crieur@" + sha + " # v1.4.2"},
		{pipeline.Build{Version: "dev", Commit: sha}, "crieur/crieur@v1"},
		{pipeline.Build{Version: "v1.4.2", Commit: sha + " (modified)"}, "crieur/crieur@v1"},
		{pipeline.Build{Version: "v1.5.0-rc.1", Commit: sha}, "crieur/crieur@v1"},
		{pipeline.Build{}, "crieur/crieur@v1"},
	} {
		if got := ActionFor(tc.b); got != tc.want {
			t.Errorf("ActionFor(%+v) = %q, want %q", tc.b, got, tc.want)
		}
	}
	files, err := Render(Data{Dir: ".", Action: ActionFor(pipeline.Build{Version: "v1.4.2", Commit: sha})})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no workflow rendered")
	}
	for name, b := range files {
		if strings.Contains(string(b), "crieur/crieur@v1") || !strings.Contains(string(b), "uses: crieur/crieur@"+sha+" # v1.4.2\n") {
			t.Errorf("%s does not use crieur's action pinned to the release's commit:\n%s", name, b)
		}
	}
}

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}

// TestCostIn: what init says of the schedule, in the team's language;
// English as it was.
func TestCostIn(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Brussels")
	d := Data{Cadence: pipeline.NewCadence([]int{9 * 60, 14*60 + 30}, [7]bool{false, true, true, true, true, true, false}, loc, true)}
	for l, want := range map[i18n.Lang]string{
		i18n.English: "publish runs on its own at most 46 times a month (at 09:00, 14:30 on Mon, Tue, Wed, Thu, Fri, Europe/Brussels time), and once per merge",
		i18n.French:  "publish part tout seul au plus 46 fois par mois (à 09:00, 14:30, le lun., mar., mer., jeu., ven., heure de Europe/Brussels), et une fois à chaque fusion\u00a0:",
		i18n.Dutch:   "publish draait vanzelf hoogstens 46 keer per maand (om 09:00, 14:30 op ma, di, wo, do, vr, tijdzone Europe/Brussels)",
	} {
		if got := d.CostIn(l); !strings.Contains(got, want) {
			t.Errorf("%s:\n got %s\nwant %s…", l, got, want)
		}
	}
	if got, want := (Data{}).When(), "every 30 minutes, UTC"; got != want {
		t.Errorf("When() = %q, want %q", got, want)
	}
}
