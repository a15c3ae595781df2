#!/usr/bin/env bash
# with-postgres.sh COMMAND [ARG...]
#
# Runs COMMAND against a throw-away PostgreSQL cluster and exits with COMMAND's exit code.
# The cluster lives in a new temporary folder: initdb as the `postgres` system user when run as
# root (PostgreSQL refuses to run as root), listening on 127.0.0.1 only at a free port, its unix
# socket in that folder, fsync left on (what the server's tests check is durability). COMMAND
# sees:
#   KETASCREEN_TEST_POSTGRES_URL  postgresql://ketascreen:PASSWORD@127.0.0.1:PORT/ketascreen
#   KETASCREEN_TEST_POSTGRES_BIN  the folder of psql, pg_ctl, ... used
# The cluster is stopped and the folder removed whatever happens: on exit, on INT/TERM, and by a
# detached watchdog when this script is killed outright (ctest's TIMEOUT sends SIGKILL).
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: with-postgres.sh COMMAND [ARG...]" >&2
  exit 2
fi

# The PostgreSQL programs: $PG_BIN, else the folder initdb on PATH really lives in (PATH may hold
# only a few links to it), else the newest Debian install.
find_pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$newest" ]; then
    echo "with-postgres.sh: no PostgreSQL server programs found (install postgresql, or set PG_BIN); skipped" >&2
    exit 77  # ctest's SKIP_RETURN_CODE for these tests
  fi
  echo "$newest"
}
PG_BIN=$(find_pg_bin)

# PostgreSQL will not run as root: as root, its programs run as the `postgres` system user.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ketascreen-pg.XXXXXX")
DATA="$WORK/data"
LOG="$WORK/postgres.log"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$WORK"
  if ! runuser -u postgres -- test -w "$WORK"; then
    echo "with-postgres.sh: the postgres user cannot reach $WORK (set TMPDIR to a folder it can, e.g. /tmp)" >&2
    rm -rf "$WORK"
    exit 1
  fi
fi
COMMAND_PID=""

stop_cluster() {
  if [ -f "$DATA/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}

# Runs once, on any exit; keeps the exit status the script was leaving with.
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$COMMAND_PID" ] && kill -0 "$COMMAND_PID" 2>/dev/null; then
    kill -TERM "$COMMAND_PID" 2>/dev/null || true
    wait "$COMMAND_PID" 2>/dev/null || true
  fi
  stop_cluster
  [ -n "${WATCHDOG_PID:-}" ] && kill "$WATCHDOG_PID" 2>/dev/null
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The watchdog: a process outside this script's process tree (so a tree-wide SIGKILL spares it)
# that stops the cluster once this script is gone without cleaning up.
WATCHDOG_PID=$(
  setsid bash -c '
    while kill -0 "$1" 2>/dev/null; do sleep 1; done
    if [ -f "$3/postmaster.pid" ]; then
      if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$2/pg_ctl" -D "$3" -m immediate -w stop
      else "$2/pg_ctl" -D "$3" -m immediate -w stop; fi
    fi
    rm -rf "$4"' watchdog "$$" "$PG_BIN" "$DATA" "$WORK" >/dev/null 2>&1 </dev/null &
  echo $!
)

# Local (unix socket, in $WORK, mode 0700) connections trust the superuser, so this script needs
# no password of its own; TCP connections need the role's password, as the server's would.
as_postgres "$PG_BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || {
  cat "$WORK/initdb.log" >&2
  exit 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free port: a random one nobody listens on; if another process takes it between the check
# and the start, pg_ctl fails and the next attempt picks again.
start_cluster() {
  local attempt port
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 30000))
    port_in_use "$port" && continue
    if as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 -o \
      "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$WORK -c fsync=on -c max_connections=200" \
      start >/dev/null 2>&1; then
      PORT=$port
      return 0
    fi
  done
  echo "with-postgres.sh: PostgreSQL did not start; its log:" >&2
  cat "$LOG" >&2 || true
  return 1
}
start_cluster

PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$WORK" -p "$PORT" -U postgres -d postgres \
  -c "CREATE ROLE ketascreen LOGIN PASSWORD '$PASSWORD'" \
  -c "CREATE DATABASE ketascreen OWNER ketascreen" >/dev/null

export KETASCREEN_TEST_POSTGRES_URL="postgresql://ketascreen:$PASSWORD@127.0.0.1:$PORT/ketascreen"
export KETASCREEN_TEST_POSTGRES_BIN="$PG_BIN"

# In the background, so INT/TERM reach the traps at once rather than after COMMAND ends.
"$@" &
COMMAND_PID=$!
set +e
wait "$COMMAND_PID"
status=$?
set -e
COMMAND_PID=""
exit "$status"
