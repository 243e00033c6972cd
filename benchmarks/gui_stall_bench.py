#!/usr/bin/env python3
"""GUI responsiveness: the longest stall of the GUI thread while work runs in the background.

A 10 ms timer ticks on the GUI thread while the real window (offscreen, real thread pool)
attaches the demo documents, re-evaluates the checklist after edits, drafts the letter and
builds the bundle. The longest gap between ticks, minus the tick interval, is the stall.
Target: never over 100 ms.

Usage: python benchmarks/gui_stall_bench.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class Quiet:
    """Every dialog answered without showing anything."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def attach_summary(self, *args: object) -> None:
        pass

    def confirm(self, *args: object) -> bool:
        return True

    def save_path(self, parent: object, title: str, suggested: str, *rest: object) -> Path:
        return self.folder / suggested

    def error(self, parent: object, title: str, text: str, details: object = None) -> None:
        print(f"error: {title}: {text}", file=sys.stderr)

    def ask_password(self, *args: object) -> None:
        return None

    def ask_unsaved(self, *args: object) -> str:
        return "discard"


def main() -> int:
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from qalsody_desktop.core.caseio import load_case_file
    from qalsody_desktop.core.paths import resources_dir
    from qalsody_desktop.core.storage import Store
    from qalsody_desktop.core.synthetic import write_demo_set
    from qalsody_desktop.gui.main_window import MainWindow
    from qalsody_desktop.gui.task import TaskRunner

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="qalsody-stall-") as tmp:
        work = Path(tmp)
        store = Store(work / "data")
        demo = resources_dir() / "demo" / "demo-case.json"
        case_id = store.cases.create(load_case_file(demo))
        docs = write_demo_set(work / "docs", json.loads(demo.read_text(encoding="utf-8")))
        settings = QSettings(str(work / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings, Quiet(work), TaskRunner())
        window.show()
        window.refresh_list()
        window.open_case(case_id)

        # as the app does 1.5 s after start-up (gui/warmup.py), so the figures are steady state
        from qalsody_desktop.gui.warmup import warm_imports

        warm_imports()
        clock = QElapsedTimer()
        gaps: dict[str, float] = {}
        phase = ["idle"]
        last = [0]

        def tick() -> None:
            now = clock.elapsed()
            gap = now - last[0] - 10
            gaps[phase[0]] = max(gaps.get(phase[0], 0.0), float(gap))
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        clock.start()
        timer.start()

        def run(name: str, start: object, done: object, limit: float = 60.0) -> None:
            phase[0] = name
            last[0] = clock.elapsed()
            start()  # type: ignore[operator]
            deadline = time.monotonic() + limit
            while not done() and time.monotonic() < deadline:  # type: ignore[operator]
                app.processEvents()
                time.sleep(0.002)

        run(
            "attach 13 documents",
            lambda: window.evidence.attach(docs),
            lambda: not window.tasks.active(),
        )
        edited = window.editor.case()

        def edit() -> None:
            edited.prescriber.specialty = "Family Medicine"
            window.editor.apply_case(edited)

        run("checklist after an edit", edit, lambda: not window.refresh_pending())
        window.editor.tabs.setCurrentWidget(window.letters)
        run("letter draft", window.letters.refresh, lambda: not window.tasks.active())
        window.editor.tabs.setCurrentWidget(window.bundle_ui.panel)
        out = work / "bundle.pdf"
        run(
            "bundle build",
            lambda: window.bundle_ui.panel.start_build(out),
            lambda: out.exists() and not window.tasks.active(),
        )
        timer.stop()
        window.close()
        store.close()
    worst = max(gaps.values(), default=0.0)
    for name, gap in gaps.items():
        if name != "idle":
            print(f"{name:28s} longest GUI stall {gap:5.0f} ms")
    print(f"{'worst':28s} longest GUI stall {worst:5.0f} ms (target < 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
