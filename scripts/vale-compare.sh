#!/usr/bin/env bash
# Compares crieur with Vale 3.19 on the same French posts, the same
# Hunspell French dictionary and equivalent existence rules: wall time,
# peak memory and findings. Vale is built from the Go module proxy into a
# temporary folder (never into the repository).
#
#   scripts/vale-compare.sh [N]     # N posts, default 1000
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
bash scripts/deps.sh
n=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

vale=${VALE:-}
if [ -z "$vale" ]; then
  echo "building Vale 3.19.0 (once per machine, cached by Go)…" >&2
  GOFLAGS= GOBIN="$work/bin" go install github.com/errata-ai/vale/v3/cmd/vale@v3.19.0
  vale="$work/bin/vale"
fi
go build -tags hunspell -o "$work/crieur" ./cmd/crieur

# The same posts for both: correct French with elisions, and one post in
# ten with misspellings, elided or not, and a forbidden word.
repo="$work/repo"
mkdir -p "$repo/posts"
cat > "$repo/crieur.yml" <<'YML'
timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon:
    type: outbox
YML
cat > "$repo/charte.yml" <<'YML'
languages: [fr]
forbidden:
  - term: gratos
  - term: kiffer
YML
for i in $(seq 1 "$n"); do
  d=$(( (i % 28) + 1 )); h=$(( 9 + (i % 10) ))
  body="L’orchestre de l’été joue jusqu’au 1er décembre : qu’il pleuve ou non, c’est-à-dire tous les soirs, l’entrée est libre. Aujourd’hui, d’ailleurs, nous accueillons les musiciens de la presqu’île."
  if [ $((i % 10)) -eq 0 ]; then
    body="L’orchestre de l’étè joue jusqu’au 1er décembre : qu’il pleuve ou non, c’est gratos. D’aileurs, les bénévolles vont s’aprêter à Bruxelle."
  fi
  printf -- '---\npublish_at: 2027-%02d-%02d %02d:00\n---\n%s\n' $(( (i % 12) + 1 )) "$d" "$h" "$body" > "$repo/posts/post-$i.md"
done

mkdir -p "$work/vale/styles/Crieur"
cat > "$work/vale/.vale.ini" <<INI
StylesPath = styles
MinAlertLevel = suggestion
[*.md]
BasedOnStyles = Crieur
INI
cat > "$work/vale/styles/Crieur/Spelling.yml" <<'YML'
extends: spelling
message: "'%s' is not in the fr dictionary"
level: warning
dicpath: /usr/share/hunspell
dictionaries:
  - fr
YML
cat > "$work/vale/styles/Crieur/Forbidden.yml" <<'YML'
extends: existence
message: "'%s' is forbidden by the charter"
level: error
ignorecase: true
tokens:
  - gratos
  - kiffer
YML

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>/dev/null || true
  read -r secs kb < <(tail -n 1 "$work/time")
  printf '%-8s %6.2f s wall  %5d MB peak\n' "$label" "$secs" $((kb / 1024))
}
command -v /usr/bin/time >/dev/null || { sudo="" ; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq time >/dev/null; }

echo "$n posts, the same French dictionary (/usr/share/hunspell/fr), the same forbidden words"
measure crieur "$work/crieur" -C "$repo" lint --now "2026-01-01 09:00" --format json
crieur_spell=$(grep -c '"rule": "spelling"' "$work/out" || true)
crieur_forbid=$(grep -c '"rule": "charte.forbidden"' "$work/out" || true)
(cd "$work/vale" && measure vale "$vale" --output=line "$repo/posts")
vale_spell=$(grep -c "is not in the fr dictionary" "$work/out" || true)
vale_forbid=$(grep -c "forbidden by the charter" "$work/out" || true)
echo
echo "spelling findings: crieur $crieur_spell, vale $vale_spell (expected: $(( n / 10 * 5 )), five misspellings in one post in ten)"
echo "forbidden words:   crieur $crieur_forbid, vale $vale_forbid (expected: $(( n / 10 )))"
echo
echo "a post with five misspellings (l’étè, d’aileurs, bénévolles, s’aprêter, Bruxelle):"
echo "- Vale:"
(cd "$work/vale" && "$vale" --output=line "$repo/posts/post-10.md" || true) | sed 's/^/    /'
echo "- crieur:"
"$work/crieur" -C "$repo" lint --now "2026-01-01 09:00" posts/post-10.md | grep -v hint | sed 's/^/    /' || true
