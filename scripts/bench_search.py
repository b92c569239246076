"""File-search scenarios for scripts/bench.py: `fuzzyFileSearch` and its session form over a generated tree of
100,000 files (the same tree Tests/CodexAppServerTests/FuzzyFileSearchLargeTreeTests.swift makes).

  one query      median time of a `fuzzyFileSearch` request (walk + rank) over QUERIES, each run N times
  session update median time from `fuzzyFileSearch/sessionUpdate` to its `fuzzyFileSearch/sessionUpdated`,
                 after the session's first answer (the index is already walked); each update a query
                 unrelated to the one before
  while typing   the same, each query of QUERIES typed one character at a time (as an editor's file
                 picker sends them); the first keystroke of each query is not counted
  index memory   VmRSS growth of the app-server from just after initialize to after the session's walk
"""
import os
import statistics
import time

from bench_appserver import AppServer
from bench_support import BenchError

TOPS = ["src", "lib", "docs", "tests", "tools"]
SUBS = ["util", "core", "api", "model", "net", "io", "db", "auth", "cache", "view"]
TAGS = ["hash", "tree", "list", "map", "set", "queue", "heap", "graph", "trie", "pool"]
DIRECT_STEMS = ["index", "item", "node", "entry"]
DIRECT_EXTS = ["md", "rs", "ts", "py"]
LEAF_STEMS = ["item", "node", "entry", "record", "table", "value", "vector", "widget", "helper", "parser", "reader",
              "writer", "buffer", "socket"]
LEAF_EXTS = ["md", "rs", "ts", "py", "go", "swift"]
QUERIES = ["src/util/index", "sock pool", "widget", "m05/parser", "lib/db", "tsthp", "reader_trie_04"]
FILE_COUNT = 100_000


def make_tree(root):
    """Writes the 100,000 empty files under root (5 x 10 folders of 40, each with 20 sub-folders of 98)."""
    for t, top in enumerate(TOPS):
        for s, sub in enumerate(SUBS):
            folder = os.path.join(root, top, sub)
            os.makedirs(folder, exist_ok=True)
            for k in range(40):
                name = f"{DIRECT_STEMS[k % 4]}_{TAGS[k % 10]}_{k:03d}.{DIRECT_EXTS[k % 4]}"
                open(os.path.join(folder, name), "w").close()
            for leaf_index in range(20):
                leaf = os.path.join(folder, f"m{leaf_index:02d}")
                os.makedirs(leaf, exist_ok=True)
                for k in range(98):
                    stem = LEAF_STEMS[(k + leaf_index) % 14]
                    name = f"{stem}_{TAGS[(k * 3 + s) % 10]}_{k:03d}.{LEAF_EXTS[(k + t) % 6]}"
                    open(os.path.join(leaf, name), "w").close()


def one_query(binary, home, tree, runs):
    """Median seconds of one `fuzzyFileSearch` over the tree (every query of QUERIES, `runs` times each)."""
    times = []
    with AppServer(binary, home, "search") as server:
        server.initialize()
        for query in QUERIES:
            for index in range(runs + 1):
                begin = time.perf_counter()
                arrived, result = server.request("fuzzyFileSearch", {"query": query, "roots": [tree]})
                if not result or not result.get("files"):
                    raise BenchError(f"fuzzyFileSearch {query!r} found nothing")
                if index:
                    times.append(arrived - begin)
    return statistics.median(times)


def session(binary, home, tree, runs):
    """(median seconds from sessionUpdate to its sessionUpdated, the same while typing, VmRSS growth in KiB
    over the walk)."""
    with AppServer(binary, home, "search-session") as server:
        server.initialize(experimental=True)
        time.sleep(0.3)
        before = server.vm_rss_kib()
        early = []  # notifications that arrived before the response of the request that caused them
        collect = lambda arrived, message: early.append((arrived, message))  # noqa: E731
        server.request("fuzzyFileSearch/sessionStart", {"sessionId": "bench", "roots": [tree]}, on_message=collect)
        _wait_for(server, early, lambda p: p.get("sessionId") == "bench", "fuzzyFileSearch/sessionCompleted")
        after = server.vm_rss_kib()

        def update(text):
            early.clear()
            begin = time.perf_counter()
            server.request("fuzzyFileSearch/sessionUpdate", {"sessionId": "bench", "query": text}, on_message=collect)
            arrived = _wait_for(server, early, lambda p: p.get("query") == text, "fuzzyFileSearch/sessionUpdated")
            return arrived - begin

        times = []
        for round_index in range(runs + 1):
            for query in QUERIES:
                # A different query each time: odd rounds drop the last character.
                spent = update(query if round_index % 2 == 0 else query[:-1])
                if round_index:
                    times.append(spent)
        typing = []
        for round_index in range(runs + 1):
            for query in QUERIES:
                for length in range(1, len(query) + 1):
                    spent = update(query[:length])
                    if round_index and length > 1:
                        typing.append(spent)
        server.request("fuzzyFileSearch/sessionStop", {"sessionId": "bench"})
    return statistics.median(times), statistics.median(typing), max(after - before, 0)


def _wait_for(server, early, predicate, method, timeout=60):
    """Arrival time of the first `method` notification whose params satisfy predicate (consumed from `early`
    first, then from the server)."""
    while early:
        arrived, message = early.pop(0)
        if message.get("method") == method and predicate(message.get("params") or {}):
            return arrived
    deadline = time.perf_counter() + timeout
    while True:
        arrived, message = server.next_message(deadline, method)
        if message.get("method") == method and predicate(message.get("params") or {}):
            return arrived
