#!/usr/bin/env python3
"""Side-by-side benchmarks: our `codex` against the reference binary, printed as one table.

Usage: scripts/bench.py [--runs N] [--ours PATH] [--reference PATH] [--mock PATH] [--only GROUP,...] [--keep]
The reference comes from --reference, else $CODEX_REFERENCE_BIN, else the venv that
../shared/tools/reference-setup.sh installs (~/.cache/codex-reference-venv); without one, only our column is filled.
The mock model is codex-scripted-model (built next to our codex by `just build-release`).

Scenarios (groups: version, exec, sandbox, app-server, large-thread, compaction, search, ws-load, exec-sessions,
mcp):
  codex --version             median wall, median peak RSS, binary size
  codex exec "hi"             median wall and peak RSS of a whole turn against an instant mock reply;
                              a 5,000-delta reply, as deltas/s = 5,000 / wall time of the exec
  codex sandbox ... -- true   median wall (workspace-write)
  codex app-server            spawn -> initialize response, VmRSS 0.5 s after initialize,
                              (and `codex mcp-server` spawn -> initialize response, ours only),
                              turn/start -> turn/completed (instant and 5,000-delta replies),
                              thread/list of 1,000 stored threads over all pages (100 a page) in a new process
  large thread                a ~10,000-line paginated thread (200 turns with command calls, built by
                              bench_rollout.py from a turn each binary wrote itself): cold thread/resume, VmRSS
                              after it, cold thread/read with turns (each in a new process)
  fuzzyFileSearch             over a generated tree of 100,000 files: median time of one query (walk + rank), of a
                              session update after the first (sessionUpdate -> sessionUpdated), and the VmRSS the
                              session's index adds (see scripts/bench_search.py)
  compaction                  one app-server thread driven through 2,000 turns with model_auto_compact_token_limit =
                              1,000 and a mock whose every reply reports 5,000 tokens, so each turn after the first
                              compacts first (4,000 model requests): total time, VmRSS after the last turn and the
                              peak (VmHWM) over the run; run once, not N times
  ws-load                     `app-server --listen ws://127.0.0.1:0`: 50 WebSocket clients at once, 5 turns each on the
                              scripted model (every turn must complete, no notification may reach another client's
                              connection): turns/s over the load and the server's VmRSS after it; run once, not N
                              times (scripts/bench_wsload.py, under the `websockets` venv of interop-websocket.sh)
  exec-sessions               one app-server turn whose model reply asks for 20 exec_command calls of `sleep 300`
                              (the catalog entry gives both binaries exec_command); each returns after its yield with
                              the command running, so 20 sessions are alive in the thread when the turn ends (checked):
                              turn/start -> turn/completed, the server's VmRSS and VmHWM then, and the RSS of the server
                              plus its session processes; each run in a new process (scripts/bench_tools.py)
  mcp                         MCP tool round trip against the stdio fixture server of the MCP client tests (official MCP
                              Python SDK): from the model's last byte of a reply asking for the tool to the next model
                              request arriving in full, timed by a model server inside bench_tools.py; N turns on one
                              thread after a warm-up turn whose call completed
Every scenario runs once as a warm-up that is not counted, then N times; times are medians. Each binary gets
its own CODEX_HOME and TMPDIR under ~/.cache/codex-bench (the reference refuses CODEX_HOME under /tmp), removed
afterwards unless --keep. All traffic stays on 127.0.0.1. A cell that could not be measured shows "-" with a note.
Numbers are measurements on a shared machine, not pass/fail assertions.
"""
import argparse
import atexit
import glob
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_appserver as appserver  # noqa: E402
import bench_rollout  # noqa: E402
import bench_search as search  # noqa: E402
import bench_tools as tools  # noqa: E402
from bench_support import BenchError, Home, launcher, MockModel, Sandbox, delta_reply, last_line, run_timed, stop_all, \
    text_reply  # noqa: E402

