"""Interop check of `codex app-server --listen ws://` with a WebSocket client nobody here wrote.

Drives the server with the `websockets` package (one JSON-RPC message per text frame) against our scripted
model (`codex-scripted-model --script FILE`): initialize -> thread/start -> a turn whose command needs an
approval -> thread/read; then a second connection resumes the same thread while a first one runs a turn
(both see the turn's notifications; exactly one is asked for the approval).

usage: interop_websocket.py --codex BIN --mock BIN --work DIR [--shell-tool shell_command|exec_command]
Run it through scripts/interop-websocket.sh, which builds the binaries and prepares the venv.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import websockets

COMMAND = "echo interop-ws > ws-approved.txt"
SHELL_TOOL_ARGUMENTS = {
    "shell_command": {"command": COMMAND, "workdir": "."},
    "exec_command": {"cmd": COMMAND, "workdir": "."},
}
TIMEOUT = 30


def mock_script(shell_tool: str) -> dict[str, Any]:
    """Two turns that each run one command needing approval, then answer."""
    replies: list[dict[str, Any]] = []
    for index in (1, 2):
        replies.append(
            {
                "type": "function_call",
                "call_id": f"call_ws_{index}",
                "name": shell_tool,
                "arguments": SHELL_TOOL_ARGUMENTS[shell_tool],
            }
        )
        replies.append({"type": "assistant_text", "text": f"done {index}"})
    return {"replies": replies, "models": ["mock-model"]}


class CheckFailed(Exception):
    """An expectation that did not hold."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


