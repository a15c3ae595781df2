#!/usr/bin/env bash
# two_processes_test.sh SERVER_BINARY CLI_BINARY CONTENT_DIR   (run under with-postgres.sh)
#
# Exactly once across processes: two `ketascreen-server serve` processes share one PostgreSQL
# database and one key file. 40 concurrent POSTs of the same referral, alternating between them,
# must store one row and answer one 201 and 39 times 200, all with the same receipt. Then one new
# referral per server is stored once, and its retry at the other server is answered from it.
# Both servers are stopped whatever happens; exit 0 only when every check held.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: two_processes_test.sh SERVER_BINARY CLI_BINARY CONTENT_DIR" >&2
  exit 2
fi
SERVER=$1
CLI=$2
CONTENT=$3
: "${KETASCREEN_TEST_POSTGRES_URL:?run this under tests/server/with-postgres.sh}"
PSQL="${KETASCREEN_TEST_POSTGRES_BIN:+$KETASCREEN_TEST_POSTGRES_BIN/}psql"
RACERS=40

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ketascreen-two.XXXXXX")
SERVER_PIDS=()
FAILURES=0

stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do
    # A server stops within a second of SIGTERM; one that does not is killed.
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_servers
  if [ "$status" -ne 0 ] || [ "$FAILURES" -ne 0 ]; then
    for log in "$WORK"/server-*.log; do
      [ -f "$log" ] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }
    done
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

check() {  # check DESCRIPTION EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then
    echo "ok: $1"
  else
    echo "FAILED: $1: expected [$2], got [$3]" >&2
    FAILURES=$((FAILURES + 1))
  fi
}

count_rows() {  # count_rows SQL: one number from the shared database
  "$PSQL" -X -A -t -q -v ON_ERROR_STOP=1 -d "$KETASCREEN_TEST_POSTGRES_URL" -c "$1"
}

# --- Setting up: the bundle, example payloads, one key file, two configurations -------------

bundled=$("$CLI" bundle "$CONTENT" -o "$WORK/content.json" 2>&1) || { echo "$bundled" >&2; exit 1; }
"$CLI" example-referral "$WORK/content.json" --count 3 >"$WORK/payloads.jsonl"
for n in 1 2 3; do sed -n "${n}p" "$WORK/payloads.jsonl" >"$WORK/p$n.json"; done
payload_id() { sed -n 's/^{"id":"\([0-9a-f-]\{36\}\)".*/\1/p' "$1"; }
ID1=$(payload_id "$WORK/p1.json")
ID2=$(payload_id "$WORK/p2.json")
ID3=$(payload_id "$WORK/p3.json")
[ -n "$ID1" ] && [ -n "$ID2" ] && [ -n "$ID3" ] || { echo "no id in the example payloads" >&2; exit 1; }

# The URL holds the role's password: the configurations are written for this user only.
umask 077
for name in a b; do
  cat >"$WORK/server-$name.json" <<EOF
{"database": "$KETASCREEN_TEST_POSTGRES_URL", "key_file": "ketascreen.key", "content": "content.json",
 "allowed_origins": ["https://harborlight.example.com"], "listen": {"address": "127.0.0.1", "port": 8080}}
EOF
done
# init creates the one key file both servers read (so both compute the same body MAC) and the
# schema, before the servers start.
"$SERVER" init --config "$WORK/server-a.json" >/dev/null

# --port 0: the kernel picks a free port; the server prints the one it got.
start_server() {  # start_server NAME: runs server NAME in the background
  local name=$1 log="$WORK/server-$1.log"
  "$SERVER" serve --config "$WORK/server-$name.json" --port 0 >"$log" 2>&1 &
  SERVER_PIDS+=($!)
}
wait_for_port() {  # wait_for_port NAME: prints the port once the server listens
  local log="$WORK/server-$1.log" port=""
  for _ in $(seq 1 150); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$log")
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.2
  done
  echo "server $1 did not start" >&2
  return 1
}
start_server a
start_server b
PORT_A=$(wait_for_port a)
PORT_B=$(wait_for_port b)
echo "servers on 127.0.0.1:$PORT_A and 127.0.0.1:$PORT_B sharing one PostgreSQL database"

