#!/usr/bin/env bash
# The exactly-once proof of publishing on runners (cmd/crieur/harness_test.go):
# RUNS runs of `crieur publish --push` (default 300), each in a fresh
# shallow clone of a remote served by git http-backend whose main refuses
# pushes for the first half (GitHub's GH006), runs killed (SIGKILL) or
# cancelled (SIGINT, SIGTERM, SIGKILL) at random moments, two runners at
# once in some cycles, posts moved between runs, deliveries to a recording
# webhook with find_url, one without, GoToSocial and the PDS (started as
# scripts/test.sh does). Prints the figures as JSON and fails on any
# delivery received twice, lost, or not recorded.
#
#   scripts/exactly-once.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
runs=${1:-300}
# Spelling as the tests check it (scripts/test.sh): with libhunspell.
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-tags=hunspell"
if [ -z "${CRIEUR_SERVICES:-}" ]; then
  bash scripts/services.sh install
  bash scripts/services.sh start
  trap 'bash scripts/services.sh stop' EXIT
  CRIEUR_SERVICES=$(bash scripts/services.sh env)
  export CRIEUR_SERVICES
fi
report=$(mktemp)
CRIEUR_HARNESS_RUNS=$runs CRIEUR_HARNESS_REPORT=$report CRIEUR_REQUIRE_SERVICES=1 \
  go test -count=1 -timeout 90m -run '^TestExactlyOnceOnRunners$' ./cmd/crieur/ | tail -n 3
cat "$report"
