#!/usr/bin/env bash
# Prints the linter's precision and recall per rule family and per rule on
# the labelled corpus (linters/quality/testdata/corpus), then on the French
# grammar corpus (testdata/french, by family of mistakes too: it needs
# grammalecte-cli), then every missed and every extra finding.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
QUALITY_REPORT=1 go test -tags hunspell -count=1 -v -run 'TestQuality$|TestFrench$' ./linters/quality/
