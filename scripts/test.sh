#!/usr/bin/env bash
# Sets up a Debian 12 machine, builds the project and runs every test: the normal build, then
# the whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer, then each
# libFuzzer target for a bounded time (BLACKBIRD_FUZZ_SECONDS, 60 s by default).
# Give preset names (default, asan, fuzz) to run only those.
# Servers the tests use are started here (PostgreSQL) or by the tests themselves (the local
# Blackbird stack with its Mosquitto broker, the device simulator).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

jobs=$(nproc)

build_and_test() {
  local preset=$1
  local extra=()
  # The normal build also builds, installs and removes the .deb packages.
  if [ "$preset" = default ]; then
    extra=(-DBLACKBIRD_TEST_PACKAGE=ON)
  fi
  echo "== ${preset}: configure and build"
  cmake --preset "$preset" "${extra[@]}"
  cmake --build --preset "$preset" -j "$jobs"
  echo "== ${preset}: test"
  scripts/with-session-services.sh ctest --preset "$preset" -j "$jobs"
}

# A throwaway PostgreSQL server for the tests of the shared stores.
if [ -x scripts/start-test-postgres.sh ]; then
  pg_env=$(mktemp)
  scripts/start-test-postgres.sh > "$pg_env"
  # shellcheck disable=SC1090
  source "$pg_env"
  trap 'scripts/stop-test-postgres.sh >/dev/null 2>&1 || true; rm -f "$pg_env"' EXIT
fi

presets=("$@")
if [ ${#presets[@]} -eq 0 ]; then
  presets=(default asan fuzz)
fi
for preset in "${presets[@]}"; do
  build_and_test "$preset"
done
