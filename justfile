# SwiftCodex tasks. `just --list` shows them.

# Debug build of everything (the `codex` binary lands in .build/debug/codex).
build:
    swift build

# Release build as shipped: one statically linked, stripped executable at .build/release/codex (see
# docs/architecture.md, "The shipped binary", for why static and what it means for name lookups).
build-release:
    swift build -c release --static-swift-stdlib -Xswiftc -static-executable -Xlinker --strip-all

# The whole test suite (unit and end-to-end); CI runs exactly this.
test:
    swift build
    swift test

# Benchmarks side by side with the reference binary (CODEX_REFERENCE_BIN, or the venv reference-setup.sh
# makes), one table; extra arguments go to the script, e.g. `just bench --runs 10 --only exec,app-server`.
bench *ARGS: build-release
    python3 scripts/bench.py {{ARGS}}

# Regenerate schema/ (JSON Schema and TypeScript) from our own protocol types; CI checks it with
# scripts/check-schema.sh, so commit the result.
schema:
    scripts/generate-schema.sh schema

# Drive our app-server through the official Python SDK (openai-codex 0.163.0) over stdio and the `websockets`
# client over `--listen ws://`, with the scripted model.
interop:
    scripts/interop-sdk.sh
    scripts/interop-websocket.sh

# Drive our mcp-server through the official MCP Python SDK (mcp 2.3.0) and the scripted model.
interop-mcp:
    scripts/interop-mcp.sh

# Format the Swift sources in place with the toolchain's swift-format.
fmt:
    swift format --in-place --recursive Sources Tests Package.swift
