package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The release (.github/goreleaser.yaml) and the installer the Action
// runs (scripts/install.sh) agree on what a release holds: the five
// targets, the archive names, checksums.txt, the dictionaries; the
// build stamps what crieur version prints. CRIEUR_RELEASE_TEST=1 also
// builds the archives (scripts/release.sh --snapshot: minutes of
// cross-compiling, so only when asked; GitHub CI's release job does).
func TestReleaseConfig(t *testing.T) {
	b, err := os.ReadFile("../../.github/goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var conf struct {
		Builds []struct {
			ID      string
			Goos    []string
			Goarch  []string
			Ignore  []struct{ Goos, Goarch string }
			Env     []string
			Tags    []string
			Ldflags []string
		}
		Archives []struct {
			NameTemplate    string `yaml:"name_template"`
			Formats         []string
			FormatOverrides []struct {
				Goos    string
				Formats []string
			} `yaml:"format_overrides"`
			Files []any
		}
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		}
		Sboms   []any
		Release struct{ Draft bool }
	}
	if err := yaml.Unmarshal(b, &conf); err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, bd := range conf.Builds {
		for _, goos := range bd.Goos {
			for _, arch := range bd.Goarch {
				ignored := slices.ContainsFunc(bd.Ignore, func(i struct{ Goos, Goarch string }) bool { return i.Goos == goos && i.Goarch == arch })
				if ignored {
					continue
				}
				targets = append(targets, goos+"/"+arch)
				cgo := slices.Contains(bd.Env, "CGO_ENABLED=1")
				if goos == "linux" && !(cgo && slices.Contains(bd.Tags, "hunspell")) {
					t.Errorf("linux/%s (build %s) must link libhunspell: CGO_ENABLED=1 and -tags hunspell", arch, bd.ID)
				}
			}
		}
		ld := strings.Join(bd.Ldflags, " ")
		for _, v := range []string{"main.version=", "main.commit=", "main.date="} {
			if !strings.Contains(ld, "-X "+v) {
				t.Errorf("build %s does not set %s (crieur version)", bd.ID, v)
			}
		}
	}
	sort.Strings(targets)
	if want := []string{"darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64", "windows/amd64"}; !slices.Equal(targets, want) {
		t.Errorf("targets %v, want %v", targets, want)
	}
	if len(conf.Archives) != 1 {
		t.Fatalf("%d archives, want one", len(conf.Archives))
	}
	a := conf.Archives[0]
	// install.sh looks for crieur_${version#v}_${os}_${arch}.tar.gz (.zip
	// on Windows) in checksums.txt.
	script, err := os.ReadFile("../../scripts/install.sh")
	if err != nil {
		t.Fatal(err)
	}
	if a.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" ||
		!strings.Contains(string(script), `name="crieur_${version#v}_${os}_${arch}.$ext"`) {
		t.Errorf("archive names: goreleaser %q and install.sh disagree", a.NameTemplate)
	}
	if !slices.Equal(a.Formats, []string{"tar.gz"}) || len(a.FormatOverrides) != 1 || a.FormatOverrides[0].Goos != "windows" || !slices.Equal(a.FormatOverrides[0].Formats, []string{"zip"}) {
		t.Errorf("formats %v %+v: want tar.gz, zip on windows", a.Formats, a.FormatOverrides)
	}
	if !strings.Contains(string(b), "dst: dictionaries") {
		t.Error("the archives do not ship the dictionaries folder")
	}
	if conf.Checksum.NameTemplate != "checksums.txt" || !strings.Contains(string(script), "/checksums.txt") {
		t.Errorf("checksums file %q", conf.Checksum.NameTemplate)
	}
	if len(conf.Sboms) == 0 {
		t.Error("no SBOM")
	}
	if !conf.Release.Draft {
		t.Error("the release must be a draft until the workflow has attested it")
	}
	wf, err := os.ReadFile("../../.github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"actions/attest-build-provenance@", "subject-checksums: dist/checksums.txt", "scripts/release.sh --publish", "--draft=false", "goreleaser/goreleaser-action@"} {
		if !strings.Contains(string(wf), want) {
			t.Errorf("release.yml lacks %q", want)
		}
	}

	if os.Getenv("CRIEUR_RELEASE_TEST") != "1" {
		t.Log("CRIEUR_RELEASE_TEST=1 builds the snapshot too (scripts/release.sh --snapshot)")
		return
	}
	cmd := exec.Command("bash", "../../scripts/release.sh", "--snapshot")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/release.sh --snapshot: %v\n%s", err, out)
	}
	archives, _ := filepath.Glob("../../dist/crieur_*")
	if len(archives) != 5 {
		t.Errorf("dist has %v", archives)
	}
	t.Run("linux/arm64 spells as linux/amd64", testArm64Spelling)
}

