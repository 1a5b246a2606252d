#!/usr/bin/env bash
# Compiles the Windows installer's NSIS script with makensis on Linux: CPack writes the same
# script it writes on Windows (per-machine install, Start menu, uninstaller), and makensis
# refuses it if it does not parse. The payload is the Linux build, so the .exe made here is
# only a syntax check; the real installer is made on Windows (docs/installing.md).
# Usage: test-nsis.sh <build dir>. Skips (exit 77) when makensis is missing.
set -euo pipefail
build=$1
if ! command -v makensis >/dev/null; then
  echo "SKIP: makensis is not installed (Debian package nsis)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G NSIS -B "$work" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log"
  find "$work" -name 'NSISOutput.log' -exec cat {} +
  echo "FAIL: CPack could not make the installer (the log above says whether makensis refused)"
  exit 1
}

failures=0
check() {
  local what=$1
  shift
  if "$@"; then echo "PASS: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
script=$(find "$work/_CPack_Packages" -name project.nsi | head -n 1)
exe=$(find "$work" -maxdepth 1 -name '*.exe' | head -n 1)
check "makensis made an installer" test -s "$exe"
check "the installer is a Windows executable" bash -c "head -c 2 '$exe' | grep -q MZ"
check "it installs per machine with administrator rights" \
  grep -q 'RequestExecutionLevel admin' "$script"
check "it installs under Program Files" grep -q 'InstallDir "\$PROGRAMFILES64' "$script"
check "it writes an uninstaller" grep -q 'WriteUninstaller' "$script"
check "it adds the station to the Start menu" \
  grep -q 'CreateShortCut.*Blackbird Provisioning Station.lnk' "$script"
echo "installer script checks: $failures failed"
exit $((failures > 0))
