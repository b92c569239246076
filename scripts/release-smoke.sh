#!/usr/bin/env bash
# CI: the binary as shipped. Builds it the way `just build-release` does (static, stripped), then checks that
# it answers --version, was linked statically, and runs the README demo end to end against the scripted
# model: a streamed answer, a command in the sandbox, a patch applied, the session resumed.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "release-smoke: $*" >&2; exit 1; }

log=$(mktemp "${TMPDIR:-/tmp}/release-smoke.XXXXXX")
trap 'rm -f "$log"' EXIT
if ! env -u OPENAI_API_KEY scripts/demo.sh > "$log" 2>&1; then
    tail -40 "$log" >&2
    fail "scripts/demo.sh failed"
fi
bin=.build/release/codex

version=$("$bin" --version)
# `codex-cli <reference protocol level> (swiftcodex <our release>)`: see docs/protocol-coverage.md.
[[ "$version" =~ ^codex-cli\ [0-9]+\.[0-9]+\.[0-9]+\ \(swiftcodex\ [0-9]+\.[0-9]+\.[0-9]+\)$ ]] ||
    fail "unexpected --version output: $version"
if command -v readelf > /dev/null; then
    if readelf -l "$bin" | grep -q INTERP; then fail "$bin asks for a dynamic loader; expected a static executable"; fi
fi
for expected in "sandboxed command ran in:" "apply_patch succeeded" "== the session, resumed:"; do
    grep -qF "$expected" "$log" || { tail -40 "$log" >&2; fail "the demo output lacks: $expected"; }
done
# The file the patch created, in the demo's closing `ls -la` of its work folder.
grep -qE '^-.* HELLO_FROM_CODEX\.md$' "$log" || { tail -40 "$log" >&2; fail "the patch did not create HELLO_FROM_CODEX.md"; }
echo "release-smoke: $version, static, $(du -m "$bin" | cut -f1) MB; demo ran (sandboxed command, patch, resume)"
