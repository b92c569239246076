#!/usr/bin/env bash
# The keyring tests (KeyringEndToEndTests) against a real Secret Service: starts gnome-keyring-daemon
# in a private D-Bus session (dbus-run-session ends both afterwards) and runs the tests with
# CODEX_KEYRING_TEST=1. Skips with a message when secret-tool, gnome-keyring-daemon or dbus-run-session
# is missing (Debian: apt-get install libsecret-tools gnome-keyring dbus).
#
# usage: scripts/keyring-tests.sh   (after `swift build --build-tests`; CODEX_REFERENCE_BIN adds the reference check)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in secret-tool gnome-keyring-daemon dbus-run-session; do
    if ! command -v "$tool" >/dev/null; then
        echo "keyring-tests: skipped: $tool is not installed (apt-get install libsecret-tools gnome-keyring dbus)" >&2
        exit 0
    fi
done
exec dbus-run-session -- bash -c '
    set -euo pipefail
    # An empty password (one empty line) creates and unlocks the login keyring of this throwaway session.
    eval "$(echo "" | gnome-keyring-daemon --unlock --components=secrets | sed "s/^/export /")"
    if [ -z "${GNOME_KEYRING_CONTROL:-}" ]; then
        echo "keyring-tests: skipped: gnome-keyring-daemon did not start" >&2
        exit 0
    fi
    CODEX_KEYRING_TEST=1 swift test --skip-build --filter KeyringEndToEndTests
'
