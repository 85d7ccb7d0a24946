#!/usr/bin/env bash
# Compares crieur's two spelling engines on real French prose (the Debian
# Reference in French, as scripts/prose.sh) and on content-example:
# libhunspell (-tags hunspell, the Linux amd64 release binary) and the
# pure-Go gospell (every other build). Prints the findings each flags,
# what only one flags, lint time and memory, and binary sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
bash scripts/deps.sh
text=/usr/share/debian-reference/debian-reference.fr.txt.gz
if [ ! -f "$text" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq debian-reference-fr >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for e in hunspell pure; do
  tags=; [ $e = hunspell ] && tags=hunspell
  CRIEUR_PROSE="$text" CRIEUR_PROSE_OUT="$work/prose.$e" go test -tags "$tags" -count=1 -run 'TestRealProse$' ./linters/spelling/ >/dev/null
  if [ $e = hunspell ]; then
    CGO_ENABLED=1 CGO_LDFLAGS="-lstdc++ -lm" go build -trimpath -tags hunspell,netgo,osusergo \
      -ldflags '-s -w -linkmode external -extldflags "-static"' -o "$work/crieur-$e" ./cmd/crieur
  else
    CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$work/crieur-$e" ./cmd/crieur
  fi
  # lint exits 1: content-example has two posts wrong on purpose.
  (cd content-example && { /usr/bin/time -f "%e %M" -o "$work/time.$e" "$work/crieur-$e" lint --now 2026-11-01T08:00 >"$work/lint.$e" 2>&1 || true; })
  read -r secs kb < <(tail -n 1 "$work/time.$e") # after "Command exited with non-zero status 1"
  printf '%-9s prose findings %6d  content-example lint %5.2f s, %4d MiB peak  binary %5.1f MiB\n' \
    "$e" "$(wc -l < "$work/prose.$e")" "$secs" $((kb / 1024)) "$(echo "scale=1; $(stat -c %s "$work/crieur-$e") / 1048576" | bc)"
done
echo "flagged by libhunspell only: $(diff "$work/prose.hunspell" "$work/prose.pure" | grep -c '^<' || true) ($(diff "$work/prose.hunspell" "$work/prose.pure" | sed -n 's/^< //p' | sort -u | tr '\n' ' '))"
echo "flagged by gospell only:     $(diff "$work/prose.hunspell" "$work/prose.pure" | grep -c '^>' || true) ($(diff "$work/prose.hunspell" "$work/prose.pure" | sed -n 's/^> //p' | sort -u | tr '\n' ' '))"
echo "content-example, lint output that differs:"
diff "$work/lint.hunspell" "$work/lint.pure" || true
