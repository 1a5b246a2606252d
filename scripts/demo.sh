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

echo "demo: station watching $demo/ports/dev-*  (stack endpoints: $demo/stack/endpoints.json)"
"$bin/app/station/blackbird-station" --settings "$demo/station.ini" \
  --port-pattern "$demo/ports/dev-*"
