#!/usr/bin/env bash
# The demo clinic with its referral server, as `./build-wasm.sh serve` runs it: ketascreen-server on
# 127.0.0.1 serves dist/ (the demo pages), takes their referrals for real and keeps them in an
# SQLite database under var/demo/, and serves the intake inbox. Made once, kept between runs:
#   var/demo/server.json            the configuration (dist/content.json posts to this server)
#   var/demo/ketascreen.key         the key file (0600), var/demo/ketascreen.sqlite3 the database
#   var/demo/<user>.password        the demo logins' passwords (0600), printed at start
# usage: scripts/serve-demo.sh [--port N]     (dist/ and build/native must be built already)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
port=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || { echo "serve-demo: --port needs a number" >&2; exit 2; }; port="$2"; shift 2 ;;
    *) echo "serve-demo: unknown option '$1' (use --port N)" >&2; exit 2 ;;
  esac
done
case "$port" in ''|*[!0-9]*) echo "serve-demo: --port takes a number" >&2; exit 2 ;; esac

server=build/native/server/ketascreen-server
cli=build/native/tools/ketascreen
[ -x "$server" ] && [ -x "$cli" ] || { echo "serve-demo: build first (./build-wasm.sh serve does)" >&2; exit 1; }
[ -f dist/ketascreen.js ] || { echo "serve-demo: dist/ is not built (./build-wasm.sh)" >&2; exit 1; }

umask 077
state="$ROOT/var/demo"
mkdir -p "$state"
base="http://127.0.0.1:$port"
# The demo clinic's content, posting its referrals to this server instead of the fictional clinic.
"$cli" bundle content -o dist/content.json --referral-endpoint "$base/api/referrals" 2>/dev/null
cat >"$state/server.json" <<JSON
{
  "listen": {"address": "127.0.0.1", "port": $port},
  "public_url": "$base",
  "database": "ketascreen.sqlite3",
  "key_file": "ketascreen.key",
  "content": "../../dist/content.json",
  "static_dir": "../../dist",
  "allowed_origins": ["$base", "http://localhost:$port"],
  "threads": 8
}
JSON
"$server" --check "$state/server.json" >/dev/null
"$server" init --config "$state/server.json" >/dev/null

# Demo logins: a password is made once (random), kept in var/demo, and printed at every start.
# demo_user NAME ROLE [PROVIDER]: a provider's staff see only the requests routed to that provider.
demo_user() {
  local name="$1" role="$2" file="$state/$1.password" password scope=()
  [ $# -ge 3 ] && scope=(--provider "$3")
  [ -s "$file" ] && return 0
  password="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
  if ! "$server" user add "$name" --role "$role" "${scope[@]}" --password-stdin --config "$state/server.json" \
      <<<"$password" >/dev/null 2>"$state/user-add.err"; then
    if grep -q "exists already" "$state/user-add.err"; then
      echo "serve-demo: user '$name' exists but var/demo/$name.password is gone; delete var/demo to start over" >&2
    else
      cat "$state/user-add.err" >&2
    fi
    exit 1
  fi
  printf '%s\n' "$password" >"$file"
}
demo_user intake intake
demo_user admin admin
# Two of the demo network's providers (content/providers.json), both near ZIP 66209.
demo_user prairie intake prairie-mind-overland-park
demo_user olathe intake olathe-spravato-clinic

cat <<TEXT

  Demo clinic page:  $base/index.html
  Intake inbox:      $base/inbox
    network intake:  user intake   password $(cat "$state/intake.password")   (every provider's requests)
    administrator:   user admin    password $(cat "$state/admin.password")   (also the audit log and reassigning)
    provider staff:  user prairie  password $(cat "$state/prairie.password")   (Prairie Mind, Overland Park KS, only)
                     user olathe   password $(cat "$state/olathe.password")   (Olathe Spravato Center, only)
  Try ZIP 66209 on the demo page: the nearest providers are offered; the request goes to the one chosen.
  Data:              var/demo/ (SQLite database, key file; delete the folder to start over)

TEXT
exec "$server" serve --config "$state/server.json"
