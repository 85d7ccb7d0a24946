#!/usr/bin/env bash
# Runs every test of crieur: installs what is missing first, then vet and
# the whole suite (unit tests, fuzz seed corpora, testscript end-to-end
# scripts with real git repositories).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
bash scripts/deps.sh

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed on:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...
go test -count=1 ./... "$@"
