"""Tool scenarios for scripts/bench.py: many exec sessions alive in one thread, and MCP tool round trips.

- exec sessions: one app-server turn whose model response asks for `EXEC_SESSIONS` `exec_command` calls of a
  long-running command; every call returns after its yield time with the process still running, so the turn ends
  with that many live sessions in the thread. Measured: the turn's wall time, the server's VmRSS with the sessions
  alive, its peak (VmHWM), and the RSS of the whole process tree (server and session processes).
- MCP round trip: the model is a small HTTP server in this file (not codex-scripted-model), because the figure is
  read at the model's end: from the moment the model has sent its last byte of a reply that asks for an MCP tool
  (stdio fixture server of the MCP client tests, official MCP Python SDK) to the moment the next model request has
  arrived in full. In between the binary parses the reply, calls the MCP server, gets its answer and sends the
  next request.
"""
import json
import os
import signal
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench_appserver import AppServer, TURN_TIMEOUT
from bench_support import BenchError

EXEC_SESSIONS = 20
SESSION_COMMAND = "sleep 300"
MCP_FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "CodexMCPClientTests",
                           "Fixtures", "mcp_fixture_server.py")


def _text_input(text):
    return [{"type": "text", "text": text, "text_elements": []}]


def _run_turn(server, thread_id, text, on_message=None):
    """turn/start on thread_id and wait for its turn/completed; returns (seconds, arrival time of turn/completed)."""
    begin = time.perf_counter()
    server.request("turn/start", {"threadId": thread_id, "input": _text_input(text)})
    deadline = begin + TURN_TIMEOUT
    while True:
        arrived, message = server.next_message(deadline, "turn/completed")
        if on_message:
            on_message(arrived, message)
        params = message.get("params") or {}
        if message.get("method") == "turn/completed" and params.get("threadId") == thread_id:
            turn = params.get("turn") or {}
            if turn.get("status") != "completed":
                raise BenchError(f"turn ended {turn.get('status')}: {json.dumps(turn.get('error'))[:80]}")
            return arrived - begin, arrived


# ---------------------------------------------------------------------------------------------------------------
# Exec sessions


def exec_session_replies(count):
    """The mock's script: one response with `count` exec_command calls, then a closing text."""
    calls = [{"type": "function_call", "call_id": f"call_s{index}", "name": "exec_command",
              "arguments": json.dumps({"cmd": SESSION_COMMAND, "yield_time_ms": 250})} for index in range(count)]
    return [{"type": "response", "items": calls}, {"type": "assistant_text", "text": "started", "response_id": "resp_2"}]


def _children():
    """pid -> parent pid of every process."""
    parents = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        parents[int(name)] = int(fields[1])
    return parents


def _descendants(pid):
    parents = _children()
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current:
                found.append(child)
                frontier.append(child)
    return found


def _status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


