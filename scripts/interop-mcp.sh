#!/usr/bin/env bash
# Interop check with the official MCP Python SDK: drives `codex mcp-server` through mcp 2.3.0 (see
# scripts/interop_mcp.py for the steps), with our scripted mock as the model. Needs PyPI only.
#
# usage: scripts/interop-mcp.sh [--codex BIN | --install-only]
#   Without --codex it builds and tests our .build/debug/codex. MCP_PYTHON=/path/to/python uses an interpreter
#   that already has mcp 2.3.0 instead of the venv below. --install-only sets up the venv and stops (CI runs it
#   before `swift test`, whose MCP client and server tests use the SDK's fixture servers and client from there).
#
# The SDK lives in .build-interop/mcp-venv. When it cannot be installed (no network), the check is skipped with
# a message, except under CI (CI=true), where that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

sdk_version=2.3.0
venv=.build-interop/mcp-venv
codex=""
install_only=false

while [ $# -gt 0 ]; do
    case "$1" in
        --codex)
            [ $# -ge 2 ] || { echo "interop-mcp: --codex needs a path" >&2; exit 2; }
            codex=$2
            shift 2
            ;;
        --install-only)
            install_only=true
            shift
            ;;
        -h | --help)
            sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "interop-mcp: unknown argument $1 (see --help)" >&2
            exit 2
            ;;
    esac
done

sdk_ready() {
    [ -x "$1" ] && "$1" -c "import sys, importlib.metadata as m; sys.exit(m.version('mcp') != '$sdk_version')" 2>/dev/null
}
python=${MCP_PYTHON:-$venv/bin/python}
if ! sdk_ready "$python"; then
    if [ -n "${MCP_PYTHON:-}" ]; then
        echo "interop-mcp: MCP_PYTHON=$MCP_PYTHON has no mcp $sdk_version" >&2
        exit 1
    fi
    echo "interop-mcp: installing mcp $sdk_version into $venv" >&2
    rm -rf "$venv"
    if ! { "${PYTHON:-python3}" -m venv "$venv" &&
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "mcp==$sdk_version"; }; then
        if [ "${CI:-}" = "true" ]; then
            echo "interop-mcp: mcp $sdk_version did not install" >&2
            exit 1
        fi
        echo "interop-mcp: SKIPPED: mcp $sdk_version could not be installed (offline?); the MCP Python SDK check did not run" >&2
        exit 0
    fi
    sdk_ready "$python" || { echo "interop-mcp: mcp $sdk_version did not install into $venv" >&2; exit 1; }
fi
if $install_only; then
    echo "interop-mcp: mcp $sdk_version is ready in ${MCP_PYTHON:-$venv}" >&2
    exit 0
fi

bin_path=$(swift build --show-bin-path)
swift build --product codex-scripted-model >&2
if [ -z "$codex" ]; then
    swift build --product codex >&2
    codex=$bin_path/codex
fi

exec "$python" scripts/interop_mcp.py --codex "$codex" --mock "$bin_path/codex-scripted-model" --work .build-interop/mcp-run
