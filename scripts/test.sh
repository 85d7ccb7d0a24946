#!/usr/bin/env bash
# Runs every test of crieur: installs what is missing first, starts the
# real servers the publishing tests talk to (GoToSocial for Mastodon, an AT
# Protocol PDS for Bluesky, on 127.0.0.1; installed once and cached, see
# scripts/services.sh), then vet and the whole suite (unit tests, fuzz seed
# corpora, testscript end-to-end scripts with real git repositories), and
# stops the servers.
#
# CRIEUR_NO_SERVICES=1 skips the servers (their tests then say they are
# skipped); CRIEUR_REQUIRE_SERVICES=1 (CI) makes a missing server a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# The tests check spelling with libhunspell itself (the build tag
# hunspell, as the Linux release binary does): their expected answers
# and suggestions are Hunspell's. A plain go build uses the pure-Go engine.
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-tags=hunspell"
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
bash scripts/deps.sh --tests

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed on:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...

if [ -z "${CRIEUR_SERVICES:-}" ] && [ "${CRIEUR_NO_SERVICES:-}" != 1 ]; then
  bash scripts/services.sh install
  # This run's own servers, on free ports, with their state in a folder
  # of their own: a second run on the machine starts and stops its own.
  CRIEUR_SERVICES_RUN=$(mktemp -d "${TMPDIR:-/tmp}/crieur-services-run.XXXXXX")
  export CRIEUR_SERVICES_RUN
  # Quietly: the summary stays the last line.
  trap 'bash scripts/services.sh stop >/dev/null 2>&1; rm -rf "$CRIEUR_SERVICES_RUN"' EXIT
  bash scripts/services.sh start
  CRIEUR_SERVICES=$(bash scripts/services.sh env)
  export CRIEUR_SERVICES
fi
# go test -json, read by a small summariser: the output of a plain go
# test, then the closing line "N passed, N failed, N skipped". The exit
# status is go test's (pipefail), or the summariser's.
go build -o "${TMPDIR:-/tmp}/crieur-testsummary.$$" ./internal/testsummary
summary="${TMPDIR:-/tmp}/crieur-testsummary.$$"
status=0
# -timeout: cmd/crieur's end-to-end scripts take about 8 minutes on 2
# cores, near go test's default of 10 per package; CI's limit is 90.
go test -count=1 -timeout 45m -json ./... "$@" | "$summary" || status=$?
rm -f "$summary"
exit "$status"