class Client:
    """One WebSocket connection speaking JSON-RPC; keeps every message it received."""

    def __init__(self, socket: Any, name: str) -> None:
        self.socket = socket
        self.name = name
        self.next_id = 1
        self.backlog: list[dict[str, Any]] = []
        self.seen: list[dict[str, Any]] = []

    async def send(self, message: dict[str, Any]) -> None:
        await self.socket.send(json.dumps(message))

    async def request(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        request_id = self.next_id
        self.next_id += 1
        await self.send({"id": request_id, "method": method, "params": params})
        answer = await self.wait(lambda m: m.get("id") == request_id and "method" not in m)
        if "error" in answer:
            raise CheckFailed(f"{self.name}: {method} failed: {answer['error']}")
        return answer["result"]

    async def wait(self, matches: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        for index, message in enumerate(self.backlog):
            if matches(message):
                return self.backlog.pop(index)
        while True:
            raw = await asyncio.wait_for(self.socket.recv(), timeout)
            message = json.loads(raw)
            self.seen.append(message)
            if matches(message):
                return message
            self.backlog.append(message)

    async def notification(self, method: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        message = await self.wait(lambda m: m.get("method") == method and "id" not in m, timeout)
        return message.get("params", {})

    async def initialize(self) -> None:
        result = await self.request("initialize", {"clientInfo": {"name": self.name, "version": "1.0"}})
        expect("userAgent" in result, f"{self.name}: initialize result without userAgent: {result}")
        await self.send({"method": "initialized"})

    def methods(self, thread_id: str) -> list[str]:
        return [
            m["method"]
            for m in self.seen
            if "method" in m and isinstance(m.get("params"), dict) and m["params"].get("threadId") == thread_id
        ]


async def run_turn_with_approval(owner: Client, thread_id: str, text: str, decision: str = "accept") -> dict[str, Any]:
    started = await owner.request(
        "turn/start", {"threadId": thread_id, "input": [{"type": "text", "text": text, "text_elements": []}]}
    )
    turn_id = started["turn"]["id"]
    approval = await owner.wait(lambda m: m.get("method") == "item/commandExecution/requestApproval" and "id" in m)
    expect(approval["params"]["threadId"] == thread_id, f"approval for another thread: {approval}")
    await owner.send({"id": approval["id"], "result": {"decision": decision}})
    completed = await owner.wait(
        lambda m: m.get("method") == "turn/completed" and m["params"]["turn"]["id"] == turn_id
    )
    return completed["params"]["turn"]


async def steps(url: str, cwd: Path) -> None:
    async with websockets.connect(url, max_size=None) as first_socket:
        first = Client(first_socket, "ws-interop-first")
        await first.initialize()
        print("ok   initialize")
        start = await first.request(
            "thread/start", {"cwd": str(cwd), "approvalPolicy": "untrusted", "sandbox": "danger-full-access"}
        )
        thread_id = start["thread"]["id"]
        print("ok   thread/start")
        turn = await run_turn_with_approval(first, thread_id, "run the command")
        expect(turn["status"] == "completed", f"turn status {turn['status']}")
        expect((cwd / "ws-approved.txt").exists(), "the approved command did not run")
        print("ok   turn with a command approval")
        read = await first.request("thread/read", {"threadId": thread_id, "includeTurns": True})
        items = read["thread"]["turns"][0]["items"]
        expect(any(i["type"] == "commandExecution" for i in items), f"thread/read items: {items}")
        print("ok   thread/read")

        async with websockets.connect(url, max_size=None) as second_socket:
            second = Client(second_socket, "ws-interop-second")
            await second.initialize()
            resumed = await second.request("thread/resume", {"threadId": thread_id})
            expect(resumed["thread"]["id"] == thread_id, f"thread/resume answered {resumed['thread']['id']}")
            turn = await run_turn_with_approval(first, thread_id, "again")
            expect(turn["status"] == "completed", f"second turn status {turn['status']}")
            await second.wait(lambda m: m.get("method") == "turn/completed", TIMEOUT)
            first_methods = first.methods(thread_id)
            second_methods = second.methods(thread_id)
            expect("turn/started" in second_methods, f"the second connection saw {second_methods}")
            expect("item/agentMessage/delta" in second_methods or "item/completed" in second_methods,
                   f"the second connection saw no items: {second_methods}")
            asked = [
                c.name
                for c in (first, second)
                for m in c.seen
                if m.get("method") == "item/commandExecution/requestApproval" and "id" in m
                and m["params"]["turnId"] == turn["id"]
            ]
            print(f"info approval of the shared turn went to: {asked}")
            expect(len(asked) == 1, f"expected exactly one connection asked, got {asked}")
            print("ok   two connections on one thread")


def start_mock(binary: str, script: Path, stderr: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [binary, "--script", str(script)], stdout=subprocess.PIPE, stderr=stderr.open("w"), text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"listening on (http://\S+)", line)
    if not match:
        process.kill()
        raise SystemExit(f"interop-ws: the mock model did not start: {line!r}")
    return process, match.group(1)


def start_server(codex: str, home: Path, cwd: Path, stderr_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    env = dict(os.environ, CODEX_HOME=str(home), MOCK_API_KEY="mock-api-key", RUST_LOG="error")
    process = subprocess.Popen(
        [codex, "app-server", "--listen", "ws://127.0.0.1:0"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env,
    )
    assert process.stderr is not None
    captured = []
    for raw in process.stderr:
        line = re.sub(r"\x1b\[[0-9;]*m", "", raw.decode(errors="replace"))
        captured.append(line)
        match = re.search(r"listening on: (ws://\S+)", line)
        if match:
            stderr_path.write_text("".join(captured))
            return process, match.group(1)
    process.kill()
    process.wait()
    raise SystemExit(f"interop-ws: the server printed no address: {''.join(captured)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--codex", required=True)
    parser.add_argument("--mock", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--shell-tool", default="shell_command", choices=sorted(SHELL_TOOL_ARGUMENTS))
    args = parser.parse_args()
    args.codex = str(Path(args.codex).resolve())
    args.mock = str(Path(args.mock).resolve())
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    home, cwd = work / "home", work / "cwd"
    home.mkdir(parents=True)
    cwd.mkdir()
    script = work / "mock-script.json"
    script.write_text(json.dumps(mock_script(args.shell_tool)))
    mock, base_url = start_mock(args.mock, script, work / "mock.stderr")
    server = None
    try:
        (home / "config.toml").write_text(
            f'model = "mock-model"\nmodel_provider = "mock"\n\n[model_providers.mock]\nname = "mock"\n'
            f'base_url = "{base_url}"\nwire_api = "responses"\nenv_key = "MOCK_API_KEY"\n'
            "request_max_retries = 1\nstream_max_retries = 1\n"
        )
        server, url = start_server(args.codex, home, cwd, work / "server.stderr")
        asyncio.run(steps(url, cwd))
        print("interop-ws: all steps passed")
        return 0
    except (CheckFailed, TimeoutError, websockets.exceptions.WebSocketException) as error:
        print(f"FAIL {type(error).__name__}: {error}")
        return 1
    finally:
        # Both children are stopped whatever happened, a failed start included.
        for child, grace in ((server, 10), (mock, 5)):
            if child is None:
                continue
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


if __name__ == "__main__":
    sys.exit(main())
