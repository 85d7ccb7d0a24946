package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// scripts/install.sh is how action.yml gets crieur: it must install a
// good archive, refuse a corrupted one, say "no release" (exit 3) for a
// missing one so that the Action builds from source, and reuse what a
// restored cache holds. Tested against a local server laid out as
// GitHub's release downloads are.
func TestInstallScript(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	script, err := filepath.Abs("../../scripts/install.sh")
	if err != nil {
		t.Fatal(err)
	}
	good := fakeArchive(t, "#!/bin/sh\necho crieur v1.2.3\n")
	other := fakeArchive(t, "#!/bin/sh\necho something else\n")
	files := map[string][]byte{
		// A good release.
		"/v1.2.3/checksums.txt":                   checksums(map[string][]byte{"crieur_1.2.3_linux_amd64.tar.gz": good}),
		"/v1.2.3/crieur_1.2.3_linux_amd64.tar.gz": good,
		// An archive that is not the one checksums.txt names.
		"/v1.2.4/checksums.txt":                   checksums(map[string][]byte{"crieur_1.2.4_linux_amd64.tar.gz": good}),
		"/v1.2.4/crieur_1.2.4_linux_amd64.tar.gz": other,
		// Listed, but the archive is gone.
		"/v1.2.5/checksums.txt": checksums(map[string][]byte{"crieur_1.2.5_linux_amd64.tar.gz": good}),
	}
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		b, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	defer srv.Close()

	run := func(args ...string) (string, string, int) {
		t.Helper()
		cmd := exec.Command("bash", append([]string{script}, args...)...)
		cmd.Env = append(os.Environ(), "CRIEUR_RELEASES="+srv.URL, "CRIEUR_OS=linux", "CRIEUR_ARCH=x86_64", "CRIEUR_ATTESTATION=false")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatal(err)
			}
			code = ee.ExitCode()
		}
		return strings.TrimSpace(stdout.String()), stderr.String(), code
	}

	dir := t.TempDir()
	t.Run("good", func(t *testing.T) {
		out, errs, code := run("v1.2.3", filepath.Join(dir, "good"))
		if code != 0 || out != filepath.Join(dir, "good", "crieur") {
			t.Fatalf("exit %d, printed %q\n%s", code, out, errs)
		}
		if got, err := exec.Command(out).Output(); err != nil || string(got) != "crieur v1.2.3\n" {
			t.Fatalf("the installed binary says %q (%v)", got, err)
		}
		if !strings.Contains(errs, "sha256 verified") {
			t.Errorf("stderr %q does not say the checksum was verified", errs)
		}
		// Again: a restored cache's archive is checked against
		// checksums.txt (the one request) and unpacked afresh.
		os.WriteFile(out, []byte("#!/bin/sh\necho tampered\n"), 0o755)
		n := requests.Load()
		out2, errs, code := run("v1.2.3", filepath.Join(dir, "good"))
		if code != 0 || out2 != out || requests.Load() != n+1 || !strings.Contains(errs, "cached archive") {
			t.Fatalf("second install: exit %d, %q, %d requests\n%s", code, out2, requests.Load()-n, errs)
		}
		if got, _ := exec.Command(out).Output(); string(got) != "crieur v1.2.3\n" {
			t.Errorf("a tampered binary in the cache survived: %q", got)
		}
		// A cached archive that no longer matches is downloaded again.
		archive := filepath.Join(dir, "good", "crieur_1.2.3_linux_amd64.tar.gz")
		os.WriteFile(archive, other, 0o644)
		n = requests.Load()
		if _, errs, code := run("v1.2.3", filepath.Join(dir, "good")); code != 0 || requests.Load() != n+2 || !strings.Contains(errs, "sha256 verified") {
			t.Fatalf("a corrupted cache: exit %d, %d requests\n%s", code, requests.Load()-n, errs)
		}
	})
	t.Run("corrupted", func(t *testing.T) {
		out, errs, code := run("v1.2.4", filepath.Join(dir, "bad"))
		if code != 1 || out != "" || !strings.Contains(errs, "checksum mismatch") {
			t.Fatalf("exit %d, printed %q\n%s", code, out, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "bad", "crieur")); err == nil {
			t.Error("the corrupted archive was unpacked")
		}
	})
	for _, tc := range []struct{ name, version, want string }{
		{"no release", "v9.9.9", "not found"},
		{"archive missing", "v1.2.5", "not found"},
		{"no archive for the platform", "v1.2.3", "no archive for darwin/arm64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{tc.version, filepath.Join(dir, tc.name)}
			var out, errs string
			var code int
			if tc.name == "no archive for the platform" {
				cmd := exec.Command("bash", append([]string{script}, args...)...)
				cmd.Env = append(os.Environ(), "CRIEUR_RELEASES="+srv.URL, "CRIEUR_OS=darwin", "CRIEUR_ARCH=arm64", "CRIEUR_ATTESTATION=false")
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				err := cmd.Run()
				errs = stderr.String()
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				}
			} else {
				out, errs, code = run(args...)
			}
			if code != 3 || out != "" || !strings.Contains(errs, tc.want) {
				t.Fatalf("exit %d (want 3), printed %q\n%s", code, out, errs)
			}
		})
	}

	t.Run("resolve", func(t *testing.T) {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("no git")
		}
		repo := t.TempDir()
		git := func(args ...string) string {
			t.Helper()
			cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
			cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=r", "GIT_AUTHOR_EMAIL=r@example.org", "GIT_COMMITTER_NAME=r", "GIT_COMMITTER_EMAIL=r@example.org")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, out)
			}
			return strings.TrimSpace(string(out))
		}
		git("init", "-q")
		git("commit", "-q", "--allow-empty", "-m", "one")
		git("tag", "-a", "-m", "v1.1.0", "v1.1.0")
		git("commit", "-q", "--allow-empty", "-m", "two")
		git("tag", "-a", "-m", "v1.2.0", "v1.2.0")
		git("tag", "-a", "-m", "v1.2.1", "v1.2.1") // the same commit, a later release
		git("tag", "v1")                           // the moving major tag, lightweight
		head := git("rev-parse", "HEAD")
		git("commit", "-q", "--allow-empty", "-m", "three")
		unreleased := git("rev-parse", "HEAD")
		git("tag", "-a", "-m", "moving", "main-preview")
		for _, tc := range []struct {
			ref, want string
			code      int
		}{
			{"v1.1.0", "v1.1.0", 0},
			{"v1", "v1.2.1", 0},
			{head, "v1.2.1", 0},
			{unreleased, "", 3},
			{"main-preview", "", 3},
			{"nosuchref", "", 3},
		} {
			cmd := exec.Command("bash", script, "--resolve", tc.ref)
			cmd.Env = append(os.Environ(), "CRIEUR_GIT="+repo)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			if got := strings.TrimSpace(string(out)); got != tc.want || code != tc.code {
				t.Errorf("--resolve %s: %q, exit %d; want %q, exit %d\n%s", tc.ref, got, code, tc.want, tc.code, stderr.String())
			}
		}
	})
}

// fakeArchive is a release archive as GoReleaser writes it: crieur at
// the top, a dictionaries folder beside it.
func fakeArchive(t *testing.T, exe string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct {
		name, body string
		mode       int64
	}{{"crieur", exe, 0o755}, {"dictionaries/README", "dictionaries\n", 0o644}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(f.body))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checksums writes checksums.txt as GoReleaser does: "SHA256  NAME".
func checksums(files map[string][]byte) []byte {
	var b strings.Builder
	for name, data := range files {
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(data), name)
	}
	return []byte(b.String())
}
