#!/usr/bin/env bash
# Reproduces the speed figure of the monthly report: one month of a year of
# 10,000 publications and 100,000 engagement readings, from the files
# (journal read, metrics read, Build, Markdown, CSV, HTML), five runs.
# Prints the benchmark's line and the time per report in seconds; fails
# when a report takes 2 seconds or more.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
out=$(go test -run '^$' -bench MonthlyReport -benchtime 5x ./pipeline/report)
echo "$out" | grep '^Benchmark' || { echo "$out"; exit 1; }
echo "$out" | awk '/^BenchmarkMonthlyReport/ {
	for (i = 1; i <= NF; i++) if ($i == "ns/op") ns = $(i-1)
	printf "monthly report: %.3f s per report (target: under 2 s)\n", ns / 1e9
	bad = ns >= 2e9
} END { exit bad }'
