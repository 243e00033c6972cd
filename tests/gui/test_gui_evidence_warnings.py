"""Evidence tab: a wrong-patient document stands out, and Cancel stops a batch cleanly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.synthetic import write_demo_set
from qalsody_desktop.gui.main_window import MainWindow
from qalsody_desktop.gui.task import TaskRunner


def test_other_patients_note_is_highlighted(
    make_window, store, example_path, example_dict, tmp_path
):
    case_id = store.cases.create(load_case_file(example_path))
    paths = write_demo_set(tmp_path / "docs", example_dict, include_extras=True)
    other = next(p for p in paths if "other_patient" in p.name)
    own = next(p for p in paths if p.name.endswith("clinic_note.pdf"))
    window = make_window()
    Attacher(store, window.profile).attach(case_id, [own, other])
    window.refresh_list()
    assert window.open_case(case_id)
    model = window.evidence.model
    rows = {model.attachment(r).file_name: r for r in range(model.rowCount())}
    bad, good = rows[other.name], rows[own.name]
    assert model.wrong_patient(bad) and not model.wrong_patient(good)
    assert model.data(model.index(bad, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(good, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "another patient" in model.data(model.index(bad, 0), Qt.ItemDataRole.ToolTipRole)
    window.evidence.view.selectRow(bad)
    assert "May belong to another patient" in window.evidence.details_text()


def test_cancel_keeps_what_was_there_and_stops_the_batch(
    qtbot, store, settings, dialogs, example_path, example_dict, tmp_path
):
    case_id = store.cases.create(load_case_file(example_path))
    paths = write_demo_set(tmp_path / "docs", example_dict, include_extras=True)
    first, rest = paths[0], paths[1:]
    summaries: list[str] = []
    dialogs.attach_summary = lambda parent, title, text, rows, actions=(): summaries.append(text)
    window = MainWindow(store, settings, dialogs, TaskRunner())  # a real worker thread
    qtbot.addWidget(window)
    window.show()
    Attacher(store, window.profile).attach(case_id, [first])
    window.refresh_list()
    assert window.open_case(case_id)
    window.evidence.attach(rest * 4)  # the same files again and again: a long batch
    task = next(t for t in window.tasks._running if t.name == "attach")
    assert task.dialog is not None
    cancel = task.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    cancel.click()  # the progress dialog's Cancel button
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    assert task.outcome == "cancelled"
    names = [a.file_name for a in store.attachments.list(case_id)]
    assert first.name in names  # nothing already in the case is lost
    assert len(names) < len(paths)
    for att in store.attachments.list(case_id):
        assert store.blobs.verify(att.working_sha256)
    qtbot.waitUntil(lambda: len(window.evidence.model.attachments) == len(names))
    assert not dialogs.errors and not summaries  # cancelled: no "files attached" summary
    window.dialogs.unsaved_default = "discard"
    window.close()


def test_removing_a_file_can_be_undone_and_redone(
    make_window, dialogs, store, example_path, tmp_path, example_dict
):
    case_id = store.cases.create(load_case_file(example_path))
    paths = write_demo_set(tmp_path / "docs", example_dict)
    window = make_window()
    Attacher(store, window.profile).attach(case_id, paths[:3])
    window.refresh_list()
    assert window.open_case(case_id)
    before = {a.id: (a.category, a.file_name) for a in store.attachments.list(case_id)}
    store.attachments.update(next(iter(before)), category="other", category_source="user")
    before = {a.id: (a.category, a.file_name) for a in store.attachments.list(case_id)}
    window.evidence.view.selectRow(0)
    gone = window.evidence.selected_id()
    dialogs.confirm_answers.append(True)
    window.evidence.remove_button.click()
    assert gone not in {a.id for a in store.attachments.list(case_id)}
    undo = window.actions_["undo"]
    assert undo.isEnabled() and before[gone][1] in undo.text()
    undo.trigger()
    assert {a.id: (a.category, a.file_name) for a in store.attachments.list(case_id)} == before
    assert len(window.evidence.model.attachments) == 3
    assert store.attachments.page_texts(gone)  # the extracted text came back too
    window.actions_["redo"].trigger()
    assert gone not in {a.id for a in store.attachments.list(case_id)}
    # the same file attached again: undo cannot put the old row back, and says so
    name = before[gone][1]
    Attacher(store, window.profile).attach(case_id, [tmp_path / "docs" / name])
    undo.trigger()
    assert dialogs.errors and "attached again" in dialogs.errors[-1][1]
    assert [a.file_name for a in store.attachments.list(case_id)].count(name) == 1


def test_checklist_is_re_evaluated_off_the_gui_thread(
    qtbot, store, settings, dialogs, example_path, example_dict, tmp_path, monkeypatch
):
    import threading

    import qalsody_desktop.gui.case_work as case_work

    threads: list[str] = []
    real = case_work.load_kit

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(case_work, "load_kit", recording)
    case_id = store.cases.create(load_case_file(example_path))
    paths = write_demo_set(tmp_path / "docs", example_dict)
    window = MainWindow(store, settings, dialogs, TaskRunner())  # a real worker thread
    qtbot.addWidget(window)
    window.show()
    Attacher(store, window.profile).attach(case_id, paths)
    window.refresh_list()
    assert window.open_case(case_id)
    qtbot.waitUntil(lambda: not window.refresh_pending(), timeout=10000)
    assert window.checklist.status_of("neurologist_prescriber") == "met"
    edited = window.editor.case()
    edited.prescriber.specialty, edited.prescriber.board_certification = "Family Medicine", None
    window.editor.apply_case(edited)
    assert window.refresh_pending()
    qtbot.waitUntil(lambda: not window.refresh_pending(), timeout=10000)
    assert window.checklist.status_of("neurologist_prescriber") == "not_met"
    assert threads and threading.main_thread().name not in threads
    window.dialogs.unsaved_default = "discard"
    window.close()


def test_a_late_checklist_result_after_close_is_ignored(
    qtbot, store, settings, dialogs, example_path
):
    import threading

    import qalsody_desktop.gui.case_work as case_work

    gate = threading.Event()
    real = case_work.load_kit

    def slow(*args, **kwargs):
        gate.wait(5)
        return real(*args, **kwargs)

    case_id = store.cases.create(load_case_file(example_path))
    runner = TaskRunner()
    window = MainWindow(store, settings, dialogs, runner)
    window.show()
    window.refresh_list()
    case_work.load_kit = slow
    try:
        assert window.open_case(case_id)
        window.close()
        window.deleteLater()
        qtbot.wait(50)  # the window is gone; the worker still runs
        gate.set()
        qtbot.waitUntil(lambda: runner.active() == 0, timeout=5000)
    finally:
        case_work.load_kit = real
