#!/usr/bin/env python3
"""Many cases: start-up, GUI stalls and the CLI on data folders of 100, 1,000 and 3,000 cases.

For each data folder (made by ``case_folder.py``, or generated here for a number), several runs:

- the app launched as the user launches it (``python -m qalsody_desktop --data-dir F``,
  offscreen): when the main window was shown, and the longest gap between 5 ms ticks of a GUI
  thread timer from the first event loop turn until the deadline dashboard is filled and the
  case list has its badges (minus the tick interval: the stall a user would feel);
- ``qalsody-pa dashboard --json`` and ``qalsody-pa case list --json`` wall time, beside the
  sqlite3 command line reading the same rows (a floor: no deadline engine, no Python start);
- every top-level CLI command's start to its first work, measured as ``COMMAND --help`` (the
  interpreter, the CLI and that command's modules; the store is not opened).

The machine may be shared: each figure is the median of the runs with min-max beside it.

Usage: python benchmarks/scale_bench.py [--runs N] [--skip-gui] FOLDER_OR_COUNT...
       (a number N builds a temporary folder of N cases first; none given: 100 1000 3000)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICK_MS = 5


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return {**env, **(extra or {})}


def _wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env or _env())
    return (time.perf_counter() - started) * 1000


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "qalsody_desktop.cli", *args]


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.0f} ms ({min(values):.0f}-{max(values):.0f})"


# --- the app, in a child process ----------------------------------------------------------------


def gui_child(folder: str) -> int:
    """Launch the app's own ``main`` with a tick timer armed before it; print JSON figures."""
    launched = time.perf_counter()
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    clock = QElapsedTimer()
    state: dict[str, float] = {"first": -1.0, "last": 0.0, "stall": 0.0, "filled": -1.0}

    def windows() -> list[object]:
        return [w for w in app.topLevelWidgets() if hasattr(w, "case_list")]

    def window_ready() -> bool:
        for widget in windows():
            wiring = getattr(widget, "timeline_ui", None)
            if wiring is not None and wiring.dashboard.summary.text():
                model = widget.case_list.model  # type: ignore[attr-defined]
                return model.rowCount() == 0 or bool(getattr(model, "_badges", None))
        return False

    def tick() -> None:
        now = float(clock.elapsed())
        if state["first"] < 0:
            state["first"] = (time.perf_counter() - launched) * 1000
        elif state["filled"] < 0:  # stalls until the dashboard is filled
            state["stall"] = max(state["stall"], now - state["last"] - TICK_MS)
        state["last"] = now
        if state["filled"] < 0 and window_ready():
            state["filled"] = (time.perf_counter() - launched) * 1000
        busy = any(getattr(getattr(w, "tasks", None), "active", lambda: 0)() for w in windows())
        if state["filled"] >= 0 and not busy:  # quit once the background work is done too
            timer.stop()
            for widget in app.topLevelWidgets():
                widget.close()
            app.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    QTimer.singleShot(120_000, app.quit)  # never hang the benchmark

    from qalsody_desktop.gui import app as app_module

    shown: list[float] = []
    original = app_module.log.info

    def spy(msg: str, *args: object) -> None:
        if msg.startswith("main window shown"):
            shown.append((time.perf_counter() - launched) * 1000)
        original(msg, *args)

    app_module.log.info = spy  # type: ignore[method-assign]
    app_module.main(["--data-dir", folder])
    print(
        json.dumps(
            {
                "shown_ms": shown[0] if shown else -1,
                "stall_ms": state["stall"],
                "filled_ms": state["filled"],
            }
        )
    )
    return 0


def gui_run(folder: Path, config: Path) -> dict[str, float]:
    launched = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--gui-child", str(folder)],
        check=True,
        capture_output=True,
        text=True,
        env=_env({"XDG_CONFIG_HOME": str(config), "HOME": str(config)}),
    ).stdout
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    # the interpreter's own start before the child's first line, added to what it measured
    figures["process_ms"] = (time.perf_counter() - launched) * 1000
    return figures


# --- the whole benchmark ------------------------------------------------------------------------


def commands() -> list[str]:
    """The top-level command names, as ``qalsody-pa --help`` lists them."""
    import argparse as ap

    from qalsody_desktop.cli import build_parser

    for action in build_parser()._actions:
        if isinstance(action, ap._SubParsersAction):
            return list(action.choices)
    return []


def bench_folder(folder: Path, runs: int, gui: bool) -> None:
    db = folder / "qalsody.sqlite3"
    cases = subprocess.run(
        ["sqlite3", str(db), "SELECT count(*) FROM cases"], capture_output=True, text=True
    ).stdout.strip()
    print(f"\n== {folder} ({cases} cases) ==")
    if gui:
        with tempfile.TemporaryDirectory(prefix="qalsody-scale-cfg-") as config:
            figures = [gui_run(folder, Path(config)) for _ in range(runs)]
        shown = [f["shown_ms"] for f in figures]
        stall = [f["stall_ms"] for f in figures]
        filled = [f["filled_ms"] for f in figures]
        print(f"window shown                      {spread(shown)}   target <= 400 ms")
        print(f"longest GUI stall until filled    {spread(stall)}   target <= 50 ms")
        print(f"dashboard and badges filled       {spread(filled)}")
    data = ["--data-dir", str(folder)]
    dash = [_wall(_cli(*data, "dashboard", "--json")) for _ in range(runs)]
    listing = [_wall(_cli(*data, "case", "list", "--json")) for _ in range(runs)]
    ref_dash = [
        _wall(
            [
                "sqlite3",
                "-json",
                str(db),
                "SELECT c.id, c.last_name, c.first_name, e.type, e.date, e.data"
                " FROM cases c JOIN events e ON e.case_id = c.id ORDER BY e.date",
            ]
        )
        for _ in range(runs)
    ]
    ref_list = [
        _wall(
            [
                "sqlite3",
                "-json",
                str(db),
                "SELECT id, last_name, first_name, date_of_birth, mrn, member_id, updated_at"
                " FROM cases ORDER BY last_name, first_name, id",
            ]
        )
        for _ in range(runs)
    ]
    print(f"dashboard --json                  {spread(dash)}   sqlite3 {spread(ref_dash)}")
    print(f"case list --json                  {spread(listing)}   sqlite3 {spread(ref_list)}")


def bench_cli(runs: int) -> None:
    bare = [_wall([sys.executable, "-c", "pass"]) for _ in range(runs)]
    print(f"\n== CLI start to first work (COMMAND --help), python -c pass: {spread(bare)} ==")
    version = [_wall(_cli("--version")) for _ in range(runs)]
    print(f"{'--version':24s} {spread(version)}")
    for name in commands():
        times = [_wall(_cli(name, "--help")) for _ in range(runs)]
        print(f"{name:24s} {spread(times)}   target <= 150 ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", help="data folders, or case counts to generate")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--gui-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.gui_child:
        return gui_child(args.gui_child)
    sys.path.insert(0, str(ROOT))
    made: list[Path] = []
    try:
        for item in args.folders or ["100", "1000", "3000"]:
            if item.isdigit():
                from case_folder import build  # type: ignore[import-not-found]

                folder = Path(tempfile.mkdtemp(prefix=f"qalsody-{item}-cases-"))
                made.append(folder)
                build(folder / "data", int(item))
                folder = folder / "data"
            else:
                folder = Path(item)
            bench_folder(folder, args.runs, not args.skip_gui)
        if not args.skip_cli:
            bench_cli(args.runs)
    finally:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\nload average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
