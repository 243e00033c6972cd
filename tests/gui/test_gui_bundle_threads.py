"""The Bundle tab on a real thread pool: the GUI keeps running while a bundle builds, and the
progress dialog's Cancel stops the build without leaving a file behind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QPushButton

import qalsody_desktop.core.bundle.collect as collect_module
from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.exports import ExportRepository
from qalsody_desktop.core.synthetic import write_demo_set
from qalsody_desktop.gui.bundle_view import CANCELLED_TEXT, BundlePanel
from qalsody_desktop.gui.task import TaskRunner

PROFILE = load_default_profile()


@pytest.fixture
def pool():
    pool = QThreadPool()
    yield pool
    pool.waitForDone(20000)


@pytest.fixture
def case_id(store, example_path, example_dict, tmp_path) -> str:
    case_id = store.cases.create(load_case_file(example_path))
    folder = tmp_path / "demo-docs"
    write_demo_set(folder, example_dict)
    outcomes = Attacher(store, PROFILE).attach(case_id, [folder])
    assert {o.status for o in outcomes} == {"ok"}
    return case_id


class Gate:
    """Holds the worker inside the build (on its 2nd document) until the test lets it go,
    so the test knows the build is still running while it checks the GUI."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        self.threads: set[int] = set()
        self.calls = 0
        self._prepare = collect_module.prepare

    def prepare(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.threads.add(threading.get_ident())
        self.calls += 1
        if self.calls == 2:
            self.reached.set()
            assert self.release.wait(20), "the test never released the worker"
        return self._prepare(*args, **kwargs)


def test_build_runs_off_the_gui_thread_and_cancel_works(
    qtbot, store, dialogs, case_id, pool, tmp_path, monkeypatch
):
    panel = BundlePanel(store, PROFILE, dialogs, TaskRunner(pool))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_case(case_id, store.cases.get(case_id).case)
    gate = Gate()
    monkeypatch.setattr(collect_module, "prepare", gate.prepare)

    out = tmp_path / "cancelled.pdf"
    dialogs.save_paths.append(out)
    panel.build()
    task = panel.task
    assert task is not None and not task.done
    assert not panel.build_action.isEnabled() and not panel.tree.isEnabled()
    qtbot.waitUntil(gate.reached.is_set, timeout=20000)
    # the worker is blocked mid-build; the GUI thread keeps serving its event loop
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5000)
    timer.stop()
    assert threading.get_ident() not in gate.threads
    dialogs.save_paths.append(tmp_path / "second.pdf")
    panel.build()  # a second Ctrl+B while building is ignored: not even asked where to save
    assert panel.task is task and dialogs.save_paths == [tmp_path / "second.pdf"]
    dialogs.save_paths.clear()
    # Cancel in the progress dialog, then let the worker reach its next check
    dialog = task.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)  # shown once the build takes a while
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    gate.release.set()
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert task.outcome == "cancelled"
    assert panel.state_text() == CANCELLED_TEXT
    assert not out.exists() and not out.with_name("cancelled.manifest.json").exists()
    assert [p.name for p in tmp_path.glob("*.pdf")] == []
    assert ExportRepository(store.db).list(case_id) == []
    assert panel.task is None and panel.build_action.isEnabled() and panel.tree.isEnabled()
    assert not dialogs.errors

    # the same build, not cancelled, completes on the pool and is previewed
    monkeypatch.setattr(collect_module, "prepare", gate._prepare)
    done = tmp_path / "done.pdf"
    dialogs.save_paths.append(done)
    panel.build()
    task = panel.task
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=60000):
        pass
    assert task.outcome == "succeeded", task.error
    assert done.exists()
    pages = len(PdfReader(done).pages)
    assert pages == task.result.pages
    assert panel.result.document.status() == QPdfDocument.Status.Ready
    assert panel.result.document.pageCount() == pages
    assert panel.state_text().startswith(f"Built {pages} pages")
    assert [r.sha256 for r in ExportRepository(store.db).list(case_id)] == [
        task.result.manifest["sha256"]
    ]
    assert Path(panel.exports.records[0].path) == done.resolve()
