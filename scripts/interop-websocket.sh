#!/usr/bin/env bash
# Interop check of `codex app-server --listen ws://` with the `websockets` client from PyPI (see
# scripts/interop_websocket.py for the steps), with our scripted mock as the model. Needs PyPI only.
#
# usage: scripts/interop-websocket.sh [--codex BIN] [--shell-tool shell_command|exec_command]
#   Without --codex it builds and tests our .build/debug/codex. To check the script itself against the
#   reference CLI: scripts/interop-websocket.sh --codex /path/to/reference/codex --shell-tool exec_command
#   (the reference asks every subscribed connection for an approval, so its last step fails on purpose).
#
# The client lives in .build-interop/ws-venv. When it cannot be installed (no network, no venv module), the
# check is skipped with a message and exit 0; CODEX_REQUIRE_INTEROP=1 turns that skip into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

websockets_version=17.4
venv=.build-interop/ws-venv
codex=""
forwarded=()

while [ $# -gt 0 ]; do
    case "$1" in
        --codex)
            [ $# -ge 2 ] || { echo "interop-websocket: --codex needs a path" >&2; exit 2; }
            codex=$2
            shift 2
            ;;
        --shell-tool)
            [ $# -ge 2 ] || { echo "interop-websocket: --shell-tool needs a value" >&2; exit 2; }
            forwarded+=(--shell-tool "$2")
            shift 2
            ;;
        -h | --help)
            sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "interop-websocket: unknown argument $1 (see --help)" >&2
            exit 2
            ;;
    esac
done

client_ready() {
    [ -x "$venv/bin/python" ] &&
        "$venv/bin/python" -c "import sys, websockets; sys.exit(websockets.__version__ != '$websockets_version')" 2>/dev/null
}
if ! client_ready; then
    echo "interop-websocket: installing websockets $websockets_version into $venv" >&2
    rm -rf "$venv"
    if ! { "${PYTHON:-python3}" -m venv "$venv" &&
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "websockets==$websockets_version"; } ||
        ! client_ready; then
        if [ "${CODEX_REQUIRE_INTEROP:-0}" = 1 ]; then
            echo "interop-websocket: websockets $websockets_version could not be installed" >&2
            exit 1
        fi
        echo "interop-websocket: SKIPPED: websockets $websockets_version could not be installed (offline?)" >&2
        exit 0
    fi
fi

bin_path=$(swift build --show-bin-path)
swift build --product codex-scripted-model >&2
if [ -z "$codex" ]; then
    swift build --product codex >&2
    codex=$bin_path/codex
fi

exec "$venv/bin/python" scripts/interop_websocket.py \
    --codex "$codex" --mock "$bin_path/codex-scripted-model" --work .build-interop/ws-run ${forwarded[@]+"${forwarded[@]}"}
