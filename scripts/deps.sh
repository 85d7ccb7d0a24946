#!/usr/bin/env bash
# Installs what crieur's tour and tests need on a fresh Debian/Ubuntu
# machine, only what is missing: git (the tests make real repositories and
# commits), Grammalecte for French grammar, what the spell checker needs (a C compiler and libhunspell for
# cgo, the French, English and Dutch dictionaries, and the hunspell
# command its tests compare with), and checks that Go 1.25+ is there.
# Safe to run again.
#
# --tests adds what only the tests need: Debian's chromium, the real
# headless browser the HTML report and calendar page are checked in, and the
# linter shellcheck, which actionlint runs on the workflows' scripts.
set -euo pipefail
tests=false
[ "${1:-}" = --tests ] && tests=true

need=()
command -v git >/dev/null 2>&1 || need+=(git)
command -v cp >/dev/null 2>&1 || need+=(coreutils)

# Spelling (linters/spelling). French: hunspell-fr-comprehensive, the
# "all variants" dictionary, accepts the traditional and the 1990 reform
# spellings alike (événement and évènement, connaître and connaitre):
# posts have several authors, and Belgium recommends the reform; a
# charter that wants one spelling lists the other in spelling.reject.
# It conflicts with hunspell-fr-classical: an installed French
# dictionary, whichever, is kept.
command -v gcc >/dev/null 2>&1 || need+=(gcc)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
[ -f /usr/include/hunspell/hunspell.h ] || need+=(libhunspell-dev)
command -v hunspell >/dev/null 2>&1 || need+=(hunspell)
dict() { # dictionary file name, package
  local d
  for d in ${CRIEUR_DICTIONARIES:+${CRIEUR_DICTIONARIES//:/ }} /usr/share/hunspell /usr/share/myspell/dicts /usr/share/myspell; do
    [ -f "$d/$1.aff" ] && [ -f "$d/$1.dic" ] && return 0
  done
  need+=("$2")
}
# French grammar (linters/grammar): Grammalecte, run as a separate process.
command -v grammalecte-cli >/dev/null 2>&1 || need+=(grammalecte-cli)
dict fr hunspell-fr-comprehensive
dict en_US hunspell-en-us
dict nl hunspell-nl
if $tests; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  # actionlint runs it on the workflows' scripts (pipeline/github/workflows).
  command -v shellcheck >/dev/null 2>&1 || need+=(shellcheck)
fi

if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: please install: ${need[*]} (Debian/Ubuntu names; on macOS: brew install hunspell pkg-config, and the fr, en_US and nl dictionaries in a folder named by CRIEUR_DICTIONARIES)" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "deps: installing ${need[*]} (apt)" >&2
  # Quiet unless it fails (apt-get talks on stderr even with -qq), but
  # saying every 15 s that it is still at it; apt waits up to 10 min for
  # the dpkg lock of another install on the machine.
  log=$(mktemp)
  { $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}"; } >"$log" 2>&1 &
  pid=$! start=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if kill -0 "$pid" 2>/dev/null && [ $(((SECONDS - start) % 15)) -eq 0 ]; then
      echo "deps: still installing ($((SECONDS - start)) s)" >&2
    fi
  done
  if ! wait "$pid"; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  echo "deps: installed in $((SECONDS - start)) s" >&2
fi

if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then
    echo "deps: add /usr/local/go/bin to PATH" >&2
  else
    echo "deps: Go 1.25 or newer is needed: https://go.dev/doc/install" >&2
  fi
  exit 1
fi
version=$(go env GOVERSION | sed 's/^go//')
major=${version%%.*}; rest=${version#*.}; minor=${rest%%.*}
if [ "$major" -lt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 25 ]; }; then
  echo "deps: Go $version is too old, crieur needs 1.25 or newer" >&2
  exit 1
fi
