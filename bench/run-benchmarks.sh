#!/bin/sh
# Runs every benchmark of issue 8 once, each preceded by the machine's load, and prints their
# figures (docs/performance.md explains them). Build them first:
#   cmake --build BUILD --target blackbird-pipeline-bench blackbird-window-bench \
#       blackbird-serial-bench blackbird-timeline-bench blackbird-timeline-view-bench \
#       blackbird-startup-bench
# Usage: bench/run-benchmarks.sh [BUILD]   (default build/default)
set -eu
build=${1:-build/default}
bench=$build/bench

step() {
    printf '\n=== %s   (%s; load %s)\n' "$1" "$(date -u +%H:%M:%SZ)" \
        "$(cut -d' ' -f1-3 /proc/loadavg)"
}

printf 'machine: %s cores, %s, Debian %s\n' "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
    "$(cat /etc/debian_version 2>/dev/null || echo '?')"

step "pipeline: 1, 8, 32, 64 devices at 115200 baud"
"$bench/pipeline/blackbird-pipeline-bench" 2>/dev/null
step "serial link at 115200 baud"
"$bench/serial/blackbird-serial-bench" --baud 115200 --size 4096 --runs 5 --parser-mib 0 2>/dev/null
step "serial link at 921600 baud"
"$bench/serial/blackbird-serial-bench" --baud 921600 --size 4096 --runs 5 --parser-mib 0 2>/dev/null
step "timeline store: 1,000,000 lines"
"$bench/gui/blackbird-timeline-bench" 2>/dev/null
step "timeline view: 1,000,000 lines, 2,000 lines/s streaming"
"$bench/gui/blackbird-timeline-view-bench" 2>/dev/null
step "window: the batches in the main window, console at 2,000 lines/s for 32 devices"
"$bench/pipeline/blackbird-window-bench" --sizes 1,32 2>/dev/null
step "startup: blackbird-station launched to window shown"
"$bench/gui/blackbird-startup-bench" --runs 5 2>/dev/null
step "done"
