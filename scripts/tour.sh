#!/usr/bin/env bash
# The five-minute tour: runs crieur's main job on content-example/ in a
# temporary copy (a git repository of its own), so the tracked files never
# change. Lint, preview, calendar, publish into the local outbox, the
# commit it made, and a second run that has nothing left to do.
#
#   scripts/tour.sh                 # as of 2026-11-22 12:00, the README's output
#   NOW=now scripts/tour.sh         # as of the real clock
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
bash scripts/deps.sh

NOW=${NOW:-2026-11-22 12:00}
work=$(mktemp -d)
trap 'echo; echo "the tour left its copy in $work"' EXIT
go build -tags hunspell -o "$work/crieur" ./cmd/crieur
crieur="$work/crieur"
cp -r content-example "$work/repo"
cd "$work/repo"
git init -q -b main
git -c user.name="Camille CM" -c user.email=camille@example.org add -A
git -c user.name="Camille CM" -c user.email=camille@example.org commit -q -m "La Verrière : contenus de novembre et décembre"
export GIT_AUTHOR_NAME="crieur" GIT_AUTHOR_EMAIL="crieur@users.noreply.github.com"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step crieur lint --now "'$NOW'"
"$crieur" lint --now "$NOW" || true

step crieur preview posts/2026/11/dix-ans.md
"$crieur" preview posts/2026/11/dix-ans.md

step crieur plan --now "'$NOW'" --from 2026-11-16 --to 2026-11-30
"$crieur" plan --now "$NOW" --from 2026-11-16 --to 2026-11-30

step crieur publish --now "'$NOW'"
"$crieur" publish --now "$NOW" || true

step git log --stat -1
git --no-pager log --stat -1

step crieur publish --now "'$NOW'"
"$crieur" publish --now "$NOW" || true

step ls outbox/mastodon
ls outbox/mastodon

step crieur plan --now "'$NOW'" --html calendrier.html --from 2026-11-01 --to 2026-12-31
"$crieur" plan --now "$NOW" --html calendrier.html --from 2026-11-01 --to 2026-12-31

step crieur history posts/2026/11/dix-ans.md
"$crieur" history posts/2026/11/dix-ans.md

step crieur report --month 2026-11 --now "'$NOW'" --out rapport
"$crieur" report --month 2026-11 --now "$NOW" --out rapport
echo "open $work/repo/rapport/report.html and $work/repo/calendrier.html in a browser"
