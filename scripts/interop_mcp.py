#!/usr/bin/env python3
"""Interop check: drive `codex mcp-server` through the official MCP Python SDK (mcp 2.3.0).

The SDK spawns `<codex> mcp-server` over stdio, negotiates the protocol and validates what it reads against its
own models (tool results against the tools' output schema). The model is our scripted mock
(`codex-scripted-model --script FILE`), so no network and no API key are needed.

Steps: initialize and tools/list (the two tools and their schemas); a `codex` call returning the mocked text and
a threadId, with `codex/event` notifications carrying `_meta {requestId, threadId}`; a `codex-reply` that
continues the thread (the model gets the whole history); an approval accepted through the SDK's elicitation
callback (the command ran) and one declined (it did not); two calls at once; a call cancelled by the client (the
turn is interrupted and the thread can be continued).

usage: interop_mcp.py --codex BIN --mock BIN --work DIR
Run it through scripts/interop-mcp.sh, which builds the binaries and prepares the SDK's venv.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import traceback
from pathlib import Path
from typing import Any, Awaitable, Callable

import anyio
import mcp.types as types
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.client.extension import NotificationBinding
from pydantic import BaseModel, ConfigDict, Field

STEP_TIMEOUT_S = 60.0
MOCK_START_TIMEOUT_S = 30.0

HELLO = "mcp interop: hello"
REPLY = "mcp interop: the reply remembers"
APPROVED_MARKER = "mcp-approved"
AFTER_APPROVED = "mcp interop: the approved command ran"
AFTER_DECLINED = "mcp interop: the command was declined"
CONCURRENT = ["mcp interop: concurrent one", "mcp interop: concurrent two"]
AFTER_CANCEL = "mcp interop: continued after the cancel"
OUTPUT_SCHEMA = {
    "type": "object",
    "properties": {"threadId": {"type": "string"}, "content": {"type": "string"}},
    "required": ["threadId", "content"],
}


def mock_script() -> dict[str, Any]:
    """The scripted replies, consumed in order, one per POST /v1/responses."""
    shell = "shell_command"
    return {
        "replies": [
            {"type": "assistant_text", "text": HELLO},
            {"type": "assistant_text", "text": REPLY},
            {"type": "function_call", "call_id": "call_ok", "name": shell,
             "arguments": {"command": f"echo {APPROVED_MARKER} > approved.txt", "workdir": "."}},
            {"type": "assistant_text", "text": AFTER_APPROVED},
            {"type": "function_call", "call_id": "call_no", "name": shell,
             "arguments": {"command": "echo nope > declined.txt", "workdir": "."}},
            {"type": "assistant_text", "text": AFTER_DECLINED},
            {"type": "assistant_text", "text": CONCURRENT[0]},
            {"type": "assistant_text", "text": CONCURRENT[1]},
            # Held for good after its first deltas: only the client's cancel ends that turn.
            {"type": "assistant_text", "text": "never finished", "deltas": ["never ", "finished"],
             "hold": {"after_events": 4}},
            {"type": "assistant_text", "text": AFTER_CANCEL},
        ],
        "models": ["mock-model"],
    }


class CheckFailed(Exception):
    """A step's expectation that did not hold."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


class CodexEvent(BaseModel):
    """`codex/event` params: the core event plus `_meta {requestId, threadId}`."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    meta: dict[str, Any] = Field(alias="_meta")
    id: str
    msg: dict[str, Any]


class MockModel:
    """The scripted model server; it stops on SIGTERM."""

    def __init__(self, binary: str, script_path: Path, stderr_path: Path) -> None:
        self.stderr_path = stderr_path
        with stderr_path.open("w") as stderr:
            self.process = subprocess.Popen(
                [binary, "--script", str(script_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                text=True)
        found: list[str] = []
        reader = threading.Thread(target=lambda: found.append(self.process.stdout.readline().strip()), daemon=True)
        reader.start()
        reader.join(MOCK_START_TIMEOUT_S)
        line = found[0] if found else ""
        if not line.startswith("listening on "):
            self.stop()
            raise SystemExit(f"interop-mcp: the mock model did not start ({line!r}, {stderr_path.read_text()!r})")
        self.base_url = line[len("listening on "):]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def write_config(home: Path, base_url: str) -> None:
    (home / "config.toml").write_text(f"""model = "mock-model"
model_provider = "mock"