def exec_sessions(binary, home, count):
    """One turn starting `count` exec sessions. Returns (turn s, server VmRSS KiB, server VmHWM KiB, tree RSS KiB).

    Checks that `count` session processes are alive when the turn has completed. They live in their own process
    groups, so they are ended here by pid (they are descendants of the server this function started)."""
    with AppServer(binary, home, f"exec-sessions-{count}") as server:
        server.initialize()
        _, started = server.request("thread/start", {"cwd": home.work, "approvalPolicy": "never",
                                                     "sandbox": "danger-full-access"})
        thread_id = started["thread"]["id"]
        sessions = []
        try:
            elapsed, _ = _run_turn(server, thread_id, "start the sessions")
            descendants = _descendants(server.proc.pid)
            sessions = [pid for pid in descendants if _command_line(pid).endswith(SESSION_COMMAND)]
            # A shell that runs `sleep` as its child shows up with the same command line as its child.
            leaves = [pid for pid in sessions if _command_line(pid).startswith("sleep")]
            if len(leaves) != count:
                raise BenchError(f"{len(leaves)} of {count} session processes alive after the turn")
            rss = _status_kib(server.proc.pid, "VmRSS")
            peak = _status_kib(server.proc.pid, "VmHWM")
            tree = rss + sum(_status_kib(pid, "VmRSS") for pid in descendants)
            return elapsed, rss, peak, tree
        finally:
            for pid in sessions or _descendants(server.proc.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass


# ---------------------------------------------------------------------------------------------------------------
# MCP round trip


def _sse(events):
    return "".join(f"event: {event['type']}\ndata: {json.dumps(event)}\n\n" for event in events).encode()


def _response_events(response_id, items):
    usage = {"input_tokens": 10, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 5,
             "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 15}
    events = [{"type": "response.created", "response": {"id": response_id, "object": "response", "created_at": 0,
                                                        "status": "in_progress", "model": "mock-model", "output": []}}]
    for index, item in enumerate(items):
        events.append({"type": "response.output_item.added", "output_index": index, "item": item})
        events.append({"type": "response.output_item.done", "output_index": index, "item": item})
    events.append({"type": "response.completed", "response": {"id": response_id, "object": "response",
                                                               "created_at": 0, "status": "completed",
                                                               "model": "mock-model", "output": items,
                                                               "usage": usage}})
    return _sse(events)


class TimingModel:
    """A Responses API model on 127.0.0.1 that alternates: an MCP call (`mcp__fixture` / `echo`), then a text.

    Records when it finished writing each MCP-call reply and when the request after it arrived in full; use as a
    context manager."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.reply_sent = {}  # request number of an MCP-call reply -> perf_counter after its last byte
        self.arrived = {}  # request number -> perf_counter when its body was read
        self.bodies = {}
        model = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _body(self):
                if self.headers.get("transfer-encoding", "").lower() == "chunked":
                    data = b""
                    while True:
                        size = int(self.rfile.readline().strip().split(b";")[0], 16)
                        if size == 0:
                            self.rfile.readline()
                            return data
                        data += self.rfile.read(size)
                        self.rfile.readline()
                return self.rfile.read(int(self.headers.get("content-length") or 0))

            def _send(self, status, content_type, body):
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()

            def do_GET(self):
                if self.path.endswith("/models"):
                    self._send(200, "application/json", json.dumps({"object": "list", "data": [
                        {"id": "mock-model", "object": "model", "created": 0, "owned_by": "mock"}]}).encode())
                else:
                    self._send(404, "text/plain", b"not found")

            def do_POST(self):
                body = self._body()
                arrived = time.perf_counter()
                if not self.path.endswith("/responses"):
                    self._send(404, "text/plain", b"not found")
                    return
                with model.lock:
                    model.requests += 1
                    number = model.requests
                    model.arrived[number] = arrived
                    model.bodies[number] = body
                if number % 2 == 1:
                    call = {"type": "function_call", "id": f"fc_{number}", "status": "completed",
                            "call_id": f"call_{number}", "namespace": "mcp__fixture", "name": "echo",
                            "arguments": json.dumps({"text": f"ping {number}"})}
                    self._send(200, "text/event-stream", _response_events(f"resp_{number}", [call]))
                    with model.lock:
                        model.reply_sent[number] = time.perf_counter()
                else:
                    message = {"type": "message", "id": f"msg_{number}", "role": "assistant", "status": "completed",
                               "content": [{"type": "output_text", "text": "done", "annotations": []}]}
                    self._send(200, "text/event-stream", _response_events(f"resp_{number}", [message]))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def round_trip(self, call_request):
        """Seconds from the end of the MCP-call reply to request `call_request` + 1 arriving; checks the tool's
        answer is in that request."""
        with self.lock:
            sent = self.reply_sent.get(call_request)
            arrived = self.arrived.get(call_request + 1)
            body = self.bodies.get(call_request + 1, b"")
        if sent is None or arrived is None:
            raise BenchError(f"model request {call_request + 1} (after the MCP call) never came")
        if f"ECHO:ping {call_request}".encode() not in body:
            raise BenchError(f"request {call_request + 1} lacks the MCP server's answer: {body[-120:]!r}")
        return arrived - sent


def mcp_config(python):
    """The `[mcp_servers.fixture]` table for the fixture server under `python` (with the MCP SDK)."""
    fixture = os.path.abspath(MCP_FIXTURE)
    if not os.path.exists(fixture):
        raise BenchError(f"no MCP fixture server at {fixture}")
    return (f'\n[mcp_servers.fixture]\ncommand = "{python}"\nargs = ["{fixture}"]\n'
            'default_tools_approval_mode = "approve"\nstartup_timeout_sec = 120\n')


def mcp_round_trips(binary, home, runs, model, startup_timeout=120):
    """Median MCP round trip (s) over `runs` turns, all on one thread of one app-server.

    Turns run first until one MCP call completes (the fixture server's start, the SDK's imports included, can take
    seconds on a loaded machine, and a turn before it is up gets "unsupported call"); that turn is the warm-up."""
    trips = []
    with AppServer(binary, home, "mcp-round-trip") as server:
        server.initialize()
        _, started = server.request("thread/start", {"cwd": home.work, "approvalPolicy": "never"})
        thread_id = started["thread"]["id"]
        ready_by = time.perf_counter() + startup_timeout
        warmed_up = False
        index = 0
        while len(trips) < runs:
            seen = []

            def watch(_, message):
                item = (message.get("params") or {}).get("item") or {}
                if message.get("method") == "item/completed" and item.get("type") == "mcpToolCall":
                    seen.append(item.get("status"))

            with model.lock:
                call_request = model.requests + 1
            _run_turn(server, thread_id, f"call the tool {index}", on_message=watch)
            index += 1
            if not warmed_up:
                if seen == ["completed"]:
                    warmed_up = True
                elif time.perf_counter() > ready_by:
                    raise BenchError(f"no MCP call completed within {startup_timeout} s of the thread's start")
                else:
                    time.sleep(0.5)  # the server is still starting: try again in a moment
                continue
            if seen != ["completed"]:
                raise BenchError(f"turn {index}: MCP tool call items {seen}, expected one completed")
            trips.append(model.round_trip(call_request))
    return statistics.median(trips)
