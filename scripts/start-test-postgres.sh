#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server for the tests on 127.0.0.1 and a free port, creates
# the database blackbird_test, and prints the line that exports its connection string:
#   eval "$(scripts/start-test-postgres.sh)"    # sets BLACKBIRD_TEST_PG
# Idempotent: when the server from an earlier call still runs, it only prints the line again.
# Runs the server as user postgres when called as root (initdb refuses root).
# Stop it with scripts/stop-test-postgres.sh. BLACKBIRD_TEST_PG_DIR moves its folder.
set -euo pipefail

base="${BLACKBIRD_TEST_PG_DIR:-/tmp/blackbird-test-pg}"
bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
dbname=blackbird_test

say() { echo "start-test-postgres: $*" >&2; }

if [ ! -x "$bindir/postgres" ]; then
  say "PostgreSQL 15 is not installed in $bindir (apt-get install postgresql)"
  exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres --)
fi

connection_line() {
  echo "export BLACKBIRD_TEST_PG='host=127.0.0.1 port=$1 dbname=$dbname user=postgres'"
}

if [ -f "$base/port" ] && "$bindir/pg_isready" -q -h 127.0.0.1 -p "$(cat "$base/port")"; then
  say "already running on port $(cat "$base/port")"
  connection_line "$(cat "$base/port")"
  exit 0
fi

# A folder left by a server that is gone: start from scratch.
if [ -d "$base" ]; then
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$base/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$base"
fi
mkdir -p "$base"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$base"
fi


"${as_owner[@]}" "$bindir/initdb" -D "$base/data" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 --no-sync >"$base/initdb.log" 2>&1 || {
  say "initdb failed; see $base/initdb.log"
  exit 1
}

# A port nobody answers on right now; if another process takes it before the server binds it,
# the start fails and the next candidate is tried.
free_port() {
  local candidate
  while true; do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
}

# Durability is switched off: the data is thrown away after the tests.
started=no
for attempt in 1 2 3 4 5; do
  port="$(free_port)"
  if "${as_owner[@]}" "$bindir/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $base -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null; then
    started=yes
    break
  fi
  say "port $port did not work (attempt $attempt); trying another"
done
if [ "$started" != yes ]; then
  say "the server did not start; see $base/server.log"
  exit 1
fi

"${as_owner[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$dbname"
echo "$port" >"$base/port"
say "PostgreSQL running on 127.0.0.1:$port, database $dbname (folder $base)"
connection_line "$port"
