#!/usr/bin/env python3
"""Side-by-side benchmarks: our `codex` against the reference binary when one is installed.

Usage: scripts/bench.py [--runs N] [--ours PATH] [--reference PATH]
The reference is taken from --reference, else $CODEX_REFERENCE_BIN; without one, only our column is shown.
Measures wall time (median over N runs) and peak RSS (max over runs, from wait4's rusage) per scenario,
plus the binary size. Numbers are measurements, not pass/fail assertions: targets live in the README.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def measure(argv, env, runs):
    """Runs argv `runs` times; returns (median seconds, peak RSS in KiB)."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"bench: {' '.join(argv)} exited {proc.returncode}")
    return statistics.median(times), max(peaks)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--ours", default=".build/release/codex")
    parser.add_argument("--reference", default=os.environ.get("CODEX_REFERENCE_BIN"))
    args = parser.parse_args()

    if not os.access(args.ours, os.X_OK):
        raise SystemExit(f"bench: {args.ours} not found; build it with `just build-release`")
    binaries = [("ours", args.ours)]
    if args.reference and os.access(args.reference, os.X_OK):
        binaries.append(("reference", args.reference))
    else:
        print("reference: not installed (set CODEX_REFERENCE_BIN; see ../shared/tools/reference-setup.sh)")

    home = tempfile.mkdtemp(prefix="codex-bench-home-", dir=os.path.expanduser("~"))
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "CODEX_HOME": home}

    rows = []
    sizes = {name: os.path.getsize(path) for name, path in binaries}
    results = {name: measure([path, "--version"], env, args.runs) for name, path in binaries}
    rows.append(("codex --version: median wall", {n: f"{t * 1000:.1f} ms" for n, (t, _) in results.items()},
                 ratio(results, 0), "<= 0.25"))
    rows.append(("codex --version: peak RSS", {n: f"{r / 1024:.1f} MiB" for n, (_, r) in results.items()},
                 ratio(results, 1), "<= 0.20"))
    rows.append(("binary size", {n: f"{s / 1048576:.1f} MiB" for n, s in sizes.items()},
                 f"{sizes['ours'] / sizes['reference']:.2f}x" if "reference" in sizes else "-", "<= 0.15"))

    names = [name for name, _ in binaries]
    header = ["scenario"] + names + ["ours/ref", "target"]
    table = [header] + [[label] + [cells.get(n, "-") for n in names] + [r, target] for label, cells, r, target in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)))
    subprocess.run(["rm", "-rf", home])


def ratio(results, index):
    if "reference" not in results:
        return "-"
    return f"{results['ours'][index] / results['reference'][index]:.2f}x"


if __name__ == "__main__":
    sys.exit(main())