STREAM_DELTAS = 5000
STORED_THREADS = 1000
LARGE_THREAD_LINES = 10_000
LARGE_THREAD_TURNS = 200
PROCESS_TIMEOUT = 120
WS_CLIENTS = 50
WS_TURNS = 5
WS_PYTHON = ".build-interop/ws-venv/bin/python"
COMPACTION_TURNS = 2000

# key, label, unit, better ("lower" | "higher"), target ratio ours/reference
ROWS = [
    ("version_wall", "codex --version: median wall", "ms", "lower", 0.25),
    ("version_rss", "codex --version: peak RSS", "MiB", "lower", 0.20),
    ("size", "binary size as built", "MiB", "lower", 0.15),
    ("size_stripped", "binary size, stripped copy", "MiB", "lower", 0.15),
    ("exec_wall", "exec \"hi\" (instant reply): median wall", "ms", "lower", 0.5),
    ("exec_rss", "exec \"hi\" (instant reply): peak RSS", "MiB", "lower", 0.2),
    ("exec_stream", f"exec, {STREAM_DELTAS:,}-delta reply: deltas/s", "/s", "higher", 3.5),
    ("exec_stream_extra", f"  time the {STREAM_DELTAS:,} deltas add to the exec", "ms", "lower", None),
    ("sandbox_wall", "sandbox workspace-write -- true: median wall", "ms", "lower", 1.0),
    ("as_init", "app-server: spawn -> initialize response", "ms", "lower", 0.1),
    ("as_rss", "app-server: idle VmRSS after initialize", "MiB", "lower", 0.2),
    ("mcp_init", "mcp-server: spawn -> initialize response", "ms", "lower", None),
    ("as_turn", "app-server: turn/start -> turn/completed", "ms", "lower", 0.5),
    ("as_stream", f"app-server, {STREAM_DELTAS:,}-delta reply: deltas/s", "/s", "higher", 3.5),
    ("as_stream_extra", f"  time the {STREAM_DELTAS:,} deltas add to the turn", "ms", "lower", None),
    ("as_list", f"app-server: thread/list, {STORED_THREADS:,} threads, all pages", "ms", "lower", 0.25),
    ("ws_turns", f"app-server ws://, {WS_CLIENTS} clients x {WS_TURNS} turns: turns/s", "/s", "higher", None),
    ("ws_rss", "  server VmRSS after that load", "MiB", "lower", None),
    ("big_resume", f"cold thread/resume, {LARGE_THREAD_LINES:,}-line thread", "ms", "lower", 0.2),
    ("big_rss", "  VmRSS after that resume", "MiB", "lower", 0.3),
    ("big_read", f"cold thread/read with turns, {LARGE_THREAD_LINES:,}-line thread", "ms", "lower", 0.2),
    ("long_wall", f"app-server: {COMPACTION_TURNS:,} turns, each compacting first: total", "s", "lower", None),
    ("long_rss", "  VmRSS after the last turn", "MiB", "lower", None),
    ("long_peak", "  peak RSS (VmHWM) over the 2,000 turns", "MiB", "lower", None),
    ("sessions_turn", f"app-server: one turn starting {tools.EXEC_SESSIONS} exec sessions", "ms", "lower", None),
    ("sessions_rss", f"  server VmRSS with the {tools.EXEC_SESSIONS} sessions alive", "MiB", "lower", None),
    ("sessions_peak", "  server peak RSS (VmHWM)", "MiB", "lower", None),
    ("sessions_tree", "  RSS of the server and its session processes", "MiB", "lower", None),
    ("mcp_trip", "MCP tool round trip (reply asking -> next request)", "ms", "lower", None),
    ("search_one", f"fuzzyFileSearch, {search.FILE_COUNT:,} files: one query", "ms", "lower", 0.5),
    ("search_update", f"fuzzyFileSearch session, {search.FILE_COUNT:,} files: update", "ms", "lower", 0.1),
    ("search_typing", f"fuzzyFileSearch session, {search.FILE_COUNT:,} files: update while typing", "ms", "lower", None),
    ("search_memory", f"fuzzyFileSearch session, {search.FILE_COUNT:,} files: index VmRSS", "MiB", "lower", None),
]
GROUPS = {
    "version": ["version_wall", "version_rss", "size", "size_stripped"],
    "exec": ["exec_wall", "exec_rss", "exec_stream", "exec_stream_extra"],
    "sandbox": ["sandbox_wall"],
    "ws-load": ["ws_turns", "ws_rss"],
    "app-server": ["as_init", "as_rss", "mcp_init", "as_turn", "as_stream", "as_stream_extra", "as_list"],
    "search": ["search_one", "search_update", "search_typing", "search_memory"],
    "large-thread": ["big_resume", "big_rss", "big_read"],
    "compaction": ["long_wall", "long_rss", "long_peak"],
    "exec-sessions": ["sessions_turn", "sessions_rss", "sessions_peak", "sessions_tree"],
    "mcp": ["mcp_trip"],
}


