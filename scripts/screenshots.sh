#!/usr/bin/env bash
# Takes the pictures of the station for docs/screenshots: builds the window tests and runs them
# under Xvfb (a real X server, the xcb platform, the system's fonts) with BLACKBIRD_SCREENSHOT_DIR
# set, so that each saves what it shows on the way: the whole window mid-batch, after a batch,
# with a failed device and its timeline, the history, the settings; the timeline, raw console,
# history and batch report views on their own; the timeline in German.
#
# Usage: scripts/screenshots.sh [BUILD_DIR]     (default build/screenshots; OUT overrides the
#        folder the pictures go to, default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build/screenshots}
out=${OUT:-docs/screenshots}
tests=(tst_stationwindow tst_historyview tst_timelineview tst_rawconsoleview tst_translations)
# What runs: "test [functions...]" (the functions that save pictures; all when none is named).
runs=(
  "tst_stationwindow"
  "tst_historyview showsTheSteps writesBatchReport"
  "tst_timelineview screenshot"
  "tst_rawconsoleview viewSwitchesAndCopies"
  "tst_translations translatesTheViews"
)

for tool in xvfb-run Xvfb; do
  if ! command -v "$tool" >/dev/null; then
    echo "screenshots.sh: $tool is missing (apt-get install xvfb)" >&2
    exit 1
  fi
done

if [ ! -f "$build/CMakeCache.txt" ]; then
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  cmake --preset default -B "$build" "${launcher[@]}"
fi
cmake --build "$build" -j "$(nproc)" --target "${tests[@]}"

mkdir -p "$out"
out=$(cd "$out" && pwd)
status=0
for run in "${runs[@]}"; do
  read -r test functions <<<"$run"
  binary=$(find "$build/tests" -type f -name "$test" -perm -u+x | head -n 1)
  # The raw console's test sends keys to its view, which needs the focus a window manager gives;
  # Xvfb has none, so it draws offscreen (the same fonts and rendering, no X server).
  platform=xcb
  if [ "$test" = tst_rawconsoleview ]; then
    platform=offscreen
  fi
  echo "== $test ${functions:-(all)} on $platform"
  # A 1920x1080 screen at 96 dpi, as on a workstation; the tests size their windows themselves.
  # shellcheck disable=SC2086 # the function names are separate arguments
  if ! xvfb-run -a -s "-screen 0 1920x1080x24 -dpi 96" \
      env QT_QPA_PLATFORM=$platform BLACKBIRD_SCREENSHOT_DIR="$out" \
      "$binary" -silent $functions; then
    echo "screenshots.sh: $test failed" >&2
    status=1
  fi
done
# A palette of 256 colours keeps a window's picture legible at half the size or less; the
# pictures live in the repository.
if command -v pngquant >/dev/null; then
  pngquant --force --skip-if-larger --ext .png 256 "$out"/*.png || true
elif command -v convert >/dev/null; then
  for picture in "$out"/*.png; do
    convert "$picture" -strip -colors 256 -define png:compression-level=9 "$picture"
  done
else
  echo "screenshots.sh: neither pngquant nor ImageMagick found; pictures left uncompressed" >&2
fi
echo "Pictures in $out:"
ls -l "$out"
exit $status
