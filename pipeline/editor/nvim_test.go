package editor_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/pipeline/editor"
)

// TestMain makes the test binary a language server when Neovim starts it
// (CRIEUR_LSP_SERVE=1), as crieur lsp is: the same Serve, on the
// process's standard input and output.
func TestMain(m *testing.M) {
	if os.Getenv("CRIEUR_LSP_SERVE") == "1" {
		err := editor.Serve(context.Background(), os.Stdin, os.Stdout, editor.Options{Getenv: os.Getenv, Now: func() time.Time { return judged }})
		if err != nil {
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestNeovim drives the server from a real client, Neovim headless
// (Debian's package; scripts/deps.sh --tests installs it).
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (apt-get install neovim; scripts/deps.sh --tests): the end-to-end test with a real LSP client is skipped")
	}
	text := testrepo.Post("publish_at: 2026-12-10 10:00", "Bonjour à tous !\n")
	repo := testrepo.Open(t, map[string]string{"crieur.yml": baseConfig, "charte.yml": frenchCharter, "vocabulaire.txt": "crieur\n"}, map[string]string{post: text})
	server, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("testdata/nvim.lua")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.json")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-u", "NONE", "-c", "luafile "+script)
	cmd.Dir = repo.Root
	cmd.Env = append(os.Environ(), "SERVER="+server, "ROOT="+repo.Root, "POST="+filepath.Join(repo.Root, post), "OUT="+out, "HOME="+t.TempDir())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim wrote no result: %v", err)
	}
	var got struct {
		Error      string
		Diagnostic struct {
			Line, Col, End_col, Severity int
			Message                      string
		}
		Titles  []string
		Fixed   string
		Updated bool
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	if got.Error != "" {
		t.Fatalf("in nvim: %s (%s)", got.Error, data)
	}
	// Neovim counts columns in bytes: "Bonjour à tous" is 15 bytes.
	if d := got.Diagnostic; d.Line != 3 || d.Col != 15 || d.End_col != 17 || d.Severity != 2 || !strings.Contains(d.Message, "narrow no-break space") {
		t.Errorf("diagnostic = %+v, want line 3, bytes 15 to 17, a warning about the narrow no-break space", d)
	}
	if got.Fixed != "Bonjour à tous\u202f!" {
		t.Errorf("after the fix the line reads %q, code actions %q", got.Fixed, got.Titles)
	}
	if !got.Updated {
		t.Errorf("the diagnostic stayed after the fix: %s", data)
	}
}
