#!/usr/bin/env python3
"""Interop check: drive a `codex app-server` through the official Python SDK (openai-codex 0.163.0).

The SDK spawns `<codex> app-server --listen stdio://` and validates every response and notification
against its generated pydantic models, so a pass means a real client can use the binary. The model is
our scripted mock (`codex-scripted-model --script FILE`), so no network and no API key are needed.

Steps: initialize, thread/start, a text turn, a turn whose shell command needs approval (policy
`untrusted`, accepted through the SDK's approval handler), thread/read with turns, thread/resume and
thread/fork with `excludeTurns`, a turn with `turnTrigger` and `serviceTierForTurn`, thread/list,
thread/archive, thread/unarchive; then the SDK's login calls (`Codex.login_api_key`, `account`,
`login_chatgpt`, `login_chatgpt_device_code`, `logout`) against a fake issuer on 127.0.0.1
(scripts/interop_fake_issuer.py), reached through our CODEX_LOGIN_ISSUER_OVERRIDE. A binary that does not
take that override (the reference) would send the user to the real issuer: its browser login is cancelled
unvisited and the device-code step is skipped, never reaching auth.openai.com.

The SDK refuses `excludeTurns`, `turnTrigger`, `serviceTierForTurn` and `toolOutput` unless the initialize
userAgent reports version 0.151.0 or later (openai_codex/_runtime_requirements.py): those steps check that
the version we report passes that gate and that the server then honours the options.

usage: interop_sdk.py --codex BIN --mock BIN --work DIR
Run it through scripts/interop-sdk.sh, which builds the binaries and prepares the SDK's venv.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import traceback
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

from interop_fake_issuer import EMAIL as ISSUER_EMAIL, FakeIssuer

from openai_codex import __version__ as SDK_VERSION
from openai_codex._initialize_metadata import validate_initialize_metadata
from openai_codex._runtime_requirements import MINIMUM_RUNTIME_VERSION, require_runtime_version
from openai_codex.api import Codex, Thread
from openai_codex.client import CodexClient, CodexConfig
from openai_codex.generated.v2_all import (
    AgentMessageThreadItem,
    CommandExecutionThreadItem,
    TurnStatus,
    UserMessageThreadItem,
)

EXPECTED_SDK_VERSION = "0.163.0"
STEP_TIMEOUT_S = 60.0
MOCK_START_TIMEOUT_S = 30.0

HELLO_TEXT = "interop: hello from the scripted model"
COMMAND_MARKER = "interop-approved"
COMMAND = f"echo {COMMAND_MARKER} > accepted.txt"
AFTER_COMMAND_TEXT = "interop: the approved command ran"
TRIGGERED_TEXT = "interop: a turn with turnTrigger and serviceTierForTurn"

# The shell tool's name and arguments as each binary advertises it: ours `shell_command {command, workdir}`,
# the reference 0.163.0 `exec_command {cmd, workdir}` (its only shell tool, whatever the model catalog says).
SHELL_TOOL_ARGUMENTS = {
    "shell_command": {"command": COMMAND, "workdir": "."},
    "exec_command": {"cmd": COMMAND, "workdir": "."},
}


def mock_script(shell_tool: str) -> dict[str, Any]:
    """The scripted replies, consumed in order, one per POST /v1/responses."""
    return {
        "replies": [
            {"type": "assistant_text", "text": HELLO_TEXT, "deltas": ["interop: hello ", "from the scripted model"]},
            {
                "type": "function_call",
                "call_id": "call_interop_1",
                "name": shell_tool,
                "arguments": SHELL_TOOL_ARGUMENTS[shell_tool],
            },
            {"type": "assistant_text", "text": AFTER_COMMAND_TEXT},
            {"type": "assistant_text", "text": TRIGGERED_TEXT},
        ],
        "models": ["mock-model"],
    }


class CheckFailed(Exception):
    """A step's expectation that did not hold."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def item_root(item: Any) -> Any:
    """Generated ThreadItem unions wrap the concrete item in `.root`."""
    return getattr(item, "root", item)


