#!/usr/bin/env bash
# Installs the Debian 12 packages that building, testing and running the demo need.
# Idempotent: when every package is already present it does nothing and says so.
set -euo pipefail

packages=(
  # Toolchain
  build-essential cmake ninja-build pkg-config git clang libclang-rt-14-dev
  clang-format
  # Qt 6.4 and the libraries the station links
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
  qt6-serialport-dev qt6-httpserver-dev qt6-websockets-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  qt6-svg-dev libqt6svg6 qt6-qpa-plugins libgl-dev
  qtkeychain-qt6-dev libssl-dev libmosquitto-dev mosquitto-dev
  # Servers and tools the demo and the tests run
  mosquitto postgresql openssl socat valgrind
  dbus dbus-x11 gnome-keyring libsecret-tools
  xvfb xauth x11-apps imagemagick fonts-dejavu-core
  # Packaging checks
  desktop-file-utils appstream dpkg-dev file help2man nsis
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
