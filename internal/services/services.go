// Package services gives tests the real servers scripts/services.sh
// started (GoToSocial for Mastodon, an AT Protocol PDS for Bluesky): their
// addresses and the test accounts' credentials, read from the env file
// named by CRIEUR_SERVICES.
//
// Without that file a test is skipped and says why; when
// CRIEUR_REQUIRE_SERVICES=1 (CI, scripts/test.sh) it fails instead, so
// that the real-server tests can never pass by not running.
package services

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// Env is the KEY=VALUE file scripts/services.sh start writes.
type Env map[string]string

// Need returns the services' env, skipping (or failing, when required)
// the test when they are not running or lack one of keys.
func Need(t testing.TB, keys ...string) Env {
	t.Helper()
	path := os.Getenv("CRIEUR_SERVICES")
	stop := t.Skipf
	if os.Getenv("CRIEUR_REQUIRE_SERVICES") == "1" {
		stop = t.Fatalf
	}
	if path == "" {
		stop("real servers not running: CRIEUR_SERVICES is not set (start them with: bash scripts/services.sh install && bash scripts/services.sh start, then CRIEUR_SERVICES=$(bash scripts/services.sh env))")
		return nil
	}
	env, err := Read(path)
	if err != nil {
		stop("real servers not running: %v (bash scripts/services.sh start)", err)
		return nil
	}
	for _, k := range keys {
		if env[k] == "" {
			stop("real servers: %s has no %s (bash scripts/services.sh start)", path, k)
			return nil
		}
	}
	return env
}

// Read parses an env file.
func Read(path string) (Env, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	env := Env{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if ok && k != "" && !strings.HasPrefix(k, "#") {
			env[k] = v
		}
	}
	return env, sc.Err()
}
