# Sourced by bench/server/run.sh inside tests/server/with-postgres.sh (KETASCREEN_TEST_POSTGRES_URL set):
# two ketascreen-server processes on the one PostgreSQL database, each loaded by its own wrk.
pg_port_a=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pg_port_b=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run_pg_server() {
  cat >"$tmp/$1.json" <<JSON
{"listen": {"address": "127.0.0.1", "port": $2}, "database": "$KETASCREEN_TEST_POSTGRES_URL", "key_file": "bench.key",
 "content": "content.json", "threads": 32, "rate_limit": {"new_referrals_per_hour": 1000000, "burst": 1000000}}
JSON
  "$server" serve --config "$tmp/$1.json" >"$tmp/$1.out" 2>"$tmp/$1.log" &
  echo $! >"$tmp/$1.pid"
  for _ in $(seq 100); do grep -q "listening on" "$tmp/$1.out" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: $1 did not start: $(cat "$tmp/$1.log")" >&2; return 1
}
trap 'kill $(cat "$tmp"/pg-server-*.pid 2>/dev/null) 2>/dev/null || true; wait 2>/dev/null || true' EXIT
run_pg_server pg-server-a "$pg_port_a"
run_pg_server pg-server-b "$pg_port_b"
wrk -t2 -c16 -d"${seconds}s" --latency -s "$lua" "http://127.0.0.1:$pg_port_a/api/referrals" -- "$tmp/pg-a.txt" 2 0 | grep '^{' >"$tmp/pg-a.json" &
load_a=$!
wrk -t2 -c16 -d"${seconds}s" --latency -s "$lua" "http://127.0.0.1:$pg_port_b/api/referrals" -- "$tmp/pg-b.txt" 2 0 | grep '^{' >"$tmp/pg-b.json" &
load_b=$!
wait "$load_a" "$load_b"
echo "bench: pg-a: $(cat "$tmp/pg-a.json")"
echo "bench: pg-b: $(cat "$tmp/pg-b.json")"