// The linux/arm64 binary is cross-compiled with libhunspell: run by
// qemu-aarch64 from its unpacked archive, with no CRIEUR_DICTIONARIES (the
// archive's dictionaries come before the system's), it must report
// exactly the words the amd64 binary reports in French, English and
// Dutch. gospell would not: it misses "FR" and "unstable", and cannot read
// the Dutch dictionary. The hints are not compared: Hunspell stops some of
// its suggestion searches after a time limit, so under qemu or a loaded
// machine its later suggestions come and go (seen: "unstable" got
// "instable, un stable, un-stable" once and "instable" alone the next).
func testArm64Spelling(t *testing.T) {
	qemu, err := exec.LookPath("qemu-aarch64")
	if err != nil {
		t.Skip("no qemu-aarch64 to run the linux/arm64 binary (Debian's qemu-user; scripts/deps.sh --release installs it): its spelling is not compared with linux/amd64's")
	}
	content := spellingContent(t)
	amd64 := unpackRelease(t, "linux_amd64")
	arm64 := unpackRelease(t, "linux_arm64")
	want := spellingFindings(t, content, amd64)
	got := spellingFindings(t, content, qemu, arm64)
	for _, lang := range []string{"fr", "en", "nl"} {
		if !slices.ContainsFunc(want, func(f string) bool { return strings.Contains(f, "zz-spelling-"+lang) }) {
			t.Errorf("the amd64 binary finds no misspelling in the %s post: %q", lang, want)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("linux/arm64 spelling findings differ from linux/amd64's:\n arm64 %q\n amd64 %q", got, want)
	}
	t.Logf("linux/arm64 and linux/amd64 agree on %d spelling findings", len(want))
}

// spellingContent is content-example with a misspelt post in each language.
func spellingContent(t *testing.T) string {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content-example")); err != nil {
		t.Fatal(err)
	}
	posts := map[string]string{
		"fr": "Nous vous atendons nombreux samedi pour le concerrt, FR et d'unstable compris.",
		"en": "Join us on Saturday for the concrt: tickets are avialable at the door.",
		"nl": "Kom zaterdag naar ons concertt: de kaarten zijn beschikbar aan de deur.",
	}
	for lang, text := range posts {
		post := "---\npublish_at: 2026-12-20 10:00\nlang: " + lang + "\nstatus: draft\n---\n" + text + "\n"
		if err := os.WriteFile(filepath.Join(dir, "posts", "zz-spelling-"+lang+".md"), []byte(post), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// unpackRelease unpacks dist's archive for a platform and returns its binary.
func unpackRelease(t *testing.T, platform string) string {
	archives, _ := filepath.Glob("../../dist/crieur_*_" + platform + ".tar.gz")
	if len(archives) != 1 {
		t.Fatalf("dist has %v for %s", archives, platform)
	}
	dir := t.TempDir()
	if out, err := exec.Command("tar", "-xzf", archives[0], "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, out)
	}
	return filepath.Join(dir, "crieur")
}

// spellingFindings runs crieur lint in dir and returns its spelling
// findings, one line each: file, position, rule and message.
func spellingFindings(t *testing.T, dir string, command ...string) []string {
	cmd := exec.Command(command[0], append(command[1:], "lint", "--format", "json", "--now", "2026-11-01T08:00")...)
	cmd.Dir = dir
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(e string) bool { return strings.HasPrefix(e, "CRIEUR_DICTIONARIES=") }), "LC_ALL=C.UTF-8")
	out, err := cmd.Output()
	var report struct {
		Findings []struct {
			Path, Rule, Message string
			Line, Column        int
		}
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("%v lint: %v, %v\n%s", command, err, jerr, out)
	}
	var lines []string
	for _, f := range report.Findings {
		if f.Rule == "spelling" || strings.HasPrefix(f.Rule, "spelling.") {
			lines = append(lines, fmt.Sprintf("%s:%d:%d: %s: %s", f.Path, f.Line, f.Column, f.Rule, f.Message))
		}
	}
	return lines
}
