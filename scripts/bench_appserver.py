"""App-server scenarios for scripts/bench.py: a minimal stdio JSON-RPC client and the timed flows.

Framing is one JSON object per line (no "jsonrpc" field), as reference-observations.md describes.
Each line is timestamped by the reader thread the moment it arrives, so Python's parsing does not count.
"""
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import threading
import time
import uuid

from bench_support import BenchError, kill_group, last_line, spawn

REQUEST_TIMEOUT = 30
TURN_TIMEOUT = 120
DELTA_MARKER = b'"method":"item/agentMessage/delta"'
DELTA_BATCH = "bench/deltas"  # what the reader queues in place of a run of delta notifications: {"count": n}


class AppServer:
    """One `codex app-server` child (or, with `subcommand="mcp-server"`, a `codex mcp-server`, whose messages
    carry "jsonrpc": "2.0"); use as a context manager (ends the process group on exit)."""

    def __init__(self, binary, home, label, subcommand="app-server"):
        self.binary = binary
        self.subcommand = subcommand
        self.home = home
        self.label = label
        self.proc = None
        self.spawned_at = None
        self.messages = queue.Queue()
        self.next_id = 1
        self.stderr_path = os.path.join(home.logs, f"app-server-{label}.stderr")

    def __enter__(self):
        with open(self.stderr_path, "ab") as err:
            self.spawned_at = time.perf_counter()
            self.proc = spawn([self.binary, self.subcommand], env=self.home.env, cwd=self.home.work,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def __exit__(self, *exc):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)  # both servers exit when stdin reaches EOF
        except (OSError, subprocess.TimeoutExpired):
            pass
        kill_group(self.proc)

    def _read(self):
        """Reads stdout in large chunks; delta notifications are only counted, a chunk's worth at a time.

        Parsing or queueing each of 5,000 deltas one by one would cost this reader ~8 us a line, which is
        more than a fast server spends producing one: the client, not the server, would set the pace.
        """
        fd = self.proc.stdout.fileno()
        pending = b""
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            arrived = time.perf_counter()
            if not chunk:
                break
            lines = (pending + chunk).split(b"\n")
            pending = lines.pop()
            deltas = 0
            for line in lines:
                if DELTA_MARKER in line:
                    deltas += 1
                    continue
                if deltas:
                    self.messages.put((arrived, {"method": DELTA_BATCH, "count": deltas}))
                    deltas = 0
                try:
                    self.messages.put((arrived, json.loads(line)))
                except ValueError:
                    continue
            if deltas:
                self.messages.put((arrived, {"method": DELTA_BATCH, "count": deltas}))
        self.messages.put((time.perf_counter(), None))  # end of stream

    def send(self, message):
        if self.subcommand == "mcp-server":
            message = {"jsonrpc": "2.0", **message}
        try:
            self.proc.stdin.write((json.dumps(message) + "\n").encode())
            self.proc.stdin.flush()
        except OSError as error:
            raise BenchError(f"app-server closed its stdin ({error}); {self.stderr_tail()}") from error

    def stderr_tail(self):
        with open(self.stderr_path, "rb") as handle:
            return "stderr: " + last_line(handle.read().decode("utf-8", "replace"))

    def next_message(self, deadline, what):
        remaining = deadline - time.perf_counter()
        try:
            arrived, message = self.messages.get(timeout=max(remaining, 0.001))
        except queue.Empty:
            raise BenchError(f"no {what} within the timeout") from None
        if message is None:
            raise BenchError(f"app-server exited before {what}; {self.stderr_tail()}")
        if "id" in message and "method" in message:
            # A server->client request (e.g. an approval) would stall the turn: decline it.
            self.send({"id": message["id"], "error": {"code": -32601, "message": "bench declines"}})
        return arrived, message

    def request(self, method, params, timeout=REQUEST_TIMEOUT, on_message=None):
        """Sends a request; returns (arrival time of its response, result). Errors raise BenchError."""
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        deadline = time.perf_counter() + timeout
        while True:
            arrived, message = self.next_message(deadline, f"{method} response")
            if message.get("id") == request_id and "method" not in message:
                if "error" in message:
                    raise BenchError(f"{method}: {message['error'].get('message', message['error'])}"[:120])
                return arrived, message.get("result")
            if on_message:
                on_message(arrived, message)

    def initialize(self, experimental=False):
        """initialize + initialized; returns the arrival time of the initialize response."""
        arrived, _ = self.request("initialize", {
            "clientInfo": {"name": "codex_bench", "title": "codex bench", "version": "1.0.0"},
            "capabilities": {"experimentalApi": experimental}})
        self.send({"method": "initialized"})
        return arrived

    def mcp_initialize(self):
        """MCP initialize + notifications/initialized; returns the arrival time of the initialize response."""
        arrived, _ = self.request("initialize", {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "codex_bench", "version": "1.0.0"}})
        self.send({"method": "notifications/initialized"})
        return arrived

    def vm_rss_kib(self, field="VmRSS"):
        """The process's `field` from /proc/PID/status in KiB (VmRSS now, VmHWM its peak so far)."""
        with open(f"/proc/{self.proc.pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        raise BenchError(f"no {field} in /proc status")


def startup(binary, home, runs, settle=0.5):
    """Median spawn -> initialize response (s) and median VmRSS (KiB) `settle` s after initialize."""
    times, rss = [], []
    for index in range(runs + 1):  # the first process is a warm-up (first-run setup in CODEX_HOME)
        with AppServer(binary, home, "startup") as server:
            arrived = server.initialize()
            time.sleep(settle)
            if index:
                times.append(arrived - server.spawned_at)
                rss.append(server.vm_rss_kib())
    return statistics.median(times), statistics.median(rss)


def mcp_startup(binary, home, runs):
    """Median spawn -> initialize response (s) of `codex mcp-server`, each run in a new process."""
    times = []
    for index in range(runs + 1):  # the first process is a warm-up
        with AppServer(binary, home, "mcp-startup", subcommand="mcp-server") as server:
            arrived = server.mcp_initialize()
            if index:
                times.append(arrived - server.spawned_at)
    return statistics.median(times)


def turns(binary, home, runs, expected_deltas):
    """Median turn/start -> turn/completed (s) over `runs` turns (plus a warm-up), each on a new thread.

    The mock must hold runs + 1 replies. Checks the turn completed and that at least `expected_deltas`
    agent-message deltas arrived.
    """
    durations = []
    with AppServer(binary, home, f"turns-{expected_deltas}") as server:
        server.initialize()
        for index in range(runs + 1):
            durations_entry = _one_turn(server, home, expected_deltas)
            if index:
                durations.append(durations_entry)
    return statistics.median(durations)


def _one_turn(server, home, expected_deltas):
    _, started = server.request("thread/start", {"cwd": home.work})
    thread_id = started["thread"]["id"]
    deltas = 0
    begin = time.perf_counter()
    server.request("turn/start", {"threadId": thread_id,
                                  "input": [{"type": "text", "text": "hi", "text_elements": []}]})
    deadline = begin + TURN_TIMEOUT
    while True:
        arrived, message = server.next_message(deadline, "turn/completed")
        method = message.get("method")
        params = message.get("params") or {}
        if method == DELTA_BATCH:
            deltas += message["count"]
        elif method == "turn/completed" and params.get("threadId") == thread_id:
            turn = params.get("turn") or {}
            if turn.get("status") != "completed":
                raise BenchError(f"turn ended {turn.get('status')}: {json.dumps(turn.get('error'))[:80]}")
            if deltas < expected_deltas:
                raise BenchError(f"only {deltas} of {expected_deltas} deltas arrived")
            return arrived - begin


def list_threads(binary, home, runs, expected, page_size=100):
    """Median time for thread/list over every page, each run in a new process (after initialize)."""
    durations = []
    for index in range(runs + 1):  # the first process is a warm-up: it may index the copied rollouts
        with AppServer(binary, home, "thread-list") as server:
            server.initialize()
            begin = time.perf_counter()
            seen, cursor = 0, None
            for _ in range(expected // page_size + 5):  # bounded: a cursor that never ends is an error
                params = {"limit": page_size}
                if cursor:
                    params["cursor"] = cursor
                arrived, result = server.request("thread/list", params)
                seen += len(result.get("data") or [])
                cursor = result.get("nextCursor")
                if not cursor:
                    break
            else:
                raise BenchError("thread/list kept returning a nextCursor")
            if seen != expected:
                raise BenchError(f"listed {seen} of {expected} threads")
            if index:
                durations.append(arrived - begin)
    return statistics.median(durations)


ROLLOUT_NAME = re.compile(r"^rollout-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)-([0-9a-f-]{36})\.jsonl$")


def find_rollout(codex_home):
    """The newest rollout file under CODEX_HOME/sessions, or None."""
    found = []
    for folder, _, files in os.walk(os.path.join(codex_home, "sessions")):
        found += [os.path.join(folder, name) for name in files if ROLLOUT_NAME.match(name)]
    return max(found, key=os.path.getmtime) if found else None


def seed_threads(rollout, codex_home, count):
    """Writes `count` copies of `rollout` into codex_home/sessions, each under a new id (in the file name and
    inside the file) and a file-name time one second apart, so listing order and cursors are unambiguous."""
    match = ROLLOUT_NAME.match(os.path.basename(rollout))
    if not match:
        raise BenchError(f"not a rollout file name: {rollout}")
    old_id = match.group(7)
    with open(rollout) as handle:
        text = handle.read()
    start = time.mktime(time.strptime("-".join(match.groups()[:6]), "%Y-%m-%d-%H-%M-%S"))
    sessions = os.path.join(codex_home, "sessions")
    shutil.rmtree(sessions, ignore_errors=True)
    for index in range(count):
        stamp = start - index
        new_id = _uuid7(int(stamp * 1000))
        local = time.localtime(stamp)
        folder = os.path.join(sessions, time.strftime("%Y/%m/%d", local))
        os.makedirs(folder, exist_ok=True)
        name = f"rollout-{time.strftime('%Y-%m-%dT%H-%M-%S', local)}-{new_id}.jsonl"
        with open(os.path.join(folder, name), "w") as handle:
            handle.write(text.replace(old_id, new_id))


def _uuid7(millis):
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= uuid.uuid4().int & ((1 << 76) - 1) & ~(0x3 << 62)
    value |= 0x2 << 62
    return str(uuid.UUID(int=value))


def large_thread(binary, home, runs, thread_id, turns):
    """Cold thread/resume and cold thread/read {includeTurns} of one large thread, each in a new process.

    Returns (median resume s, median VmRSS KiB right after the resume, median read s). The warm-up resume
    also lets a binary that indexes rollouts (the reference projects them into sqlite) do so once.
    """
    resumes, rss, reads = [], [], []
    for index in range(runs + 1):
        with AppServer(binary, home, "large-resume") as server:
            server.initialize()
            begin = time.perf_counter()
            arrived, result = server.request("thread/resume", {"threadId": thread_id}, timeout=TURN_TIMEOUT)
            _check_turns(result, turns, "thread/resume")
            if index:
                resumes.append(arrived - begin)
                rss.append(server.vm_rss_kib())
        with AppServer(binary, home, "large-read") as server:
            server.initialize()
            begin = time.perf_counter()
            arrived, result = server.request("thread/read", {"threadId": thread_id, "includeTurns": True},
                                             timeout=TURN_TIMEOUT)
            _check_turns(result, turns, "thread/read")
            if index:
                reads.append(arrived - begin)
    return statistics.median(resumes), statistics.median(rss), statistics.median(reads)


def _check_turns(result, expected, method):
    got = len(((result or {}).get("thread") or {}).get("turns") or [])
    if got != expected:
        raise BenchError(f"{method} returned {got} of {expected} turns")


def long_thread(binary, home, turns):
    """One thread driven through `turns` turns, one after the other (the mock's usage makes every turn after
    the first compact first). Returns (total seconds, VmRSS KiB after the last turn, peak RSS (VmHWM) KiB,
    compactions seen)."""
    compactions = 0
    with AppServer(binary, home, f"long-thread-{turns}") as server:
        server.initialize()
        _, started = server.request("thread/start", {"cwd": home.work})
        thread_id = started["thread"]["id"]
        begin = time.perf_counter()
        for index in range(turns):
            server.request("turn/start", {"threadId": thread_id,
                                          "input": [{"type": "text", "text": f"turn {index}", "text_elements": []}]})
            deadline = time.perf_counter() + TURN_TIMEOUT
            while True:
                _, message = server.next_message(deadline, "turn/completed")
                params = message.get("params") or {}
                if message.get("method") == "item/completed" and (params.get("item") or {}).get("type") == \
                        "contextCompaction":
                    compactions += 1
                if message.get("method") == "turn/completed" and params.get("threadId") == thread_id:
                    turn = params.get("turn") or {}
                    if turn.get("status") != "completed":
                        raise BenchError(f"turn {index} ended {turn.get('status')}: {json.dumps(turn.get('error'))[:80]}")
                    break
        elapsed = time.perf_counter() - begin
        return elapsed, server.vm_rss_kib(), server.vm_rss_kib("VmHWM"), compactions

