#!/usr/bin/env bash
# Times `crieur lint` on 10,000 generated French posts against the bare
# `hunspell -l` on the same text (issue 19: lint at most 0.3× hunspell).
#
# The posts are linters/bench_test.go's (TestBenchRepo writes them: one
# generator for this script and BenchmarkLint10k), every rule family on
# as in benchCharter, Grammalecte off. The text both get: each post's
# body (every line after its front matter, Markdown as written, threads
# included) and its image descriptions (the alt: values); hunspell reads
# it as one file, crieur reads the repository. Both use the same French
# dictionary: DICT (default /usr/share/hunspell/fr), given to crieur as
# CRIEUR_DICTIONARIES and to hunspell as -d.
#
# crieur is the release-like binary: -tags hunspell, libhunspell linked
# statically, stripped (as scripts/spelling-engines.sh builds it). RUNS
# runs of each (default 5), taken in turn so that the load of the machine
# falls on both alike, after one warm-up each; prints every wall time,
# the medians, the ratio of the wall medians, and the CPU times' (user
# plus system) and load average: on a machine busy with other work crieur
# gets less than its cores and the wall ratio drifts up toward the CPU
# ratio; on an idle machine of two cores it is about half the CPU ratio at
# best. POSTS changes the number of posts (default 10000).
# Fails when lint finds anything (the posts are clean) or when the ratio
# is above MAX (default: none). CRIEUR=path times that binary instead of
# building this tree's (an earlier commit's build, to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
runs=${RUNS:-5} posts=${POSTS:-10000} dict=${DICT:-/usr/share/hunspell/fr}
command -v hunspell >/dev/null || { echo "hunspell is not installed (apt-get install hunspell)"; exit 1; }
[ -f "$dict.aff" ] && [ -f "$dict.dic" ] || { echo "no dictionary $dict.aff/.dic (set DICT)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

CRIEUR_BENCH_REPO="$work/repo" CRIEUR_BENCH_POSTS="$posts" \
  go test -tags hunspell -count=1 -run '^TestBenchRepo$' ./linters/ >"$work/gen.out" || { cat "$work/gen.out"; exit 1; }
if [ -n "${CRIEUR:-}" ]; then
  cp "$CRIEUR" "$work/crieur" # another build, e.g. an earlier commit's, to compare
else
  CGO_ENABLED=1 CGO_LDFLAGS="-lstdc++ -lm" go build -trimpath -tags hunspell,netgo,osusergo \
    -ldflags '-s -w -linkmode external -extldflags "-static"' -o "$work/crieur" ./cmd/crieur
fi

# The text crieur spell-checks: bodies after the front matter, and alt:.
find "$work/repo/posts" -name '*.md' | sort | xargs awk '
  FNR == 1 { fm = 0 }
  fm < 2 && /^---$/ { fm++; next }
  fm >= 2 { print; next }
  /^ +alt: / { sub(/^ +alt: /, ""); print }' >"$work/text"
printf 'posts: %d, text: %d bytes, %d words (wc -w)\n' "$posts" "$(wc -c <"$work/text")" "$(wc -w <"$work/text")"

hun() { hunspell -i UTF-8 -l -d "$dict" <"$work/text" >"$work/hunspell.out"; }
lint() {
  (cd "$work/repo" && CRIEUR_DICTIONARIES="$(dirname "$dict")" "$work/crieur" lint --now '2025-01-01 00:00' --color never >"$work/lint.out" 2>&1) ||
    { echo "crieur lint failed or found something:"; head -20 "$work/lint.out"; exit 1; }
}
# timed runs a command and appends its wall time and its CPU time (user
# plus system, children included), in seconds, to the file $1.
timed() {
  local out=$1 t0 t1 c0 c1
  shift
  times >"$work/times0"; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N); times >"$work/times1"
  c0=$(cpu "$work/times0") c1=$(cpu "$work/times1")
  echo "$(echo "$t1 - $t0" | bc) $(echo "$c1 - $c0" | bc)" >>"$out"
}
# cpu reads the CPU seconds the shell's finished children had used from
# the output of times (its second line: user and system, as 1m2.345s).
cpu() { awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] } printf "%.3f", s }' "$1"; }
hun; lint # warm-up: the page cache, the dictionary files
: >"$work/t.hunspell"; : >"$work/t.crieur"
for _ in $(seq "$runs"); do
  timed "$work/t.hunspell" hun
  timed "$work/t.crieur" lint
done
# median of column $2 of file $1.
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
h=$(median "$work/t.hunspell" 1) c=$(median "$work/t.crieur" 1)
hc=$(median "$work/t.hunspell" 2) cc=$(median "$work/t.crieur" 2)
echo "hunspell -l words flagged: $(wc -l <"$work/hunspell.out"); crieur lint: $(tail -n 1 "$work/lint.out")"
echo "hunspell -l -d $dict, $runs runs, wall (s): $(cut -d' ' -f1 "$work/t.hunspell" | tr '\n' ' ')median $h; CPU median $hc"
echo "crieur lint,          $runs runs, wall (s): $(cut -d' ' -f1 "$work/t.crieur" | tr '\n' ' ')median $c; CPU median $cc"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
ratio=$(echo "scale=3; $c / $h" | bc)
echo "ratio crieur/hunspell (wall medians): $ratio; CPU: $(echo "scale=3; $cc / $hc" | bc)"
[ -z "${MAX:-}" ] || [ "$(echo "$ratio <= $MAX" | bc)" = 1 ] || { echo "above $MAX"; exit 1; }
