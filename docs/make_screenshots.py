#!/usr/bin/env python3
"""Screenshots of the main views for the README, from the fictional demo case.

python3 docs/make_screenshots.py [OUT_DIR]     (default: docs/screenshots; Qt offscreen)

Builds a throw-away data folder (demo case, its documents, a submission and a denial on the
timeline), opens each view and saves a PNG. tests/gui/test_gui_screenshots_script.py runs it
into a temporary folder so it keeps working as the views change.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VIEWS = ("main-window", "evidence", "letters", "bundle", "timeline")


class _QuietDialogs:
    """No dialog pops up while taking pictures; anything unexpected is an error."""

    def __init__(self, out: Path) -> None:
        self.out = out

    def attach_summary(self, *args: object) -> None:
        pass

    def confirm(self, *args: object) -> bool:
        return True

    def save_path(self, parent: object, title: str, suggested: str, *rest: object) -> Path:
        return self.out / suggested

    def error(self, parent: object, title: str, text: str, details: object = None) -> None:
        raise RuntimeError(f"{title}: {text}")

    def __getattr__(self, name: str) -> object:
        raise RuntimeError(f"unexpected dialog {name}")


def make(out_dir: Path) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from qalsody_desktop.core.caseio import load_case_file
    from qalsody_desktop.core.evidence.attach import Attacher
    from qalsody_desktop.core.paths import resources_dir
    from qalsody_desktop.core.policy import load_default_profile
    from qalsody_desktop.core.storage import Store
    from qalsody_desktop.core.synthetic import write_demo_set
    from qalsody_desktop.gui.main_window import MainWindow
    from qalsody_desktop.gui.task import SynchronousPool, TaskRunner

    _app = QApplication.instance() or QApplication([])  # kept alive while the window lives
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="qalsody-shots-") as tmp:
        work = Path(tmp)
        store = Store(work / "data")
        profile = load_default_profile()
        demo = resources_dir() / "demo" / "demo-case.json"
        case_id = store.cases.create(load_case_file(demo))
        import json

        docs = write_demo_set(
            work / "docs",
            json.loads(demo.read_text(encoding="utf-8")),
            profile=profile,
            reasons=["experimental_designation", "insufficient_step_therapy"],
        )
        Attacher(store, profile).attach(case_id, docs)
        sent = date.today() - timedelta(days=40)
        store.events.add(case_id, "submitted", sent, {"channel": "portal", "reference": "PA-1001"})
        store.events.add(
            case_id,
            "denied",
            sent + timedelta(days=12),
            {
                "letter_date": (sent + timedelta(days=12)).isoformat(),
                "received": (sent + timedelta(days=15)).isoformat(),
                "reasons": ["experimental_designation", "insufficient_step_therapy"],
            },
        )
        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            store, settings, _QuietDialogs(work), TaskRunner(SynchronousPool()), profile=profile
        )
        window.resize(1366, 768)  # a clinic laptop (issue 15): nothing scrolls sideways
        window.show()
        window.refresh_list()
        window.open_case(case_id)

        def shot(name: str) -> None:
            QTest.qWait(400)  # the PDF previews render asynchronously
            path = out_dir / f"{name}.png"
            if not window.grab().save(str(path)):
                raise RuntimeError(f"could not write {path}")
            written.append(path)

        tabs = window.editor.tabs
        tabs.setCurrentIndex(0)
        shot("main-window")
        tabs.setCurrentIndex(window.evidence_tab)
        window.evidence.view.selectRow(0)
        shot("evidence")
        tabs.setCurrentWidget(window.letters)
        window.letters.refresh()
        shot("letters")
        tabs.setCurrentWidget(window.bundle_ui.panel)
        window.bundle_ui.panel.start_build(work / "bundle.pdf")
        shot("bundle")
        tabs.setCurrentWidget(window.timeline_ui.panel)
        shot("timeline")
        window.close()
        store.close()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for path in make(target):
        print(path)
