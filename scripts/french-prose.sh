#!/usr/bin/env bash
# Runs crieur's own French grammar rules (linters/grammar, grammar.fr.*),
# and tone.address's imperatives of tu (linters/tone),
# over a large body of correct French written by no one here and prints
# each rule's findings per 10,000 words, every one of them listed: on
# such text they are false alarms. The text comes from Debian packages:
# the Debian Reference, the New Maintainers' Guide, the Debian Edu manual,
# aptitude's manual (HTML) and the French manual pages (man -l, rendered).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
pkgs="debian-reference-fr maint-guide-fr debian-edu-doc-fr aptitude-doc-fr manpages-fr hunspell-fr"
missing=""
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
out="${TMPDIR:-/tmp}/crieur-french-prose"
rm -rf "$out" && mkdir -p "$out/man"
cp /usr/share/debian-reference/debian-reference.fr.txt.gz /usr/share/doc/maint-guide-fr/maint-guide.fr.txt.gz "$out/"
cp /usr/share/doc/debian-edu-doc-fr/debian-edu-bookworm-manual.html "$out/"
cp -r /usr/share/doc/aptitude/html/fr "$out/aptitude"
find /usr/share/man/fr -type f | while read -r m; do
  MANWIDTH=2000 LANG=C.UTF-8 man -l "$m" 2>/dev/null | col -b >"$out/man/$(basename "$m").txt" || true
done
CRIEUR_FRENCH_PROSE="$out" go test -count=1 -v -run 'TestCorrectFrench$|TestImperativesProse$' ./linters/grammar/ ./linters/tone/ | grep -avE '^=== RUN'
