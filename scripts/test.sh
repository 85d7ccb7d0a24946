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
  trap 'bash scripts/services.sh stop' EXIT
  bash scripts/services.sh start
  CRIEUR_SERVICES=$(bash scripts/services.sh env)
  export CRIEUR_SERVICES
fi
go test -count=1 ./... "$@"
