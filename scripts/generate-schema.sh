#!/usr/bin/env bash
# Writes the app-server JSON Schema bundle and TypeScript bindings that the `codex` binary generates
# from our protocol types (`codex app-server generate-json-schema` / `generate-ts`) into OUT/json and
# OUT/typescript (both replaced). `just schema` runs it with OUT=schema; CI's
# scripts/check-schema.sh runs it into a temp folder and compares.
# usage: scripts/generate-schema.sh OUT   (a relative OUT is taken from the repository root)
set -euo pipefail
if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: scripts/generate-schema.sh OUT" >&2
    exit 2
fi
out=$1
cd "$(dirname "$0")/.."
swift build --product codex >&2
bin=$(swift build --show-bin-path)/codex
rm -rf "$out/json" "$out/typescript"
# --experimental: the committed schema covers every method we serve, the opt-in ones included.
"$bin" app-server generate-json-schema --experimental --out "$out/json"
"$bin" app-server generate-ts --experimental --out "$out/typescript"
