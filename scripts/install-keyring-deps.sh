#!/usr/bin/env bash
# Installs what scripts/keyring-tests.sh needs (a Secret Service client and daemon, a private D-Bus session)
# from Debian's packages when they are missing. Called by .ci/run; harmless when they are present.
set -euo pipefail
missing=()
command -v secret-tool >/dev/null || missing+=(libsecret-tools)
command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring)
command -v dbus-run-session >/dev/null || missing+=(dbus)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-keyring-deps: need root or sudo for: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "install-keyring-deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
