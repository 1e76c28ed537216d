#!/usr/bin/env python3
"""The memory benchmark of issue 18: peak RSS and time of `perfeval extract` on each hostile input, then of one extract
and one import over the whole corpus. Prints a table; nothing is asserted here (the CI test asserts the outcomes).

    python3 tests/hostile/measure.py [--slow] [--keep DIR]

It builds the CLI (Release), writes the corpus with make_corpus.py into a temporary folder (or DIR), and runs each
input in its own process, reading that process's peak RSS from wait4(2).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, "src", "PerformanceEval.Cli", "bin", "Release", "net10.0", "perfeval.dll")


def run(args):
    """Exit code, peak RSS in MB and seconds of one perfeval run."""
    started = time.monotonic()
    p = subprocess.Popen(["dotnet", CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(p.pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, time.monotonic() - started


def main():
    slow = "--slow" in sys.argv
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "PerformanceEval.Cli"), "-c", "Release", "-v", "q", "-nologo"], check=True,
                   stdout=subprocess.DEVNULL)
    base = keep or tempfile.mkdtemp(prefix="perfeval-hostile-")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "hostile", "make_corpus.py"), base] + (["--slow"] if slow else []), check=True)
    manifest = json.load(open(os.path.join(base, "manifest.json"), encoding="utf-8"))
    inputs = os.path.join(base, "inputs")
    print(f"{'input':34} {'expected':22} {'exit':>4} {'peak MB':>8} {'s':>6}")
    worst = 0.0
    for name, expect in sorted(manifest.items()):
        if expect["expect"] in ("duplicate", "problem"):
            continue
        code, mb, seconds = run(["extract", os.path.join(inputs, name), "--out", os.devnull])
        worst = max(worst, mb)
        want = f"{expect['forms']} forms" if expect["expect"] == "forms" else expect["code"]
        print(f"{name:34} {want:22} {code:>4} {mb:8.0f} {seconds:6.1f}")
    code, mb, seconds = run(["extract", inputs, "--out", os.devnull])
    print(f"{'whole corpus: extract':57} {code:>4} {mb:8.0f} {seconds:6.1f}")
    db = os.path.join(base, "store.db")
    code, mb2, seconds = run(["import", inputs, "--db", db])
    print(f"{'whole corpus: import (SQLite)':57} {code:>4} {mb2:8.0f} {seconds:6.1f}")
    print(f"worst single input: {worst:.0f} MB; whole runs: {max(mb, mb2):.0f} MB")


if __name__ == "__main__":
    main()
