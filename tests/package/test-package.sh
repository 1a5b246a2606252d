#!/usr/bin/env bash
# Builds the Debian packages with CPack, installs them with apt-get as a user would, checks that
# what they installed works and validates, and removes them again, checking nothing is left.
# Usage: test-package.sh <build dir>. Needs root or password-less sudo; skips (exit 77) otherwise.
set -euo pipefail
build=$1
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if ! sudo -n true 2>/dev/null; then
    echo "SKIP: installing packages needs root or password-less sudo"
    exit 77
  fi
  sudo_cmd=(sudo -n)
fi

failures=0
check() {
  local what=$1
  shift
  if "$@"; then
    echo "PASS: $what"
  else
    echo "FAIL: $what"
    failures=$((failures + 1))
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/packages" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log"
  exit 1
}
mapfile -t debs < <(find "$work/packages" -maxdepth 1 -name '*.deb' | sort)
echo "built: ${debs[*]##*/}"
check "CPack made the station package" \
  test -n "$(printf '%s\n' "${debs[@]}" | grep '/blackbird-station_')"

for deb in "${debs[@]}"; do
  check "${deb##*/} names its shared-library dependencies" \
    bash -c "dpkg-deb -f '$deb' Depends | grep -q libc6"
done

# Installing with apt-get pulls in the dependencies the package declares.
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${debs[@]}" \
  >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
mapfile -t packages < <(for deb in "${debs[@]}"; do dpkg-deb -f "$deb" Package; done)
dpkg -L "${packages[@]}" >"$work/files"

check "the station prints its version" \
  bash -c "QT_QPA_PLATFORM=offscreen blackbird-station --version | grep -q '[0-9]\.[0-9]'"
for tool in blackbird-devsim blackbird-local blackbird-station-cli; do
  if command -v "$tool" >/dev/null; then
    check "$tool prints its version" bash -c "$tool --version | grep -q '[0-9]\.[0-9]'"
  fi
done

# The window starts and keeps running until it is stopped.
home=$(mktemp -d)
set +e
HOME=$home QT_QPA_PLATFORM=offscreen timeout 4 blackbird-station --settings "$home/s.ini" \
  --port-pattern "$home/none-*" >"$work/station.log" 2>&1
status=$?
set -e
check "the installed station starts and runs offscreen" test "$status" -eq 124
check "the installed station logs its start" grep -q "started" "$work/station.log"
rm -rf "$home"

share=/usr/share
check "the desktop entry validates" \
  desktop-file-validate "$share/applications/io.blackbird.Station.desktop"
check "the AppStream metainfo validates" \
  appstreamcli validate --no-net --pedantic "$share/metainfo/io.blackbird.Station.metainfo.xml"
check "the scalable icon is installed" \
  test -f "$share/icons/hicolor/scalable/apps/io.blackbird.Station.svg"
check "the 256 px icon is installed" \
  test -f "$share/icons/hicolor/256x256/apps/io.blackbird.Station.png"
check "the udev rule is installed" test -f /usr/lib/udev/rules.d/60-blackbird-serial.rules
for bin in $(grep '^/usr/bin/' "$work/files"); do
  check "$(basename "$bin") has a man page" test -f "/usr/share/man/man1/$(basename "$bin").1.gz"
done

"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y --purge "${packages[@]}" \
  >"$work/remove.log" 2>&1 || { cat "$work/remove.log"; exit 1; }
left=0
while read -r path; do
  if [ -f "$path" ] || [ -L "$path" ]; then
    echo "left behind: $path"
    left=$((left + 1))
  fi
done <"$work/files"
check "removing the packages leaves none of their files" test "$left" -eq 0

echo "package checks: $failures failed"
exit $((failures > 0))
