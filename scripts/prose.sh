#!/usr/bin/env bash
# Lints a large body of real French prose written by no one here (the
# Debian Reference in French, Debian package debian-reference-fr, GPL-2+)
# and prints spelling findings per 1,000 words next to `hunspell -l` on
# the same text.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
bash scripts/deps.sh
text=/usr/share/debian-reference/debian-reference.fr.txt.gz
if [ ! -f "$text" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debian-reference-fr >/dev/null
fi
CRIEUR_PROSE="$text" go test -tags hunspell -count=1 -v -run 'TestRealProse$' ./linters/spelling/ | grep -E 'paragraphs|findings|ok|FAIL'
