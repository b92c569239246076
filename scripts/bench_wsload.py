"""A bounded loopback load on `codex app-server --listen ws://127.0.0.1:0`, for scripts/bench.py.

Runs under a Python that has `websockets` (scripts/interop-websocket.sh installs one in .build-interop/ws-venv).
Starts the server with the environment it is given (CODEX_HOME pointing at the scripted model), connects
CLIENTS WebSocket clients, each of which starts a thread and runs TURNS turns one after another, all clients at
once. Checks that every turn completes and that no connection receives a notification of another client's
thread (`thread/status/changed` excepted: the reference sends it to every connection, and so do we). Prints one JSON line: {"turns": N, "seconds": wall of the turns, "turns_per_s": ..., "rss_kib": the
server's VmRSS after the load}.

usage: bench_wsload.py --codex BIN --cwd DIR [--clients 50] [--turns 5]
"""

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time

import websockets

TIMEOUT = 120


class LoadError(Exception):
    """The load did not run as expected."""


async def client(url: str, index: int, cwd: str, turns: int, ready: "Readiness", start: asyncio.Event) -> int:
    async with websockets.connect(url, max_size=None) as socket:
        next_id = 0

        async def request(method, params):
            nonlocal next_id
            next_id += 1
            request_id = next_id
            await socket.send(json.dumps({"id": request_id, "method": method, "params": params}))
            while True:
                message = json.loads(await asyncio.wait_for(socket.recv(), TIMEOUT))
                check(message)
                if message.get("id") == request_id and "method" not in message:
                    if "error" in message:
                        raise LoadError(f"client {index}: {method}: {message['error']}")
                    return message["result"]

        thread_id = None

        def check(message):
            params = message.get("params")
            # `thread/status/changed` goes to every connection (as the reference sends it); nothing else may
            # name another client's thread.
            if message.get("method") == "thread/status/changed":
                return
            if thread_id and isinstance(params, dict) and params.get("threadId") not in (None, thread_id):
                raise LoadError(f"client {index} received {message.get('method')} of thread {params['threadId']}")

        await request("initialize", {"clientInfo": {"name": f"load-{index}", "version": "1.0"}})
        await socket.send(json.dumps({"method": "initialized"}))
        started = await request("thread/start", {"cwd": cwd})
        thread_id = started["thread"]["id"]
        ready.arrived()
        await start.wait()
        completed = 0
        for turn in range(turns):
            result = await request(
                "turn/start",
                {"threadId": thread_id, "input": [{"type": "text", "text": f"turn {turn}", "text_elements": []}]},
            )
            turn_id = result["turn"]["id"]
            while True:
                message = json.loads(await asyncio.wait_for(socket.recv(), TIMEOUT))
                check(message)
                if message.get("method") == "turn/completed" and message["params"]["turn"]["id"] == turn_id:
                    status = message["params"]["turn"]["status"]
                    if status != "completed":
                        raise LoadError(f"client {index}: turn {turn} ended {status}")
                    completed += 1
                    break
        return completed


class Readiness:
    """Counts clients that have a thread; `event` is set once all of them do."""

    def __init__(self, clients: int) -> None:
        self.left = clients
        self.event = asyncio.Event()

    def arrived(self) -> None:
        self.left -= 1
        if self.left == 0:
            self.event.set()


async def load(url: str, cwd: str, clients: int, turns: int) -> tuple[int, float]:
    ready = Readiness(clients)
    start = asyncio.Event()
    tasks = [asyncio.create_task(client(url, index, cwd, turns, ready, start)) for index in range(clients)]
    # Everyone connected and has a thread before the clock starts (a client that failed ends the wait).
    waiter = asyncio.create_task(ready.event.wait())
    await asyncio.wait([waiter, *tasks], timeout=TIMEOUT, return_when=asyncio.FIRST_COMPLETED)
    if not ready.event.is_set():
        waiter.cancel()
        for task in tasks:
            task.cancel()
        failed = [task for task in tasks if task.done() and not task.cancelled() and task.exception()]
        raise LoadError(f"not every client got ready: {failed[0].exception() if failed else 'timeout'}")
    began = time.monotonic()
    start.set()
    counts = await asyncio.gather(*tasks)
    return sum(counts), time.monotonic() - began


def vm_rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise LoadError("no VmRSS")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--codex", required=True)
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--turns", type=int, default=5)
    args = parser.parse_args()
    server = subprocess.Popen(
        [args.codex, "app-server", "--listen", "ws://127.0.0.1:0"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=args.cwd,
    )
    try:
        url = None
        assert server.stderr is not None
        for raw in server.stderr:
            match = re.search(r"listening on: (ws://\S+)", re.sub(r"\x1b\[[0-9;]*m", "", raw.decode(errors="replace")))
            if match:
                url = match.group(1)
                break
        if url is None:
            raise LoadError("the server printed no address")
        # Keep draining stderr so the server never blocks on it.
        drain = subprocess.Popen(["cat"], stdin=server.stderr, stdout=subprocess.DEVNULL)
        turns, seconds = asyncio.run(load(url, args.cwd, args.clients, args.turns))
        expected = args.clients * args.turns
        if turns != expected:
            raise LoadError(f"{turns} of {expected} turns completed")
        rss = vm_rss_kib(server.pid)
        print(json.dumps({"turns": turns, "seconds": seconds, "turns_per_s": turns / seconds, "rss_kib": rss}))
        drain.kill()
        drain.wait()
        return 0
    except (LoadError, OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as error:
        print(f"bench_wsload: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