post() {  # post PORT PAYLOAD_FILE KEY OUT_PREFIX: writes OUT_PREFIX.code and OUT_PREFIX.body
  curl -sS --max-time 30 -o "$4.body" -w '%{http_code}\n' -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $3" --data-binary @"$2" "http://127.0.0.1:$1/api/referrals" >"$4.code" || echo "curl-failed" >"$4.code"
}

# --- 1. The same referral 40 times at once, alternating between the servers ------------------

mkdir "$WORK/race"
# One curl with --parallel opens all 40 connections at once (40 curl processes would start a few
# milliseconds apart, and most would find the first one's row already stored): as many requests
# as possible pass the "already stored?" look-up together and race in INSERT ... ON CONFLICT.
targets=()
for i in $(seq 1 "$RACERS"); do
  if [ $((i % 2)) -eq 0 ]; then port=$PORT_A; else port=$PORT_B; fi
  targets+=(-o "$WORK/race/$i.body" "http://127.0.0.1:$port/api/referrals")
done
curl -sS --parallel --parallel-immediate --parallel-max "$RACERS" --max-time 30 -w '%{http_code}\n' \
  -H 'Content-Type: application/json' -H "Idempotency-Key: $ID1" --data-binary @"$WORK/p1.json" \
  "${targets[@]}" >"$WORK/race/codes" || true

codes=$(sort "$WORK/race/codes" | uniq -c | awk '{print $2 "x" $1}' | paste -sd' ')
check "one 201 and $((RACERS - 1)) times 200 across both servers" "200x$((RACERS - 1)) 201x1" "$codes"
check "every answer carries the same receipt" "1" "$(cat "$WORK"/race/*.body | sort -u | wc -l | tr -d ' ')"
check "the receipt names the referral" "1" "$(grep -c "\"id\":\"$ID1\"" "$WORK/race/1.body" || true)"
check "one row in referrals" "1" "$(count_rows "SELECT count(*) FROM referrals")"
check "that row is the referral" "1" "$(count_rows "SELECT count(*) FROM referrals WHERE id = '$ID1'")"

# --- 2. A new referral at each server, then its retry at the other -------------------------------

mkdir "$WORK/new"
post "$PORT_A" "$WORK/p2.json" "$ID2" "$WORK/new/2a"
post "$PORT_B" "$WORK/p3.json" "$ID3" "$WORK/new/3b"
check "a new referral at server a is 201" "201" "$(cat "$WORK/new/2a.code")"
check "a new referral at server b is 201" "201" "$(cat "$WORK/new/3b.code")"
post "$PORT_B" "$WORK/p2.json" "$ID2" "$WORK/new/2b"
post "$PORT_A" "$WORK/p3.json" "$ID3" "$WORK/new/3a"
check "server a's referral retried at server b is 200" "200" "$(cat "$WORK/new/2b.code")"
check "server b's referral retried at server a is 200" "200" "$(cat "$WORK/new/3a.code")"
check "the retry at b gets a's receipt" "$(cat "$WORK/new/2a.body")" "$(cat "$WORK/new/2b.body")"
check "the retry at a gets b's receipt" "$(cat "$WORK/new/3b.body")" "$(cat "$WORK/new/3a.body")"
check "each stored once" "1 1" "$(count_rows "SELECT count(*) FROM referrals WHERE id = '$ID2'") $(count_rows "SELECT count(*) FROM referrals WHERE id = '$ID3'")"
check "three rows in all" "3" "$(count_rows "SELECT count(*) FROM referrals")"

# --- 3. Both servers stop cleanly on SIGTERM ------------------------------------------------------

for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid"; done
for pid in "${SERVER_PIDS[@]}"; do
  status=0
  wait "$pid" || status=$?
  check "server $pid exits 0 on SIGTERM" "0" "$status"
done
SERVER_PIDS=()

if [ "$FAILURES" -ne 0 ]; then
  echo "$FAILURES check(s) failed" >&2
  exit 1
fi
echo "all checks passed"
