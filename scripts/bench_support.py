"""Plumbing for scripts/bench.py: isolated homes, the scripted mock model, and timed child processes.

Every child is started in its own session (process group) and recorded, so `stop_all()` can end each one we
started by its id, including any helpers it spawned. Every wait has a deadline.
"""
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time

_started = []  # Popen objects of every process we started, for stop_all()


class BenchError(Exception):
    """A scenario that could not run; the message says why (it becomes a table note)."""


def spawn(argv, env, cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
    """Starts argv in a new process group and remembers it for stop_all()."""
    try:
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=stdin, stdout=stdout, stderr=stderr,
                                start_new_session=True)
    except OSError as error:
        raise BenchError(f"cannot start {argv[0]}: {error}") from error
    _started.append(proc)
    return proc


def kill_group(proc):
    """Ends proc's process group (which we created) and reaps proc; quiet if already gone."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def stop_all():
    """Kills every process group we started that may still be alive (run at exit)."""
    for proc in _started:
        if proc.returncode is None and proc.poll() is None:
            kill_group(proc)
    _started.clear()


_launcher = None  # path of the compiled bench_launch, or "" when it cannot be built


def launcher():
    """Compiles scripts/bench_launch.c once (static, with cc) into the cache; "" if there is no compiler."""
    global _launcher
    if _launcher is None:
        _launcher = ""
        source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_launch.c")
        target = os.path.join(os.path.expanduser("~/.cache/codex-bench"), "bench_launch")
        compiler = shutil.which("cc") or shutil.which("gcc")
        if compiler:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            for flags in (["-static"], []):
                built = subprocess.run([compiler, "-O2", *flags, "-o", target, source],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if built.returncode == 0:
                    _launcher = target
                    break
    return _launcher


def run_timed(argv, env, cwd, timeout, stdout_path=None, stderr_path=None):
    """Runs argv to completion; returns (wall seconds, peak RSS KiB, exit code, stdout text, stderr text).

    The child is started through bench_launch (scripts/bench_launch.c), which times it from just before fork
    to the reap and reads its peak RSS from wait4. Linux carries a peak RSS across execve, so a child forked
    straight from Python would report at least Python's own ~13 MiB. Without a C compiler the child is forked
    from Python and that floor applies (the table says so). A run past `timeout` is killed (whole group) and
    raises BenchError.
    """
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL
    result = {}
    tool = launcher()
    result_file = None
    if tool:
        handle, result_file = tempfile.mkstemp(prefix="launch-", dir=os.path.dirname(tool))
        os.close(handle)

    def reap(pid):
        _, status, usage = os.wait4(pid, 0)
        result["end"] = time.perf_counter()
        result["status"] = status
        result["rss"] = usage.ru_maxrss

    try:
        start = time.perf_counter()
        proc = spawn([tool, result_file, *argv] if tool else argv, env, cwd, stdout=out, stderr=err)
        waiter = threading.Thread(target=reap, args=(proc.pid,), daemon=True)
        waiter.start()
        waiter.join(timeout)
        if waiter.is_alive():
            kill_group(proc)
            waiter.join(5)
            raise BenchError(f"timed out after {timeout:.0f} s")
        proc.returncode = os.waitstatus_to_exitcode(result["status"])
        # The group may hold helpers that outlived the main process; end them before the next run.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        wall = result["end"] - start
        rss = result["rss"]
        code = proc.returncode
        if tool:
            if code != 0:
                raise BenchError(f"bench_launch failed ({code}): {last_line(_read_text(stderr_path))}")
            with open(result_file) as handle:
                fields = handle.read().split()
            wall, rss = int(fields[0]) / 1e9, int(fields[1])
            code = os.waitstatus_to_exitcode(int(fields[2]))
    finally:
        for handle in (out, err):
            if handle is not subprocess.DEVNULL:
                handle.close()
        if result_file and os.path.exists(result_file):
            os.remove(result_file)
    return (wall, rss, code, _read_text(stdout_path), _read_text(stderr_path))


def _read_text(path):
    if not path:
        return ""
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", "replace")


def last_line(text):
    """The last non-empty line of text, shortened, for error notes."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[-1][:100] if lines else "no output")


class Sandbox:
    """The bench's private root under $HOME (never /tmp: the reference refuses CODEX_HOME there)."""

    def __init__(self, keep=False):
        base = os.path.join(os.path.expanduser("~"), ".cache", "codex-bench")
        os.makedirs(base, exist_ok=True)
        self.root = tempfile.mkdtemp(prefix="run-", dir=base)
        self.keep = keep

    def folder(self, *parts):
        path = os.path.join(self.root, *parts)
        os.makedirs(path, exist_ok=True)
        return path

    def remove(self):
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)


class Home:
    """One binary's CODEX_HOME, TMPDIR and working folder, with a config.toml pointing at a mock."""

    def __init__(self, sandbox, name):
        self.codex_home = sandbox.folder(name, "codex-home")
        self.tmpdir = sandbox.folder(name, "tmp")
        self.work = sandbox.folder(name, "work")
        self.logs = sandbox.folder(name, "logs")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": sandbox.folder(name, "user-home"),
            "CODEX_HOME": self.codex_home,
            "TMPDIR": self.tmpdir,
            "MOCK_API_KEY": "bench-key",
            "LANG": "C.UTF-8",
        }
        self.point_at("http://127.0.0.1:9/v1")

    def point_at(self, base_url, extra_root="", extra_tables=""):
        """(Re)writes config.toml for the mock at base_url (setup from reference-observations.md);
        `extra_root` is TOML for the root table (e.g. `model_catalog_json = "..."`), `extra_tables` more tables."""
        config = f"""{extra_root}model = "mock-model"
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
request_max_retries = 1
stream_max_retries = 1
stream_idle_timeout_ms = 20000
{extra_tables}"""
        with open(os.path.join(self.codex_home, "config.toml"), "w") as handle:
            handle.write(config)


class MockModel:
    """A codex-scripted-model process serving `replies` on 127.0.0.1; use as a context manager."""

    def __init__(self, binary, replies, folder, timeout=30):
        self.binary = binary
        self.replies = replies
        self.folder = folder
        self.timeout = timeout
        self.proc = None
        self.base_url = None

    def __enter__(self):
        script = os.path.join(self.folder, f"script-{time.monotonic_ns()}.json")
        with open(script, "w") as handle:
            json.dump({"replies": self.replies}, handle)
        with open(os.path.join(self.folder, "mock.stderr"), "ab") as err:
            self.proc = spawn([self.binary, "--script", script], env={"PATH": os.environ.get("PATH", "")},
                              cwd=self.folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)
        line = _read_line(self.proc.stdout, self.timeout)
        prefix = "listening on "
        if not line.startswith(prefix):
            kill_group(self.proc)
            raise BenchError(f"mock model did not start (said {line!r})")
        self.base_url = line[len(prefix):].strip()
        return self

    def __exit__(self, *exc):
        try:
            self.proc.stdin.close()  # the mock serves until stdin closes
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        kill_group(self.proc)


def _read_line(stream, timeout):
    """Reads one line from a pipe, giving up after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    data = b""
    fd = stream.fileno()
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            break
        chunk = os.read(fd, 1)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace")


def text_reply(text="hi"):
    return {"type": "assistant_text", "text": text}


def delta_reply(count):
    """An assistant reply streamed as `count` deltas; the text is their concatenation."""
    deltas = [f"d{index} " for index in range(count)]
    return {"type": "assistant_text", "text": "".join(deltas), "deltas": deltas}