# A model catalog entry giving mock-model the reference's real tool set (exec_command, freeform apply_patch).
MODEL_ENTRY = {
    "slug": "mock-model", "display_name": "Mock", "description": "mock", "default_reasoning_level": None,
    "supported_reasoning_levels": [], "shell_type": "unified_exec", "visibility": "list", "supported_in_api": True,
    "priority": 1, "upgrade": None, "base_instructions": "You are a mock.", "supports_reasoning_summaries": False,
    "support_verbosity": False, "default_verbosity": None, "apply_patch_tool_type": "freeform",
    "truncation_policy": {"mode": "bytes", "limit": 10000}, "supports_parallel_tool_calls": False,
    "context_window": 200000, "experimental_supported_tools": [],
}


class Bench:
    """Runs the scenarios for each binary and collects one value (or a reason) per row and binary."""

    def __init__(self, args, binaries, sandbox):
        self.args = args
        self.binaries = binaries
        self.sandbox = sandbox
        self.values = {}  # (key, binary name) -> number
        self.notes = {}  # (key, binary name) -> why it is missing
        self.homes = {name: Home(sandbox, name) for name in binaries}
        self.seed_rollout = None
        self.tree = None

    def record(self, keys, name, measure):
        """Runs measure() -> {key: value}; on failure every key gets the reason instead."""
        try:
            self.values.update({(key, name): value for key, value in measure().items()})
        except BenchError as error:
            for key in keys:
                self.notes[(key, name)] = str(error)

    def mock(self, name, replies):
        return MockModel(self.args.mock, replies, self.homes[name].logs)

    def run(self, name, argv, tag, check_output=None):
        """Warm-up plus N runs of argv; returns (median wall s, median peak RSS KiB)."""
        home = self.homes[name]
        walls, peaks = [], []
        for index in range(self.args.runs + 1):
            out = os.path.join(home.logs, f"{tag}.stdout")
            err = os.path.join(home.logs, f"{tag}.stderr")
            wall, rss, code, stdout, stderr = run_timed(argv, home.env, home.work, PROCESS_TIMEOUT, out, err)
            if code != 0:
                raise BenchError(f"exit {code}: {last_line(stderr or stdout)}")
            if check_output and check_output not in stdout:
                raise BenchError(f"stdout lacks {check_output!r}: {last_line(stdout or stderr)}")
            if index:
                walls.append(wall)
                peaks.append(rss)
        return statistics.median(walls), statistics.median(peaks)

    def version(self, name, binary):
        wall, rss = self.run(name, [binary, "--version"], "version", check_output="codex-cli")
        return {"version_wall": wall, "version_rss": rss, "size": os.path.getsize(binary)}

    def stripped_size(self, name, binary):
        """Size after `strip` (ours is built with debug info; the reference ships stripped)."""
        if not shutil.which("strip"):
            raise BenchError("no `strip` on PATH")
        copy = os.path.join(self.homes[name].logs, "stripped")
        _, _, code, _, stderr = run_timed(["strip", "-o", copy, binary], self.homes[name].env,
                                             self.homes[name].work, PROCESS_TIMEOUT, None, copy + ".stderr")
        if code != 0:
            raise BenchError(f"strip failed: {last_line(stderr)}")
        size = os.path.getsize(copy)
        os.remove(copy)
        return {"size_stripped": size}

    def exec_instant(self, name, binary):
        with self.mock(name, [text_reply("hi")] * (self.args.runs + 3)) as mock:
            self.homes[name].point_at(mock.base_url)
            wall, rss = self.run(name, [binary, "exec", "--skip-git-repo-check", "hi"], "exec", check_output="hi")
        return {"exec_wall": wall, "exec_rss": rss}

    def exec_stream(self, name, binary):
        with self.mock(name, [delta_reply(STREAM_DELTAS)] * (self.args.runs + 3)) as mock:
            self.homes[name].point_at(mock.base_url)
            wall, _ = self.run(name, [binary, "exec", "--skip-git-repo-check", "hi"], "exec-stream",
                               check_output=f"d{STREAM_DELTAS - 1}")
        return {"exec_stream": STREAM_DELTAS / wall, **self.extra("exec_stream_extra", wall, "exec_wall", name)}

    def sandbox_true(self, name, binary):
        wall, _ = self.run(name, [binary, "sandbox", "-c", 'sandbox_mode="workspace-write"', "--", "true"], "sandbox")
        return {"sandbox_wall": wall}

    def app_server_startup(self, name, binary):
        init, rss = appserver.startup(binary, self.homes[name], self.args.runs)
        return {"as_init": init, "as_rss": rss}

    def mcp_server_startup(self, name, binary):
        if name == "reference":
            raise BenchError("the reference 0.163.0 has no mcp-server (compare with our app-server row)")
        return {"mcp_init": appserver.mcp_startup(binary, self.homes[name], self.args.runs)}

    def app_server_turn(self, name, binary):
        home = self.homes[name]
        with self.mock(name, [text_reply("hi")] * (self.args.runs + 3)) as mock:
            home.point_at(mock.base_url)
            duration = appserver.turns(binary, home, self.args.runs, expected_deltas=0)
        rollout = appserver.find_rollout(home.codex_home)
        if rollout and (self.seed_rollout is None or name == "reference"):
            self.seed_rollout = os.path.join(self.sandbox.folder("seed", name), os.path.basename(rollout))
            shutil.copyfile(rollout, self.seed_rollout)
        return {"as_turn": duration}

    def app_server_stream(self, name, binary):
        home = self.homes[name]
        with self.mock(name, [delta_reply(STREAM_DELTAS)] * (self.args.runs + 3)) as mock:
            home.point_at(mock.base_url)
            duration = appserver.turns(binary, home, self.args.runs, expected_deltas=STREAM_DELTAS)
        return {"as_stream": STREAM_DELTAS / duration, **self.extra("as_stream_extra", duration, "as_turn", name)}

    def extra(self, key, stream_time, instant_key, name):
        """The stream's median time minus the instant reply's: what the deltas themselves cost."""
        if (instant_key, name) not in self.values:
            reason = self.notes.get((instant_key, name), "the instant-reply row was not measured")
            self.notes[(key, name)] = reason
            return {}
        return {key: stream_time - self.values[(instant_key, name)]}

    def app_server_list(self, name, binary):
        if self.seed_rollout is None:
            raise BenchError("no rollout to copy (no app-server turn completed)")
        home = Home(self.sandbox, f"{name}-threads")
        appserver.seed_threads(self.seed_rollout, home.codex_home, STORED_THREADS)
        return {"as_list": appserver.list_threads(binary, home, self.args.runs, STORED_THREADS)}

    def large_thread(self, name, binary):
        """Seeds one turn with a command call written by `binary` itself, grows it into a large thread, measures."""
        home = Home(self.sandbox, f"{name}-large")
        catalog = os.path.join(home.codex_home, "mock_models.json")
        with open(catalog, "w") as handle:
            json.dump({"models": [MODEL_ENTRY]}, handle)
        # Both binaries run commands through exec_command once the catalog says so.
        call = {"type": "function_call", "call_id": "call_big", "name": "exec_command",
                "arguments": {"cmd": "echo bench-output", "workdir": "."}}
        with self.mock(name, [call, text_reply("done")]) as mock:
            home.point_at(mock.base_url, extra_root=f'model_catalog_json = "{catalog}"\n')
            _, _, code, _, stderr = run_timed(
                [binary, "exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", "run it"],
                home.env, home.work, PROCESS_TIMEOUT, None, os.path.join(home.logs, "seed.stderr"))
            if code != 0:
                raise BenchError(f"seed exec exit {code}: {last_line(stderr)}")
        seed = appserver.find_rollout(home.codex_home)
        if seed is None:
            raise BenchError("the seed exec wrote no rollout")
        try:
            thread_id, _ = bench_rollout.build_large_thread(seed, home.codex_home, LARGE_THREAD_LINES, LARGE_THREAD_TURNS)
        except (ValueError, StopIteration) as error:
            raise BenchError(f"cannot grow the seed rollout: {error}") from error
        resume, rss, read = appserver.large_thread(binary, home, self.args.runs, thread_id, LARGE_THREAD_TURNS)
        return {"big_resume": resume, "big_rss": rss, "big_read": read}
    def long_thread(self, name, binary):
        """A 2,000-turn thread past a small auto-compact limit (every turn compacts first); run once."""
        home = Home(self.sandbox, f"{name}-long")
        big = {"input_tokens": 4995, "output_tokens": 5}
        reply = {"type": "assistant_text", "text": "done", "usage": big}
        summary = {"type": "assistant_text", "text": "SUMMARY", "usage": big}
        with self.mock(name, [reply] + [summary, reply] * (COMPACTION_TURNS - 1)) as mock:
            home.point_at(mock.base_url, extra_root="model_auto_compact_token_limit = 1000\n")
            elapsed, rss, peak, compactions = appserver.long_thread(binary, home, COMPACTION_TURNS)
        if compactions != COMPACTION_TURNS - 1:
            raise BenchError(f"{compactions} compactions in {COMPACTION_TURNS} turns, expected {COMPACTION_TURNS - 1}")
        return {"long_wall": elapsed, "long_rss": rss, "long_peak": peak}

    def exec_sessions(self, name, binary):
        """One turn that leaves EXEC_SESSIONS exec_command sessions running in its thread; warm-up + N runs, each in
        a new process (the catalog entry gives both binaries exec_command)."""
        home = Home(self.sandbox, f"{name}-sessions")
        catalog = os.path.join(home.codex_home, "mock_models.json")
        with open(catalog, "w") as handle:
            json.dump({"models": [MODEL_ENTRY]}, handle)
        results = []
        for index in range(self.args.runs + 1):
            with self.mock(name, tools.exec_session_replies(tools.EXEC_SESSIONS)) as mock:
                home.point_at(mock.base_url, extra_root=f'model_catalog_json = "{catalog}"\n')
                result = tools.exec_sessions(binary, home, tools.EXEC_SESSIONS)
            if index:
                results.append(result)
        turn, rss, peak, tree = (statistics.median(column) for column in zip(*results))
        return {"sessions_turn": turn, "sessions_rss": rss, "sessions_peak": peak, "sessions_tree": tree}

    def mcp_trip(self, name, binary):
        """MCP tool round trips against the stdio fixture server, timed at the model's end (bench_tools.py)."""
        python = mcp_python()
        if python is None:
            raise BenchError("no Python with the MCP SDK (MCP_PYTHON, .build-interop/mcp-venv or the reference venv)")
        home = Home(self.sandbox, f"{name}-mcp")
        with tools.TimingModel() as model:
            home.point_at(model.base_url, extra_tables=tools.mcp_config(python))
            return {"mcp_trip": tools.mcp_round_trips(binary, home, self.args.runs, model)}

    def search_tree(self):
        """The generated 100,000-file tree, made once per bench run."""
        if self.tree is None:
            self.tree = self.sandbox.folder("search-tree")
            search.make_tree(self.tree)
        return self.tree

    def search_one(self, name, binary):
        return {"search_one": search.one_query(binary, self.homes[name], self.search_tree(), self.args.runs)}

    def search_session(self, name, binary):
        update, typing, memory = search.session(binary, self.homes[name], self.search_tree(), self.args.runs)
        return {"search_update": update, "search_typing": typing, "search_memory": memory}

    def ws_load(self, name, binary):
        python = os.path.abspath(WS_PYTHON)
        if not os.access(python, os.X_OK):
            raise BenchError(f"no `websockets` client in {WS_PYTHON}: run scripts/interop-websocket.sh once")
        home = self.homes[name]
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_wsload.py")
        with self.mock(name, [text_reply("hi")] * (WS_CLIENTS * WS_TURNS + 10)) as mock:
            home.point_at(mock.base_url)
            try:
                done = subprocess.run(
                    [python, script, "--codex", binary, "--cwd", home.work, "--clients", str(WS_CLIENTS),
                     "--turns", str(WS_TURNS)],
                    env=home.env, cwd=home.work, capture_output=True, text=True, timeout=PROCESS_TIMEOUT * 3)
            except subprocess.TimeoutExpired:
                raise BenchError("the WebSocket load did not finish in time") from None
        if done.returncode != 0:
            raise BenchError(last_line(done.stderr or done.stdout) or f"exit {done.returncode}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        return {"ws_turns": result["turns_per_s"], "ws_rss": result["rss_kib"]}

    def run_all(self, groups):
        steps = {
            "version": [(["version_wall", "version_rss", "size"], self.version),
                        (["size_stripped"], self.stripped_size)],
            "exec": [(["exec_wall", "exec_rss"], self.exec_instant),
                     (["exec_stream", "exec_stream_extra"], self.exec_stream)],
            "sandbox": [(["sandbox_wall"], self.sandbox_true)],
            "ws-load": [(["ws_turns", "ws_rss"], self.ws_load)],
            "app-server": [(["as_init", "as_rss"], self.app_server_startup), (["mcp_init"], self.mcp_server_startup),
                           (["as_turn"], self.app_server_turn),
                           (["as_stream", "as_stream_extra"], self.app_server_stream),
                           (["as_list"], self.app_server_list)],
            "large-thread": [(["big_resume", "big_rss", "big_read"], self.large_thread)],
            "compaction": [(["long_wall", "long_rss", "long_peak"], self.long_thread)],
            "exec-sessions": [(["sessions_turn", "sessions_rss", "sessions_peak", "sessions_tree"], self.exec_sessions)],
            "mcp": [(["mcp_trip"], self.mcp_trip)],
            "search": [(["search_one"], self.search_one), (["search_update", "search_typing", "search_memory"], self.search_session)],
        }
        for binary in self.binaries.values():
            evict_from_page_cache(binary)
        for group in groups:
            for keys, step in steps[group]:
                # The reference first, so its rollout is the one copied for the thread/list rows.
                for name in sorted(self.binaries, key=lambda n: n != "reference"):
                    print(f"bench: {group}: {step.__name__} ({name})", file=sys.stderr, flush=True)
                    self.record(keys, name, lambda: step(name, self.binaries[name]))


def mcp_python():
    """A Python with the official MCP SDK, found as the tests find it (MCPFixturePython.swift), or None."""
    candidates = [os.environ.get("MCP_PYTHON") or "", ".build-interop/mcp-venv/bin/python",
                  os.path.expanduser("~/.cache/codex-reference-venv/bin/python")]
    found = [path for path in candidates if path and os.access(path, os.X_OK)]
    return os.path.abspath(found[0]) if found else None


def evict_from_page_cache(path):
    """Drops the file's pages from the page cache, so every binary is read back from disk the same way.

    VmRSS counts the mapped pages of the executable, and a fault maps a whole page-cache folio: a binary
    just written by the linker or `strip` sits in the cache in large folios and measured 31 MiB idle where
    the same bytes read back from disk measured 13 MiB."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as error:
        raise SystemExit(f"bench: cannot open {path}: {error}") from None
    try:
        os.fsync(fd)  # dirty pages (a binary linked a moment ago) are not dropped
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def format_value(value, unit):
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    if unit == "MiB":
        return f"{value / 1024:.1f} MiB"  # values are KiB
    if unit == "s":
        return f"{value:.1f} s"
    return f"{value:,.0f}/s"


def print_table(bench, keys, names):
    notes = []
    header = ["scenario"] + names + ["ours/ref", "target", "met"]
    table = [header]
    for key, label, unit, better, target in ROWS:
        if key not in keys:
            continue
        cells = []
        for name in names:
            if (key, name) in bench.values:
                value = bench.values[(key, name)]
                cells.append(format_value(value / 1024 if key.startswith("size") else value, unit))
            else:
                reason = bench.notes.get((key, name), "not measured")
                if reason not in notes:
                    notes.append(reason)
                cells.append(f"- [{notes.index(reason) + 1}]")
        ratio, met = "-", "-"
        if ("ours", "reference") == tuple(names) and all((key, n) in bench.values for n in names):
            value = bench.values[(key, "ours")] / bench.values[(key, "reference")]
            ratio = f"{value:.2f}x"
            if target is not None:
                met = "yes" if (value <= target if better == "lower" else value >= target) else "no"
        sign = "<=" if better == "lower" else ">="
        table.append([label] + cells + [ratio, f"{sign} {target:g}x" if target is not None else "-", met])
    widths = [max(len(row[column]) for row in table) for column in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    for number, reason in enumerate(notes, 1):
        print(f"[{number}] {reason}")


def installed_reference():
    """The reference binary in reference-setup.sh's default venv, if it is installed."""
    pattern = os.path.expanduser("~/.cache/codex-reference-venv/lib/python3*/site-packages/codex_cli_bin/bin/codex")
    found = sorted(glob.glob(pattern))
    return found[-1] if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="counted runs per scenario (plus one warm-up)")
    parser.add_argument("--ours", default=".build/release/codex")
    parser.add_argument("--reference", default=os.environ.get("CODEX_REFERENCE_BIN") or installed_reference())
    parser.add_argument("--mock", default=".build/release/codex-scripted-model")
    parser.add_argument("--only", default=",".join(GROUPS), help="comma-separated groups: " + ", ".join(GROUPS))
    parser.add_argument("--keep", action="store_true", help="keep the homes and logs under ~/.cache/codex-bench")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    groups = [group.strip() for group in args.only.split(",") if group.strip()]
    unknown = [group for group in groups if group not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; known: {', '.join(GROUPS)}")

    binaries = {}
    if os.access(args.ours, os.X_OK):
        binaries["ours"] = os.path.abspath(args.ours)
    else:
        print(f"bench: ours: {args.ours} is missing or not executable; build it with `just build-release`",
              file=sys.stderr)
    if args.reference and os.access(args.reference, os.X_OK):
        binaries["reference"] = os.path.abspath(args.reference)
    elif args.reference:
        print(f"bench: reference: {args.reference} is missing or not executable", file=sys.stderr)
    else:
        print("bench: reference: none given (--reference or CODEX_REFERENCE_BIN; see ../shared/tools/"
              "reference-setup.sh)", file=sys.stderr)
    if not binaries:
        return "bench: no binary to measure"
    needs_mock = {"exec", "app-server", "large-thread", "ws-load", "compaction", "exec-sessions"} & set(groups)
    if needs_mock and not os.access(args.mock, os.X_OK):
        return f"bench: the mock model {args.mock} is missing; build it with `just build-release`"
    args.mock = os.path.abspath(args.mock)

    sandbox = Sandbox(keep=args.keep)
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        bench = Bench(args, binaries, sandbox)
        bench.run_all(groups)
    finally:
        stop_all()
        sandbox.remove()
    names = [name for name in ("ours", "reference") if name in binaries]
    print(f"runs per scenario: {args.runs} (+1 warm-up); medians; machine: {os.cpu_count()} cores, shared")
    if launcher():
        print("processes started by bench_launch (scripts/bench_launch.c): wall and peak RSS are the child's own")
    else:
        print("no C compiler: processes forked from Python, so no peak RSS below Python's own (~13 MiB)")
    print_table(bench, [key for group in groups for key in GROUPS[group]], names)
    if args.keep:
        print(f"homes and logs kept in {sandbox.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
