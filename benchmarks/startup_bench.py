#!/usr/bin/env python3
"""Start-up: launch the app N times (offscreen, fresh data folder) and print when the main
window was shown. Target: within 1 s of launch. Also times `qalsody-pa --version`.

Usage: python benchmarks/startup_bench.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time


def shown_ms(data: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    out = subprocess.run(
        [sys.executable, "-m", "qalsody_desktop", "--data-dir", data, "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    line = out.strip().splitlines()[-1]  # "main window shown in 812 ms"
    return float(line.split()[-2])


def cli_ms() -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "qalsody_desktop.cli", "--version"], check=True, capture_output=True
    )
    return (time.perf_counter() - started) * 1000


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        first = shown_ms(os.path.join(tmp, "first"))  # creates the database
        warm = [shown_ms(os.path.join(tmp, "first")) for _ in range(runs)]
    cli = [cli_ms() for _ in range(runs)]
    print(f"main window shown, first start (new data folder): {first:.0f} ms")
    print(
        f"main window shown, {runs} starts: median {statistics.median(warm):.0f} ms, "
        f"min {min(warm):.0f} ms, max {max(warm):.0f} ms (target < 1000 ms)"
    )
    print(f"qalsody-pa --version: median {statistics.median(cli):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
