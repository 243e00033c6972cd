"""install_timeline on the real main window: the tab, the menu keys, the dashboard dock, the
denial proposal when a denial letter is attached, and undo through the window's Edit menu."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import choose
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.core.synthetic import write_demo_set


class FileAnswers:
    """The evidence panel's questions, answered (mixed into conftest's FakeDialogs)."""

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[str] = []

    def open_files(self, parent: Any, title: str) -> list[Path]:
        raise AssertionError("not asked in these tests")

    def ask_password(self, parent: Any, title: str, text: str) -> str | None:
        raise AssertionError("not asked in these tests")

    def attach_summary(
        self, parent: Any, title: str, text: str, rows: list, actions: Any = ()
    ) -> None:
        self.actions = list(actions)
        self.summaries.append(text)


@pytest.fixture
def wired(make_window, dialogs, store, example_path):
    fake = type("FakeTimelineDialogs", (FileAnswers, type(dialogs)), {})()
    window = make_window(dialogs=fake)
    ui = window.timeline_ui  # installed by MainWindow itself
    case_id = store.cases.create(load_case_file(example_path))
    window.refresh_list()
    assert window.open_case(case_id)
    return window, ui, case_id


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_the_tab_follows_the_open_case_and_its_edits(qtbot, wired):
    window, ui, case_id = wired
    assert window.editor.tabs.tabText(ui.tab) == "Timeline"
    assert ui.panel.case_id == case_id
    assert ui.menu.title() == "&Timeline"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Timeline") == titles.index("&Help") - 1
    EventRepository(window.store.db).add(
        case_id, "final_denial_received", "2025-06-30", {"received": "2025-07-02"}
    )
    ui.panel.reload()
    # fully insured: NC external review, 120 days from the notice date 2025-06-30 = 2025-10-28
    # (the statute's count from receipt 2025-07-02, 2025-10-30, is its basis note)
    due = {d.id: d.due for d in ui.panel.report.deadlines}
    assert due["external_review_deadline"] == date(2025, 10, 28)
    choose(window.editor, "insurance.plan_type", "self_funded_erisa")  # not saved
    # federal external review: 4 months from receipt = 2025-11-02
    due = {d.id: d.due for d in ui.panel.report.deadlines}
    assert due["external_review_deadline"] == date(2025, 11, 2)
    window.close_case()
    assert ui.panel.case_id is None and not ui.actions["add_event"].isEnabled()


def test_menu_keys_add_an_event_and_undo_deletes_it_back(qtbot, wired):
    window, ui, case_id = wired
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.editor.tabs.setCurrentIndex(0)
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = ui.panel.dialog
    assert dialog is not None and dialog.isVisible()
    assert window.editor.tabs.currentIndex() == ui.tab
    choose_type = dialog.type_combo
    choose_type.setCurrentIndex(choose_type.findData("submitted"))
    save(qtbot, dialog)
    (event,) = EventRepository(window.store.db).list(case_id)
    assert "Recorded “Request submitted”" in window.statusBar().currentMessage()

    window.dialogs.confirm_answers = [True]
    ui.panel.events_view.selectRow(0)
    ui.panel.delete_selected()
    assert EventRepository(window.store.db).list(case_id) == []
    undo = window.actions_["undo"]
    assert undo.isEnabled() and "Request submitted" in undo.text()
    undo.trigger()
    assert EventRepository(window.store.db).list(case_id) == [event]
    assert ui.panel.events_model.rowCount() == 1


def test_attaching_a_denial_letter_proposes_the_event(qtbot, wired, tmp_path, example_dict):
    window, ui, case_id = wired
    reasons = ["not_on_formulary", "insufficient_step_therapy"]
    paths = write_demo_set(tmp_path / "docs", example_dict, reasons=reasons)
    (letter,) = [p for p in paths if p.stem.endswith("denial_letter")]
    window.evidence.attach([letter])
    assert window.dialogs.summaries == ["1 attached"]
    # offered inside the one summary, not opened as a second dialog over it
    assert ui.panel.dialog is None
    ((label, record),) = window.dialogs.actions
    assert label == f"Record the denial in {letter.name}…"
    record()
    dialog = ui.panel.dialog
    assert dialog is not None and dialog.isVisible() and dialog.event_type() == "denied"
    assert dialog.field("reasons").checked_ids() == reasons
    save(qtbot, dialog)
    (event,) = EventRepository(window.store.db).list(case_id)
    assert event.data["reasons"] == reasons
    # nothing more to propose for the same file when it is re-categorized by hand
    att_id = event.data["attachments"][0]
    assert ui.panel.file_recategorized(att_id) is None


def test_the_dashboard_dock_lists_and_opens_cases(qtbot, wired, store, example_path):
    window, ui, case_id = wired
    other = store.cases.create(load_case_file(example_path))
    EventRepository(store.db).add(other, "denied", "2025-02-28")
    window.refresh_list()
    assert not ui.dock.isVisible()
    ui.actions["dashboard"].trigger()
    qtbot.waitUntil(ui.dock.isVisible)
    m = ui.dashboard.model
    assert [m.rows[i].case_id for i in range(m.rowCount())] == [other]
    with qtbot.waitSignal(ui.dashboard.open_case):
        ui.dashboard.view.activated.emit(m.index(0, 0))
    assert window.current_id == other
    assert window.editor.tabs.currentIndex() == ui.tab
    assert ui.panel.case_id == other and ui.panel.events_model.rowCount() == 1


def test_mnemonics_do_not_collide_with_the_menus(qtbot, wired):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window, ui, _ = wired
    window.editor.tabs.setCurrentIndex(ui.tab)
    ui.actions["dashboard"].trigger()
    qtbot.waitUntil(ui.dock.isVisible)
    keys = [a.text() for a in window.menuBar().actions()]
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if widget.isVisible() and "&" in widget.text().replace("&&", ""):
            keys.append(widget.text())
    letters = [t[t.index("&") + 1].lower() for t in keys if "&" in t.replace("&&", "")]
    assert len(letters) == len(set(letters)), sorted(keys)
