#!/usr/bin/env bash
# CI check: the committed schema/ must be exactly what the current protocol types generate.
# Builds codex, regenerates into a temp folder and compares with `diff -r`.
# usage: scripts/check-schema.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d "${TMPDIR:-/tmp}/codex-schema-check.XXXXXX")
trap 'rm -rf "$fresh"' EXIT
scripts/generate-schema.sh "$fresh"
status=0
for part in json typescript; do
    if [ ! -d "schema/$part" ]; then
        echo "check-schema: schema/$part is missing" >&2
        status=1
    elif ! diff -r "schema/$part" "$fresh/$part"; then
        status=1
    fi
done
if [ $status -ne 0 ]; then
    echo "check-schema: schema/ drifted from the binary's output: run \`just schema\` and commit" >&2
    exit 1
fi
echo "check-schema: schema/ matches the generated output"
