#!/usr/bin/env bash
# Sets up a Debian 12 machine, builds the project and runs the main job: the local Blackbird
# stack (registration service, certificate authorities, fleet provisioning on Mosquitto), a
# handful of simulated devices on pseudo-terminals, and the station window watching them.
# Stop it with Ctrl+C (or close the window); everything it started stops with it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/install-deps.sh
cmake --preset default
cmake --build --preset default -j "$(nproc)"

bin="$root/build/default"
demo="${BLACKBIRD_DEMO_DIR:-$root/build/demo}"
devices="${BLACKBIRD_DEMO_DEVICES:-4}"
mkdir -p "$demo"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# Starts a program in the background and waits for the line it prints when it is ready.
start_and_wait() {
  local name=$1 ready=$2 log=$3
  shift 3
  "$@" > "$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    if grep -q "$ready" "$log"; then
      echo "demo: $name is ready"
      return 0
    fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then
      echo "demo: $name stopped while starting; its log follows" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "demo: $name did not get ready within 30 s; its log is $log" >&2
  return 1
}

start_and_wait "local Blackbird stack" "ready" "$demo/stack.log" \
  "$bin/tools/blackbird-local/blackbird-local" --state "$demo/stack"
start_and_wait "device simulator" "ready" "$demo/devsim.log" \
  "$bin/tools/device-sim/blackbird-devsim" --count "$devices" --links "$demo/ports" \
  --state "$demo/devices"

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "demo: no display found; the station runs offscreen (set DISPLAY to see its window)"
  export QT_QPA_PLATFORM=offscreen
fi

# The demo's API key is the one blackbird-local made; it reaches the station through the
# environment (never a command line, where every user could read it with ps).
api_key=$(sed -n 's/^ *"api_key": *"\([^"]*\)".*/\1/p' "$demo/stack/endpoints.json")
if [ -z "$api_key" ]; then
  echo "demo: no api_key in $demo/stack/endpoints.json" >&2
  exit 1
fi
export BLACKBIRD_API_KEY=$api_key

echo "demo: station provisioning every device that appears in $demo/ports/"
"$bin/app/station/blackbird-station" --settings "$demo/station.ini" \
  --profiles-dir "$demo/profiles" --endpoints "$demo/stack/endpoints.json" \
  --port-pattern "$demo/ports/dev-*" --audit-sqlite "$demo/audit.sqlite" \
  --batch "demo-$(date +%Y%m%d-%H%M%S)" --auto-start
