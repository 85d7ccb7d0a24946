#!/usr/bin/env bash
# Reproduces the speed figures of the notes: loading and linting 10,000
# generated posts (go test -bench), five runs each, with allocations.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
go test -tags hunspell -run '^$' -bench . -benchmem -count "${COUNT:-5}" ./linters/ ./pipeline/render/
