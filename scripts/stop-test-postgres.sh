#!/usr/bin/env bash
# Stops the PostgreSQL server started by start-test-postgres.sh and removes its folder.
set -euo pipefail

base="${BLACKBIRD_TEST_PG_DIR:-/tmp/blackbird-test-pg}"
bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"

if [ ! -d "$base" ]; then
  echo "stop-test-postgres: nothing to stop ($base does not exist)" >&2
  exit 0
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres --)
fi

"${as_owner[@]}" "$bindir/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$base"
echo "stop-test-postgres: stopped and removed $base" >&2
