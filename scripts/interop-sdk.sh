#!/usr/bin/env bash
# Interop check with the official Python SDK: drives `codex app-server` through openai-codex 0.163.0
# (see scripts/interop_sdk.py for the steps), with our scripted mock as the model. Needs PyPI only.
#
# usage: scripts/interop-sdk.sh [--codex BIN] [--shell-tool shell_command|exec_command]
#   Without --codex it builds and tests our .build/debug/codex. To check the script itself against the
#   reference CLI: scripts/interop-sdk.sh --codex /path/to/reference/codex --shell-tool exec_command
#
# The SDK lives in .build-interop/venv (pip --no-deps, so the 300 MB openai-codex-cli-bin runtime wheel is
# never fetched; its pure-Python requirements, from the wheel's Requires-Dist, are installed next to it).
# Scratch files (CODEX_HOME, cwd, TMPDIR) go to .build-interop/run: the reference refuses a CODEX_HOME
# under /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."

sdk_version=0.163.0
# openai-codex 0.163.0's Requires-Dist, minus openai-codex-cli-bin.
sdk_requirements=("pydantic>=2.12" "packaging>=26.2")
venv=.build-interop/venv
codex=""
forwarded=()

while [ $# -gt 0 ]; do
    case "$1" in
        --codex)
            [ $# -ge 2 ] || { echo "interop-sdk: --codex needs a path" >&2; exit 2; }
            codex=$2
            shift 2
            ;;
        --shell-tool)
            [ $# -ge 2 ] || { echo "interop-sdk: --shell-tool needs a value" >&2; exit 2; }
            forwarded+=(--shell-tool "$2")
            shift 2
            ;;
        -h | --help)
            sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "interop-sdk: unknown argument $1 (see --help)" >&2
            exit 2
            ;;
    esac
done

sdk_ready() {
    [ -x "$venv/bin/python" ] &&
        "$venv/bin/python" -c "import sys, openai_codex; sys.exit(openai_codex.__version__ != '$sdk_version')" 2>/dev/null
}
if ! sdk_ready; then
    echo "interop-sdk: installing openai-codex $sdk_version into $venv" >&2
    rm -rf "$venv"
    "${PYTHON:-python3}" -m venv "$venv"
    # Requirements first: an install with --no-deps skips pip's conflict report about the missing runtime.
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${sdk_requirements[@]}"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "openai-codex==$sdk_version"
    sdk_ready || { echo "interop-sdk: openai-codex $sdk_version did not install into $venv" >&2; exit 1; }
fi

bin_path=$(swift build --show-bin-path)
swift build --product codex-scripted-model >&2
if [ -z "$codex" ]; then
    swift build --product codex >&2
    codex=$bin_path/codex
fi

exec "$venv/bin/python" scripts/interop_sdk.py \
    --codex "$codex" --mock "$bin_path/codex-scripted-model" --work .build-interop/run ${forwarded[@]+"${forwarded[@]}"}
