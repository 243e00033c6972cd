#!/usr/bin/env python3
"""Start-up: launch the app N times (offscreen, fresh data folder) and print when the main
window was shown. Target: within 1 s of launch. Also times `qalsody-pa --version`.

With a data folder (e.g. one of 3,000 cases from ``case_folder.py``) the app starts on that
folder instead. This times only until the window is shown; ``scale_bench.py`` also times the
work after it (the panels, the dashboard) and the longest GUI stall until the dashboard is filled.

Usage: python benchmarks/startup_bench.py [RUNS] [DATA_FOLDER]
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
        folder = sys.argv[2] if len(sys.argv) > 2 else os.path.join(tmp, "first")
        first = shown_ms(folder)  # creates the database when the folder is new
        warm = [shown_ms(folder) for _ in range(runs)]
    cli = [cli_ms() for _ in range(runs)]
    what = sys.argv[2] if len(sys.argv) > 2 else "new data folder"
    print(f"main window shown, first start ({what}): {first:.0f} ms")
    print(
        f"main window shown, {runs} starts: median {statistics.median(warm):.0f} ms, "
        f"min {min(warm):.0f} ms, max {max(warm):.0f} ms (target < 1000 ms)"
    )
    print(f"qalsody-pa --version: median {statistics.median(cli):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
