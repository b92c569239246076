# SwiftCodex tasks. `just --list` shows them.

# Debug build of everything (the `codex` binary lands in .build/debug/codex).
build:
    swift build

# Release build as shipped: static Swift stdlib (a ~2 ms start), binary at .build/release/codex.
build-release:
    swift build -c release --static-swift-stdlib

# The whole test suite (unit and end-to-end); CI runs exactly this.
test:
    swift build
    swift test

# Benchmarks side by side with the reference binary (CODEX_REFERENCE_BIN, or the venv reference-setup.sh
# makes), one table; extra arguments go to the script, e.g. `just bench --runs 10 --only exec,app-server`.
bench *ARGS: build-release
    python3 scripts/bench.py {{ARGS}}

# Regenerate schema/ from our own protocol types (lands with the app-server issue).
schema:
    swift build
    .build/debug/codex app-server generate-json-schema --out schema/json
    .build/debug/codex app-server generate-ts --out schema/typescript

# Format the Swift sources in place with the toolchain's swift-format.
fmt:
    swift format --in-place --recursive Sources Tests Package.swift