[model_providers.mock]
name = "mock"
base_url = "{base_url}"
wire_api = "responses"
env_key = "MOCK_API_KEY"
request_max_retries = 1
stream_max_retries = 1
stream_idle_timeout_ms = 20000
""")


class Run:
    """One client session and what the steps share."""

    def __init__(self, session: ClientSession, cwd: Path) -> None:
        self.session = session
        self.cwd = cwd
        self.events: list[CodexEvent] = []
        self.event_arrived = anyio.Event()
        self.elicitations: list[dict[str, Any]] = []
        self.elicitation_answer = "accept"
        self.thread_id = ""

    async def on_event(self, event: CodexEvent) -> None:
        self.events.append(event)
        self.event_arrived.set()
        self.event_arrived = anyio.Event()

    async def wait_for_event(self, matches: Callable[[CodexEvent], bool]) -> CodexEvent:
        while True:
            for event in self.events:
                if matches(event):
                    return event
            await self.event_arrived.wait()

    async def on_elicitation(self, context: Any, params: types.ElicitRequestParams) -> types.ElicitResult:
        self.elicitations.append(params.model_dump(by_alias=True, exclude_none=True))
        return types.ElicitResult(action=self.elicitation_answer, content={} if self.elicitation_answer == "accept" else None)

    async def call(self, name: str, arguments: dict[str, Any]) -> tuple[str, str]:
        result = await self.session.call_tool(name, arguments)
        expect(not result.is_error, f"{name}: error result {result.content!r}")
        text = result.content[0].text if result.content else None
        structured = result.structured_content or {}
        expect(structured.get("content") == text, f"structuredContent.content {structured!r} != text {text!r}")
        expect(bool(structured.get("threadId")), f"no threadId in {structured!r}")
        return text, structured["threadId"]


async def step_initialize_and_list(run: Run) -> str:
    listed = await run.session.list_tools()
    tools = {tool.name: tool for tool in listed.tools}
    expect(sorted(tools) == ["codex", "codex-reply"], f"tools: {sorted(tools)}")
    for tool in tools.values():
        expect(tool.output_schema == OUTPUT_SCHEMA, f"{tool.name} outputSchema: {tool.output_schema}")
    codex = tools["codex"].input_schema
    expect(codex.get("required") == ["prompt"], f"codex required: {codex.get('required')}")
    expected = {"prompt", "model", "profile", "cwd", "approval-policy", "sandbox", "config", "base-instructions",
                "developer-instructions", "compact-prompt"}
    expect(set(codex["properties"]) == expected, f"codex properties: {sorted(codex['properties'])}")
    reply = tools["codex-reply"].input_schema
    expect({"prompt", "threadId", "conversationId"} <= set(reply["properties"]), f"codex-reply: {reply}")
    return "codex, codex-reply"


async def step_codex_call(run: Run) -> str:
    text, thread_id = await run.call("codex", {"prompt": "Say hello.", "cwd": str(run.cwd)})
    expect(text == HELLO, f"text {text!r}")
    run.thread_id = thread_id
    mine = [event for event in run.events if event.meta.get("threadId") == thread_id]
    types_seen = [event.msg.get("type") for event in mine]
    expect("session_configured" in types_seen and "task_complete" in types_seen, f"codex/event types: {types_seen}")
    expect(all("requestId" in event.meta for event in mine), "an event without _meta.requestId")
    return f"thread {thread_id}, events {types_seen}"


async def step_codex_reply(run: Run) -> str:
    expect(bool(run.thread_id), "not run: needs the thread of the codex call")
    text, thread_id = await run.call("codex-reply", {"prompt": "What did you say?", "threadId": run.thread_id})
    expect((text, thread_id) == (REPLY, run.thread_id), f"reply {text!r} on {thread_id}")
    return text


async def approval_call(run: Run, answer: str, expected_text: str) -> dict[str, Any]:
    run.elicitation_answer = answer
    before = len(run.elicitations)
    text, _ = await run.call(
        "codex", {"prompt": "Run the command.", "cwd": str(run.cwd), "approval-policy": "untrusted",
                  "sandbox": "danger-full-access"})
    expect(text == expected_text, f"text {text!r}")
    expect(len(run.elicitations) == before + 1, f"elicitations: {run.elicitations[before:]}")
    return run.elicitations[-1]


async def step_approval_accepted(run: Run) -> str:
    asked = await approval_call(run, "accept", AFTER_APPROVED)
    # The SDK's model keeps the standard members only (the codex_* ones are checked by the Swift e2e tests).
    message = asked.get("message", "")
    expect(message.startswith("Allow Codex to run `") and APPROVED_MARKER in message, f"elicitation params: {asked}")
    written = (run.cwd / "approved.txt").read_text().strip() if (run.cwd / "approved.txt").exists() else None
    expect(written == APPROVED_MARKER, f"approved.txt: {written!r}")
    return message


async def step_approval_declined(run: Run) -> str:
    await approval_call(run, "decline", AFTER_DECLINED)
    expect(not (run.cwd / "declined.txt").exists(), "declined.txt was written")
    return "not run"


async def step_two_calls_at_once(run: Run) -> str:
    results: list[tuple[str, str]] = []

    async def one(prompt: str) -> None:
        results.append(await run.call("codex", {"prompt": prompt}))

    async with anyio.create_task_group() as group:
        group.start_soon(one, "first at once")
        group.start_soon(one, "second at once")
    expect(sorted(text for text, _ in results) == sorted(CONCURRENT), f"texts: {results}")
    expect(results[0][1] != results[1][1], f"both calls on one thread: {results}")
    return ", ".join(thread for _, thread in results)


async def step_cancel(run: Run) -> str:
    known = {event.meta.get("threadId") for event in run.events}
    scope = anyio.CancelScope()

    async def call() -> None:
        with scope:
            await run.session.call_tool("codex", {"prompt": "Take your time."})

    async with anyio.create_task_group() as group:
        group.start_soon(call)
        delta = await run.wait_for_event(
            lambda event: event.msg.get("type") == "agent_message_delta" and event.meta.get("threadId") not in known)
        scope.cancel()
    thread_id = delta.meta["threadId"]
    await run.wait_for_event(
        lambda event: event.msg.get("type") == "turn_aborted" and event.meta.get("threadId") == thread_id)
    text, same = await run.call("codex-reply", {"prompt": "Go on.", "threadId": thread_id})
    expect((text, same) == (AFTER_CANCEL, thread_id), f"after the cancel: {text!r} on {same}")
    return f"thread {thread_id} interrupted, then continued"


STEPS: list[tuple[str, Callable[[Run], Awaitable[str]]]] = [
    ("initialize + tools/list", step_initialize_and_list),
    ("codex call", step_codex_call),
    ("codex-reply", step_codex_reply),
    ("approval accepted", step_approval_accepted),
    ("approval declined", step_approval_declined),
    ("two calls at once", step_two_calls_at_once),
    ("cancel", step_cancel),
]


async def run_steps(codex: str, env: dict[str, str], cwd: Path, errlog: Any) -> tuple[int, int]:
    params = StdioServerParameters(command=codex, args=["mcp-server"], env=env, cwd=str(cwd))
    passed = failed = 0
    async with stdio_client(params, errlog=errlog) as (read, write):
        holder: dict[str, Run] = {}

        async def on_event(event: CodexEvent) -> None:
            await holder["run"].on_event(event)

        async def on_elicitation(context: Any, request: types.ElicitRequestParams) -> types.ElicitResult:
            return await holder["run"].on_elicitation(context, request)

        async with ClientSession(
            read, write, elicitation_callback=on_elicitation,
            notification_bindings=[NotificationBinding(method="codex/event", params_type=CodexEvent, handler=on_event)],
        ) as session:
            holder["run"] = Run(session, cwd)
            initialized = await session.initialize()
            print(f"  initialize: protocol {initialized.protocol_version}, server {initialized.server_info.name}")
            for name, step in STEPS:
                try:
                    with anyio.fail_after(STEP_TIMEOUT_S):
                        detail = await step(holder["run"])
                    passed += 1
                    print(f"PASS {name}: {detail}")
                except Exception as error:  # a failed step is reported, the others still run
                    failed += 1
                    print(f"FAIL {name}: {error}")
                    traceback.print_exc(limit=3)
    return passed, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--codex", required=True, help="the codex binary to test")
    parser.add_argument("--mock", required=True, help="the codex-scripted-model binary")
    parser.add_argument("--work", required=True, help="scratch folder (recreated)")
    args = parser.parse_args()
    for label, path in (("--codex", args.codex), ("--mock", args.mock)):
        if not os.access(path, os.X_OK):
            print(f"interop-mcp: {label} {path} is not an executable file", file=sys.stderr)
            return 2
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    home, cwd, tmp = work / "home", work / "cwd", work / "tmp"
    for folder in (home, cwd, tmp):
        folder.mkdir(parents=True)
    script_path = work / "mock-script.json"
    script_path.write_text(json.dumps(mock_script(), indent=2))
    mock = MockModel(args.mock, script_path, work / "mock.stderr")
    try:
        write_config(home, mock.base_url)
        env = {"CODEX_HOME": str(home), "TMPDIR": str(tmp), "MOCK_API_KEY": "interop-key", "NO_COLOR": "1"}
        with (work / "server.stderr").open("w") as errlog:
            passed, failed = anyio.run(run_steps, str(Path(args.codex).resolve()), env, cwd, errlog)
    finally:
        mock.stop()
    print(f"interop-mcp: {passed} passed, {failed} failed")
    if failed:
        print((work / "server.stderr").read_text()[-4000:], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
