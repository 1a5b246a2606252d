#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring Secret Service, so
# that QtKeychain talks to a real keychain, as it does on a technician's desktop.
# Usage: scripts/with-session-services.sh <command> [args...]
set -euo pipefail

if [ -z "${BLACKBIRD_SESSION_READY:-}" ]; then
  export BLACKBIRD_SESSION_READY=1
  exec dbus-run-session -- "$0" "$@"
fi

# A fixed password creates and unlocks a fresh login keyring; the keyring lives in a throwaway home.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data"
export XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'blackbird-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

"$@"
