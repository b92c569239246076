#!/usr/bin/env bash
# The main job on a fresh machine: build the release binary and run `codex exec` for real.
# With OPENAI_API_KEY set, it talks to OpenAI. Without one, it runs against codex-scripted-model, a
# SCRIPTED stand-in provider (canned replies, not a model) so the whole loop can be seen offline: a
# streamed answer, a sandboxed command, a patch applied, and the session resumed.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib -Xswiftc -static-executable -Xlinker --strip-all --product codex
swift build -c release --static-swift-stdlib -Xswiftc -static-executable -Xlinker --strip-all --product codex-scripted-model
bin=$PWD/.build/release
demo=$(mktemp -d "${PWD}/.build/demo-XXXXXX")
mkdir -p "$demo/home" "$demo/work"
git -C "$demo/work" init -q
export CODEX_HOME="$demo/home"
prompt=${1:-"List this folder, then create HELLO_FROM_CODEX.md with a short greeting."}

if [ -n "${OPENAI_API_KEY:-}" ]; then
  echo "== using OpenAI (OPENAI_API_KEY is set)"
  (cd "$demo/work" && "$bin/codex" exec -s workspace-write "$prompt")
  (cd "$demo/work" && "$bin/codex" exec resume --last "What did you just do?")
else
  echo "== no OPENAI_API_KEY: using the SCRIPTED demo server (canned replies, not a real model)"
  "$bin/codex-scripted-model" > "$demo/server.txt" &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [ -s "$demo/server.txt" ] && break; sleep 0.1; done
  url=$(sed 's/^listening on //' "$demo/server.txt")
  cat > "$CODEX_HOME/config.toml" <<TOML
model = "scripted-demo"
model_provider = "scripted"
[model_providers.scripted]
name = "scripted demo server"
base_url = "$url"
wire_api = "responses"
TOML
  (cd "$demo/work" && "$bin/codex" exec -s workspace-write "$prompt" < /dev/null)
  echo "== the session, resumed:"
  (cd "$demo/work" && "$bin/codex" exec resume --last "Do you remember?" < /dev/null)
fi
echo "== files in $demo/work:"
ls -la "$demo/work"
echo "== session files:"
find "$CODEX_HOME/sessions" -name '*.jsonl'
