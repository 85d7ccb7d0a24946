#!/usr/bin/env bash
# Builds crieur's release archives with GoReleaser (.github/goreleaser.yaml):
# linux amd64 and arm64 (libhunspell linked statically; arm64
# cross-compiled, so this runs on an amd64 Debian or Ubuntu), darwin amd64
# and arm64, windows amd64, each with the French, English and Dutch
# dictionaries and their licences, checksums.txt and, when syft is on
# PATH, an SBOM per archive.
#
#   scripts/release.sh --snapshot   build into dist/, publish nothing
#                                   (what CI runs: CRIEUR_RELEASE_TEST=1)
#   scripts/release.sh --publish    on a version tag, in the release
#                                   workflow: a draft GitHub release that
#                                   the workflow attests, then publishes
#
# GoReleaser is the one on PATH when its version is $goreleaser_version
# (the release workflow installs it), otherwise it is built once from the
# Go module proxy into the cache ($XDG_CACHE_HOME/crieur/tools).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"

goreleaser_version=v2.17.0
mode=${1:---snapshot}
case "$mode" in
  --snapshot|--publish) ;;
  *) echo "usage: scripts/release.sh [--snapshot|--publish]" >&2; exit 2 ;;
esac

say() { echo "release: $*" >&2; }

# The Linux builds need cgo, libhunspell's static library (amd64's, and
# arm64's with the aarch64 cross compilers) and the dictionaries; deps.sh
# installs what is missing.
bash scripts/deps.sh --release
if [ ! -f "$(pkg-config --variable=libdir hunspell 2>/dev/null)/libhunspell-1.7.a" ] &&
  ! ls /usr/lib/x86_64-linux-gnu/libhunspell*.a >/dev/null 2>&1; then
  say "no static libhunspell (libhunspell-dev ships it): cannot link the Linux binary statically"
  exit 1
fi
if [ ! -f /usr/lib/aarch64-linux-gnu/libhunspell.a ] || ! command -v aarch64-linux-gnu-g++ >/dev/null 2>&1; then
  say "no arm64 libhunspell or aarch64 cross compiler (libhunspell-dev:arm64, g++-aarch64-linux-gnu): cannot build the linux/arm64 binary"
  exit 1
fi

# The dictionaries the archives ship, with their licences (Debian's
# copyright files name the authors and the licence of each).
# GoReleaser takes the archives' files from inside the repository: they
# are staged in a folder that git ignores, removed when done.
dicts=.github/release-dictionaries
rm -rf "$dicts" && mkdir -p "$dicts"
trap 'rm -rf "$dicts"' EXIT
stage() { # dictionary name, Debian package
  local d found=
  for d in /usr/share/hunspell /usr/share/myspell/dicts; do
    if [ -f "$d/$1.aff" ] && [ -f "$d/$1.dic" ]; then
      cp -L "$d/$1.aff" "$d/$1.dic" "$dicts/"
      found=1
      break
    fi
  done
  [ -n "$found" ] || { say "no $1 dictionary (package $2)"; exit 1; }
  if [ -f "/usr/share/doc/$2/copyright" ]; then
    cp -L "/usr/share/doc/$2/copyright" "$dicts/$1.LICENSE"
    # The full text of a licence Debian keeps apart (MPL-2.0 for French).
    { grep -o "/usr/share/common-licenses/[A-Za-z0-9.+-]*[A-Za-z0-9]" "$dicts/$1.LICENSE" || true; } | sort -u |
      while read -r l; do
        if [ -f "$l" ]; then cp -L "$l" "$dicts/$(basename "$l").txt"; fi
      done
  else
    say "no licence file for $1 (/usr/share/doc/$2/copyright)"; exit 1
  fi
  echo "$1: Debian package $2 $(dpkg-query -W -f='${Version}' "$2" 2>/dev/null || echo '?'), licence in $1.LICENSE" >> "$dicts/README"
}
echo "Hunspell dictionaries shipped with crieur, as Debian packages them:" > "$dicts/README"
stage fr hunspell-fr-comprehensive
stage en_US hunspell-en-us
stage nl hunspell-nl
export CRIEUR_RELEASE_DICTIONARIES="$dicts"

# GoReleaser.
gr=goreleaser
if ! command -v goreleaser >/dev/null 2>&1 || [ "$(goreleaser --version 2>/dev/null | sed -n 's/^GitVersion: *//p')" != "$goreleaser_version" ]; then
  tools="${XDG_CACHE_HOME:-$HOME/.cache}/crieur/tools/goreleaser-$goreleaser_version"
  gr="$tools/goreleaser"
  if [ ! -x "$gr" ]; then
    say "building GoReleaser $goreleaser_version from the Go module proxy (once; a few minutes)"
    GOBIN="$tools" GOFLAGS='' go install "github.com/goreleaser/goreleaser/v2@$goreleaser_version"
  fi
fi

args=(--config .github/goreleaser.yaml --clean)
command -v syft >/dev/null 2>&1 || { say "syft is not on PATH: no SBOM"; args+=(--skip=sbom); }
start=$(date +%s)
if [ "$mode" = --snapshot ]; then
  # GOFLAGS=-buildvcs=false (set on some machines) would hide the commit
  # from the build information; GoReleaser passes it in -ldflags anyway.
  GOFLAGS='' "$gr" release --snapshot "${args[@]}"
else
  GOFLAGS='' "$gr" release "${args[@]}"
fi
say "built in $(( $(date +%s) - start )) s"

# Check what was built: every archive is in checksums.txt and matches it,
# and this machine's binary runs and says its version.
(cd dist && sha256sum --quiet -c checksums.txt)
n=$(find dist -maxdepth 1 \( -name '*.tar.gz' -o -name '*.zip' \) | wc -l)
[ "$n" -eq 5 ] || { say "want 5 archives, dist/ has $n"; exit 1; }
native=$(find dist -path "*_$(go env GOOS)_$(go env GOARCH)*/crieur" -type f | head -n 1)
[ -n "$native" ] && "$native" version >&2
# The cross-compiled linux/arm64 binary runs too (qemu-aarch64) and has
# libhunspell, not the pure-Go engine.
arm64=$(find dist -path "*_linux_arm64*/crieur" -type f | head -n 1)
if command -v qemu-aarch64 >/dev/null 2>&1; then
  v=$(qemu-aarch64 "$arm64" version) || { say "the linux/arm64 binary does not run under qemu-aarch64"; exit 1; }
  grep -q '^spelling: *libhunspell' <<<"$v" || { say "the linux/arm64 binary lacks libhunspell: $v"; exit 1; }
else
  say "no qemu-aarch64: the linux/arm64 binary was not run"
fi
ls -l dist/*.tar.gz dist/*.zip dist/checksums.txt >&2
