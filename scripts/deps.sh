#!/usr/bin/env bash
# Installs what crieur's tour and tests need on a fresh Debian/Ubuntu
# machine, only what is missing: git (the tests make real repositories and
# commits) and checks that Go 1.25+ is there. Safe to run again.
set -euo pipefail

need=()
command -v git >/dev/null 2>&1 || need+=(git)
command -v cp >/dev/null 2>&1 || need+=(coreutils)

if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: please install: ${need[*]}" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "deps: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
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
