#!/usr/bin/env bash
# Installs a released crieur binary: the archive for this machine's OS
# and architecture, checked against the release's checksums.txt (and its
# build-provenance attestation when asked and gh can), unpacked into a
# folder of its own. action.yml runs it; so can anyone.
#
#   scripts/install.sh VERSION DIR    install release VERSION (v1.2.3)
#                                     into DIR; print DIR/crieur
#   scripts/install.sh --resolve REF  print the release a ref of this
#                                     repository is (v1.2.3, or the
#                                     version tag on the same commit
#                                     as v1 or as a commit id), or exit 3
#
# A DIR that holds the archive already (a restored cache) is not
# downloaded again: the archive is checked against the release's
# checksums.txt, fetched every time, and unpacked afresh.
#
# Exit status: 0 installed; 3 there is no
# such release or no archive for this platform (the caller may build from
# source); 1 a download or a check failed: never run what did not verify.
#
# Environment: CRIEUR_RELEASES (default
# https://github.com/crieur/crieur/releases/download), CRIEUR_GIT
# (https://github.com/crieur/crieur, for --resolve), CRIEUR_OS and
# CRIEUR_ARCH (default: this machine's), CRIEUR_ATTESTATION (true: verify
# with gh attestation verify, failing without gh; auto, the default:
# when gh and a token are there; false: never).
set -euo pipefail

releases=${CRIEUR_RELEASES:-https://github.com/crieur/crieur/releases/download}
repo_git=${CRIEUR_GIT:-https://github.com/crieur/crieur}
say() { echo "crieur install: $*" >&2; }

semver='^v[0-9]+\.[0-9]+\.[0-9]+$'

resolve() { # REF -> version
  local ref=$1 refs sha
  if [[ $ref =~ $semver ]]; then echo "$ref"; return 0; fi
  refs=$(git ls-remote --tags "$repo_git" 2>/dev/null) || { say "cannot list the tags of $repo_git"; return 3; }
  if [[ $ref =~ ^[0-9a-f]{40}$ ]]; then
    sha=$ref
  else
    # A tag's commit: the peeled line (^{}) of an annotated tag, or the
    # tag itself when it is lightweight.
    sha=$(awk -v r="refs/tags/$ref^{}" '$2 == r {print $1}' <<<"$refs")
    [ -n "$sha" ] || sha=$(awk -v r="refs/tags/$ref" '$2 == r {print $1}' <<<"$refs")
  fi
  [ -n "$sha" ] || { say "$ref is no tag of $repo_git"; return 3; }
  local v
  v=$(awk -v s="$sha" '$1 == s {sub("refs/tags/", "", $2); sub("\\^\\{\\}$", "", $2); print $2}' <<<"$refs" |
    grep -E "$semver" | sort -V | tail -n 1 || true)
  [ -n "$v" ] || { say "no release is tagged on $ref ($sha)"; return 3; }
  echo "$v"
}

platform() {
  local os arch
  os=${CRIEUR_OS:-$(uname -s | tr '[:upper:]' '[:lower:]')}
  arch=${CRIEUR_ARCH:-$(uname -m)}
  case "$os" in
    linux|darwin) ;;
    mingw*|msys*|cygwin*|windows) os=windows ;;
    *) say "no release for the OS $os"; return 3 ;;
  esac
  case "$arch" in
    x86_64|amd64|x64) arch=amd64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) say "no release for the architecture $arch"; return 3 ;;
  esac
  echo "$os $arch"
}

fetch() { # URL FILE: 0, 3 when not found, 1 otherwise
  local code
  code=$(curl -sSL --retry 3 --retry-delay 1 --connect-timeout 10 -o "$2" -w '%{http_code}' "$1") || { say "cannot download $1"; return 1; }
  case "$code" in
    200) return 0 ;;
    404) say "not found: $1"; return 3 ;;
    *) say "HTTP $code for $1"; return 1 ;;
  esac
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

install() { # VERSION DIR
  local version=$1 dir=$2 os arch ext name want got tmp
  read -r os arch < <(platform) || return 3
  [ -n "${os:-}" ] || return 3
  ext=tar.gz; [ "$os" = windows ] && ext=zip
  name="crieur_${version#v}_${os}_${arch}.$ext"
  local exe=crieur; [ "$os" = windows ] && exe=crieur.exe
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  local s=0
  # checksums.txt is fetched on every run (a few hundred bytes): the
  # archive a restored cache holds is checked against it like a download,
  # and unpacked afresh, so a cache some other job wrote cannot slip in
  # another binary.
  fetch "$releases/$version/checksums.txt" "$tmp/checksums.txt" || s=$?
  [ $s -eq 0 ] || return $s
  want=$(awk -v n="$name" '$2 == n || $2 == "*" n {print $1}' "$tmp/checksums.txt")
  [ -n "$want" ] || { say "$name is not in the checksums of $version: no archive for $os/$arch"; return 3; }
  local cached=false
  if [ -f "$dir/$name" ] && [ "$(sha256 "$dir/$name")" = "$want" ]; then
    cp "$dir/$name" "$tmp/$name"
    cached=true
    say "$version ($os/$arch): the cached archive in $dir matches checksums.txt"
  else
    fetch "$releases/$version/$name" "$tmp/$name" || s=$?
    [ $s -eq 0 ] || return $s
  fi
  got=$(sha256 "$tmp/$name")
  if [ "$got" != "$want" ]; then
    say "$name: checksum mismatch (sha256 $got, checksums.txt says $want): refusing to run it"
    return 1
  fi
  # The attestation is checked on download; a cached archive was checked
  # then, and matches the release's checksums now.
  if ! $cached; then
    case "${CRIEUR_ATTESTATION:-auto}" in
      true) attest "$tmp/$name" || return 1 ;;
      auto) if command -v gh >/dev/null 2>&1 && [ -n "${GH_TOKEN:-${GITHUB_TOKEN:-}}" ]; then attest "$tmp/$name" || return 1; fi ;;
    esac
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$ext" = zip ]; then
    unzip -q "$tmp/$name" -d "$dir"
  else
    tar -xzf "$tmp/$name" -C "$dir"
  fi
  [ -f "$dir/$exe" ] || { say "$name has no $exe"; return 1; }
  chmod +x "$dir/$exe"
  cp "$tmp/$name" "$dir/$name" # what the cache keeps for the next run
  if ! $cached; then
    say "installed $version ($os/$arch, $(wc -c < "$tmp/$name" | tr -d ' ') bytes, sha256 verified) in $dir"
  fi
  echo "$dir/$exe"
}

attest() {
  command -v gh >/dev/null 2>&1 || { say "gh is needed to verify the attestation"; return 1; }
  GH_TOKEN=${GH_TOKEN:-${GITHUB_TOKEN:-}} gh attestation verify "$1" --repo "${repo_git#https://github.com/}" >/dev/null ||
    { say "$(basename "$1"): its build-provenance attestation does not verify"; return 1; }
  say "$(basename "$1"): build provenance verified"
}

case "${1:-}" in
  --resolve) [ $# -eq 2 ] || { say "usage: install.sh --resolve REF"; exit 2; }; resolve "$2" ;;
  v*) [ $# -eq 2 ] || { say "usage: install.sh VERSION DIR"; exit 2; }; install "$1" "$2" ;;
  *) say "usage: install.sh VERSION DIR | --resolve REF"; exit 2 ;;
esac