@dataclass
class State:
    """What earlier steps learned, for the later ones."""

    cwd: Path
    home: Path
    client: CodexClient | None = None
    thread_id: str | None = None
    issuer: FakeIssuer | None = None
    takes_issuer_override: bool = False
    approvals: list[tuple[str, dict[str, Any] | None]] = field(default_factory=list)

    def require_thread(self) -> tuple[CodexClient, str]:
        if self.client is None or self.thread_id is None:
            raise CheckFailed("not run: needs the thread from thread/start")
        return self.client, self.thread_id


class MockModel:
    """The scripted model server; it stops on SIGTERM (older builds: when its stdin closes)."""

    def __init__(self, binary: str, script_path: Path, stderr_path: Path) -> None:
        self.stderr_path = stderr_path
        with stderr_path.open("w") as stderr:
            self.process = subprocess.Popen(
                [binary, "--script", str(script_path)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        self.base_url = self._read_url()

    def _read_url(self) -> str:
        found: list[str] = []

        def read() -> None:
            assert self.process.stdout is not None
            line = self.process.stdout.readline()
            found.append(line.strip())

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(MOCK_START_TIMEOUT_S)
        line = found[0] if found else ""
        prefix = "listening on "
        if not line.startswith(prefix):
            self.stop()
            stderr = self.stderr_path.read_text()
            raise SystemExit(f"interop: the mock model did not start (stdout {line!r}, stderr {stderr.strip()!r})")
        return line[len(prefix):]

    def stop(self) -> None:
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def write_config(home: Path, base_url: str) -> None:
    config = f"""model = "mock-model"
model_provider = "mock"
check_for_update_on_startup = false

[analytics]
enabled = false

[feedback]
enabled = false

[model_providers.mock]
name = "mock"
base_url = "{base_url}"
wire_api = "responses"
env_key = "MOCK_API_KEY"
requires_openai_auth = true
request_max_retries = 1
stream_max_retries = 1
stream_idle_timeout_ms = 20000
"""
    (home / "config.toml").write_text(config)


# --- steps -------------------------------------------------------------------------------------------


def step_initialize(state: State) -> str:
    assert state.client is not None
    state.client.start()
    # What `openai_codex.Codex()` checks right after initialize.
    metadata = validate_initialize_metadata(state.client.initialize())
    user_agent = metadata.userAgent or ""
    expect(
        user_agent.startswith("codex_python_sdk/"),
        f"userAgent should start with the client name codex_python_sdk/, got {user_agent!r}",
    )
    expect(metadata.platformFamily == "unix", f"platformFamily: expected 'unix', got {metadata.platformFamily!r}")
    expect(bool(metadata.platformOs), f"platformOs missing: {metadata.platformOs!r}")
    # The version the SDK reads from the userAgent gates the newer options of the later steps.
    version = getattr(state.client, "_runtime_version", None)
    try:
        require_runtime_version(version)
    except ValueError as error:
        raise CheckFailed(f"the SDK's version gate (>= {MINIMUM_RUNTIME_VERSION}) refuses {version!r}: {error}")
    return f"userAgent {user_agent!r}, version {version}"


def step_thread_start(state: State) -> str:
    assert state.client is not None
    response = state.client.thread_start(
        {"cwd": str(state.cwd), "approvalPolicy": "untrusted", "sandbox": "workspace-write"}
    )
    thread = response.thread
    expect(bool(thread.id), "thread.id is empty")
    policy = response.approval_policy.root
    expect(getattr(policy, "value", policy) == "untrusted", f"approvalPolicy: expected 'untrusted', got {policy!r}")
    expect(response.model == "mock-model", f"model: expected 'mock-model', got {response.model!r}")
    cwd = Path(str(getattr(thread.cwd, "root", thread.cwd)))
    expect(cwd == state.cwd, f"thread.cwd: expected {state.cwd}, got {cwd}")
    state.thread_id = thread.id
    return f"thread {thread.id}"


def step_text_turn(state: State) -> str:
    client, thread_id = state.require_thread()
    result = Thread(client, thread_id).run("Say hello for the interop check.")
    expect(result.status == TurnStatus.completed, f"turn status: expected completed, got {result.status}")
    expect(result.final_response == HELLO_TEXT, f"final response: expected {HELLO_TEXT!r}, got {result.final_response!r}")
    kinds = [type(item_root(item)).__name__ for item in result.items]
    expect(
        any(isinstance(item_root(item), UserMessageThreadItem) for item in result.items),
        f"no userMessage item completed; items: {kinds}",
    )
    expect(result.usage is not None, "no thread/tokenUsage/updated for the turn")
    return f"turn {result.id}: {result.final_response!r}"


def step_approved_command_turn(state: State) -> str:
    client, thread_id = state.require_thread()
    before = len(state.approvals)
    result = Thread(client, thread_id).run("Create accepted.txt with a shell command.")
    requests = state.approvals[before:]
    methods = [method for method, _ in requests]
    expect(
        methods == ["item/commandExecution/requestApproval"],
        f"expected one item/commandExecution/requestApproval, the handler saw {methods}",
    )
    params = requests[0][1] or {}
    expect(params.get("threadId") == thread_id, f"approval threadId: expected {thread_id}, got {params.get('threadId')!r}")
    expect(params.get("turnId") == result.id, f"approval turnId: expected {result.id}, got {params.get('turnId')!r}")
    expect(COMMAND_MARKER in str(params.get("command")), f"approval command lacks {COMMAND_MARKER!r}: {params.get('command')!r}")
    expect(result.status == TurnStatus.completed, f"turn status: expected completed, got {result.status}")
    commands = [item_root(item) for item in result.items if isinstance(item_root(item), CommandExecutionThreadItem)]
    expect(len(commands) == 1, f"expected one commandExecution item, got {len(commands)}")
    command = commands[0]
    status = getattr(command.status, "value", command.status)
    expect(status == "completed", f"commandExecution status: expected completed, got {status!r}")
    expect(command.exit_code == 0, f"commandExecution exitCode: expected 0, got {command.exit_code!r}")
    written = state.cwd / "accepted.txt"
    expect(written.exists(), f"the approved command did not write {written}")
    content = written.read_text().strip()
    expect(content == COMMAND_MARKER, f"{written}: expected {COMMAND_MARKER!r}, got {content!r}")
    expect(
        result.final_response == AFTER_COMMAND_TEXT,
        f"final response: expected {AFTER_COMMAND_TEXT!r}, got {result.final_response!r}",
    )
    return f"approved {params.get('command')!r}, exit 0"


def step_thread_read(state: State) -> str:
    client, thread_id = state.require_thread()
    thread = Thread(client, thread_id).read(include_turns=True).thread
    expect(thread.id == thread_id, f"thread.id: expected {thread_id}, got {thread.id}")
    turns = thread.turns or []
    expect(len(turns) == 2, f"expected 2 turns, got {len(turns)}")
    statuses = [getattr(turn.status, "value", turn.status) for turn in turns]
    expect(statuses == ["completed", "completed"], f"turn statuses: {statuses}")
    texts = [
        item_root(item).text
        for item in turns[0].items
        if isinstance(item_root(item), AgentMessageThreadItem)
    ]
    expect(HELLO_TEXT in texts, f"first turn's agent messages lack {HELLO_TEXT!r}: {texts}")
    return f"{len(turns)} turns"


def step_resume_exclude_turns(state: State) -> str:
    client, thread_id = state.require_thread()
    # `excludeTurns` is one of the options the SDK gates on the reported version (>= 0.151.0).
    without = client.thread_resume(thread_id, {"excludeTurns": True}).thread
    expect(without.id == thread_id, f"thread.id: expected {thread_id}, got {without.id}")
    expect(not without.turns, f"excludeTurns: true still returned {len(without.turns or [])} turns")
    with_turns = client.thread_resume(thread_id, {"excludeTurns": False}).thread
    expect(len(with_turns.turns or []) == 2, f"excludeTurns: false returned {len(with_turns.turns or [])} turns, expected 2")
    return "0 turns with excludeTurns, 2 without"


def step_fork_exclude_turns(state: State) -> str:
    client, thread_id = state.require_thread()
    fork = client.thread_fork(thread_id, {"excludeTurns": True}).thread
    expect(fork.id != thread_id, f"the fork has the source's id {fork.id}")
    expect(not fork.turns, f"excludeTurns: true still returned {len(fork.turns or [])} turns")
    copied = Thread(client, fork.id).read(include_turns=True).thread.turns or []
    expect(len(copied) == 2, f"the fork's history: expected the source's 2 turns, got {len(copied)}")
    return f"fork {fork.id}: 0 turns in the response, 2 in its history"


def step_turn_trigger_and_service_tier(state: State) -> str:
    client, thread_id = state.require_thread()
    # The SDK sends `source` as `turnTrigger` and `turn_service_tier` as `serviceTierForTurn`, both version-gated.
    result = Thread(client, thread_id).run(
        "A turn labelled by its trigger.", source="interop", turn_service_tier="default"
    )
    expect(result.status == TurnStatus.completed, f"turn status: expected completed, got {result.status}")
    expect(
        result.final_response == TRIGGERED_TEXT,
        f"final response: expected {TRIGGERED_TEXT!r}, got {result.final_response!r}",
    )
    return f"turn {result.id}: {result.final_response!r}"


def listed_ids(client: CodexClient, archived: bool | None) -> list[str]:
    params: dict[str, Any] = {} if archived is None else {"archived": archived}
    return [thread.id for thread in client.thread_list(params).data]


def step_thread_list(state: State) -> str:
    client, thread_id = state.require_thread()
    ids = listed_ids(client, None)
    expect(thread_id in ids, f"thread/list does not list {thread_id}: {ids}")
    return f"{len(ids)} listed"


def step_thread_archive(state: State) -> str:
    client, thread_id = state.require_thread()
    client.thread_archive(thread_id)
    expect(thread_id not in listed_ids(client, None), "the archived thread is still in thread/list")
    expect(thread_id in listed_ids(client, True), "the archived thread is not in thread/list {archived: true}")
    archived_dir = state.home / "archived_sessions"
    files = [path.name for path in archived_dir.glob("*.jsonl")] if archived_dir.is_dir() else []
    expect(any(thread_id in name for name in files), f"no rollout for {thread_id} in {archived_dir}: {files}")
    return f"moved to {archived_dir.name}/"


def step_thread_unarchive(state: State) -> str:
    client, thread_id = state.require_thread()
    client.thread_unarchive(thread_id)
    expect(thread_id in listed_ids(client, None), "the unarchived thread is not back in thread/list")
    return "listed again"


def sdk(state: State) -> Any:
    """What `Codex`'s login methods use of `self`: the connected client (so the SDK's own code runs)."""
    assert state.client is not None
    return SimpleNamespace(_client=state.client)


def account_json(state: State) -> dict[str, Any]:
    response = Codex.account(sdk(state))
    return response.model_dump(mode="json", by_alias=True, exclude_none=True)


def step_login_api_key(state: State) -> str:
    Codex.login_api_key(sdk(state), "sk-interop-abcdef1234567890")
    account = account_json(state)
    expect(account.get("account") == {"type": "apiKey"}, f"account after login_api_key: {account}")
    expect(account.get("requiresOpenaiAuth") is True, f"requiresOpenaiAuth: {account}")
    saved = json.loads((state.home / "auth.json").read_text())
    expect(saved.get("OPENAI_API_KEY") == "sk-interop-abcdef1234567890", f"auth.json: {saved}")
    return "account {type: apiKey}"


def step_login_chatgpt(state: State) -> str:
    assert state.issuer is not None
    handle = Codex.login_chatgpt(sdk(state))
    if not handle.auth_url.startswith(state.issuer.base_url + "/"):
        # Not our override: never open the real issuer's page.
        cancelled = handle.cancel()
        expect(getattr(cancelled.status, "value", cancelled.status) == "canceled", f"cancel: {cancelled}")
        done = handle.wait()
        expect(done.success is False, f"a cancelled login reported {done}")
        return f"the binary ignores the issuer override; cancelled {handle.login_id} unvisited"
    state.takes_issuer_override = True
    # The "browser": urllib follows the issuer's redirect to the callback and then to /success (no proxy).
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(handle.auth_url, timeout=30) as page:
        page.read()
    done = handle.wait()
    expect(done.success is True and done.login_id == handle.login_id, f"login/completed: {done}")
    account = account_json(state).get("account") or {}
    expect(account.get("type") == "chatgpt" and account.get("email") == ISSUER_EMAIL, f"account: {account}")
    expect(account.get("planType") == "pro", f"planType: {account}")
    return f"{account.get('email')} on {account.get('planType')}"


def step_login_device_code(state: State) -> str:
    if not state.takes_issuer_override:
        return "skipped: the binary does not take CODEX_LOGIN_ISSUER_OVERRIDE (would reach the real issuer)"
    assert state.issuer is not None
    Codex.logout(sdk(state))
    handle = Codex.login_chatgpt_device_code(sdk(state))
    expect(handle.user_code == "ABCD-EFGH", f"userCode: {handle.user_code!r}")
    expect(handle.verification_url == state.issuer.base_url + "/codex/device", f"verificationUrl: {handle.verification_url!r}")
    done = handle.wait()
    expect(done.success is True, f"login/completed: {done}")
    account = account_json(state).get("account") or {}
    expect(account.get("type") == "chatgpt", f"account: {account}")
    return f"code {handle.user_code}, then {account.get('email')}"


def step_logout(state: State) -> str:
    Codex.logout(sdk(state))
    account = account_json(state)
    expect(account.get("account") is None, f"account after logout: {account}")
    expect(not (state.home / "auth.json").exists(), "auth.json is still there after logout")
    return "account null, auth.json removed"


STEPS: list[tuple[str, Callable[[State], str]]] = [
    ("initialize", step_initialize),
    ("thread/start", step_thread_start),
    ("turn: text reply", step_text_turn),
    ("turn: shell command accepted through the approval handler", step_approved_command_turn),
    ("thread/read with turns", step_thread_read),
    ("thread/resume with excludeTurns", step_resume_exclude_turns),
    ("thread/fork with excludeTurns", step_fork_exclude_turns),
    ("turn/start with turnTrigger and serviceTierForTurn", step_turn_trigger_and_service_tier),
    ("thread/list", step_thread_list),
    ("thread/archive", step_thread_archive),
    ("thread/unarchive", step_thread_unarchive),
    ("Codex.login_api_key + account", step_login_api_key),
    ("Codex.login_chatgpt (browser, fake issuer)", step_login_chatgpt),
    ("Codex.login_chatgpt_device_code (fake issuer)", step_login_device_code),
    ("Codex.logout", step_logout),
]


def server_stderr_tail(client: CodexClient | None) -> str:
    tail = getattr(client, "_stderr_tail", None)
    return tail(30) if callable(tail) else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--codex", required=True, help="the codex binary to test")
    parser.add_argument("--mock", required=True, help="the codex-scripted-model binary")
    parser.add_argument("--work", required=True, help="scratch folder (recreated; not under /tmp for the reference)")
    parser.add_argument(
        "--shell-tool",
        choices=sorted(SHELL_TOOL_ARGUMENTS),
        default="shell_command",
        help="the shell tool the mock model calls: shell_command (ours, the default) or exec_command (the reference)",
    )
    args = parser.parse_args()

    if SDK_VERSION != EXPECTED_SDK_VERSION:
        print(f"interop: expected openai-codex {EXPECTED_SDK_VERSION}, found {SDK_VERSION}", file=sys.stderr)
        return 2
    for label, path in (("--codex", args.codex), ("--mock", args.mock)):
        if not os.access(path, os.X_OK):
            print(f"interop: {label} {path} is not an executable file", file=sys.stderr)
            return 2

    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    home, cwd, tmp = work / "home", work / "cwd", work / "tmp"
    for folder in (home, cwd, tmp):
        folder.mkdir(parents=True)
    script_path = work / "mock-script.json"
    script_path.write_text(json.dumps(mock_script(args.shell_tool), indent=2))

    mock = MockModel(args.mock, script_path, work / "mock.stderr")
    write_config(home, mock.base_url)
    state = State(cwd=cwd, home=home, issuer=FakeIssuer())
    assert state.issuer is not None
    env = {
        "CODEX_HOME": str(home), "TMPDIR": str(tmp), "MOCK_API_KEY": "interop-key", "NO_COLOR": "1",
        # Ours: the login flows talk to the fake issuer; the callback server takes any free loopback port.
        "CODEX_LOGIN_ISSUER_OVERRIDE": state.issuer.base_url, "CODEX_LOGIN_PORT_OVERRIDE": "0",
    }

    def approval_handler(method: str, params: dict[str, Any] | None) -> dict[str, Any]:
        state.approvals.append((method, params))
        return {"decision": "accept"} if method == "item/commandExecution/requestApproval" else {"decision": "decline"}

    state.client = CodexClient(
        CodexConfig(codex_bin=str(Path(args.codex).resolve()), cwd=str(cwd), env=env),
        approval_handler=approval_handler,
    )
    print(f"interop: openai-codex {SDK_VERSION} against {args.codex}")

    passed, failed = 0, 0
    current = {"name": ""}
    # The watchdog takes this lock for good, so a step that wakes up while the watchdog reports stays silent.
    output_lock = threading.Lock()

    def report(line: str) -> None:
        with output_lock:
            print(line, flush=True)

    def report_stderr() -> None:
        stderr = server_stderr_tail(state.client)
        if stderr:
            print("  server stderr (tail):\n    " + stderr.replace("\n", "\n    "), flush=True)

    def watchdog_expired() -> None:
        output_lock.acquire()
        print(f"  FAIL {current['name']}: no answer within {STEP_TIMEOUT_S:.0f} s", flush=True)
        report_stderr()
        print(f"interop: {passed} passed, {failed + 1} failed (stopped at a hung step)", flush=True)
        # The main thread is blocked inside the SDK: stop both children here, then leave at once.
        if state.client is not None:
            state.client.close()
        mock.stop()
        if state.issuer is not None:
            state.issuer.stop()
        os._exit(1)

    try:
        for name, step in STEPS:
            current["name"] = name
            watchdog = threading.Timer(STEP_TIMEOUT_S, watchdog_expired)
            watchdog.daemon = True
            watchdog.start()
            started = time.monotonic()
            try:
                detail = step(state)
                passed += 1
                report(f"  ok   {name} ({time.monotonic() - started:.2f} s): {detail}")
            except CheckFailed as failure:
                failed += 1
                report(f"  FAIL {name}: {failure}")
            except Exception as error:  # any SDK error (validation, JSON-RPC error, transport) is a failure
                failed += 1
                report(f"  FAIL {name}: {type(error).__name__}: {error}")
                if os.environ.get("INTEROP_TRACEBACK"):
                    traceback.print_exc()
            finally:
                watchdog.cancel()
            if name == "initialize" and failed:
                break
    finally:
        with output_lock:
            if failed:
                report_stderr()
            state.client.close()
            mock.stop()
            state.issuer.stop()
            print(f"interop: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 and passed == len(STEPS) else 1


if __name__ == "__main__":
    sys.exit(main())
