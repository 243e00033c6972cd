"""The whole workflow with the keyboard only: new case, attach, checklist, letter, bundle.

Every step is a key press on the focused widget or a window shortcut; file dialogs are
scripted (they are the operating system's). Nothing is clicked and no method is called.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qalsody_desktop.core.synthetic import write_demo_set

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


class KeyboardDialogs:
    def __init__(self) -> None:
        super().__init__()
        self.file_lists: list[list[Path]] = []
        self.summaries: list[str] = []

    def open_files(self, parent: Any, title: str) -> list[Path]:
        return self.file_lists.pop(0)

    def ask_password(self, parent: Any, title: str, text: str) -> str | None:
        return None

    def attach_summary(
        self, parent: Any, title: str, text: str, rows: list, actions: Any = ()
    ) -> None:
        self.actions = list(actions)
        self.summaries.append(text)


@pytest.fixture
def kb_dialogs(dialogs) -> Any:
    return type("KeyboardOnlyDialogs", (KeyboardDialogs, type(dialogs)), {})()


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press delivered where the keyboard is: the focused widget."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifiers)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_whole_workflow_by_keyboard(make_window, kb_dialogs, store, example_dict, tmp_path, qtbot):
    window = make_window(dialogs=kb_dialogs)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.case_list.search.setFocus()

    # 1. new case (Ctrl+N): first name has the focus; Tab moves through the form in order
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert window.editing
    patient = example_dict["patient"]
    type_text(qtbot, patient["first_name"])
    press(qtbot, Qt.Key.Key_Tab)  # middle name
    press(qtbot, Qt.Key.Key_Tab)  # last name
    type_text(qtbot, patient["last_name"])
    press(qtbot, Qt.Key.Key_Tab)  # date of birth
    type_text(qtbot, patient["date_of_birth"])
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert window.current_id is not None, kb_dialogs.errors
    case_id = window.current_id
    assert store.cases.get(case_id).case.patient.last_name == patient["last_name"]

    # 2. attach (Ctrl+Shift+A): the Evidence section opens and the files are read
    docs = write_demo_set(tmp_path / "docs", example_dict)
    kb_dialogs.file_lists = [docs]
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    assert window.editor.tabs.currentIndex() == window.evidence_tab
    assert kb_dialogs.summaries and "attached" in kb_dialogs.summaries[-1]
    assert len(store.attachments.list(case_id)) == len(docs)
    # the denial letter among them: the summary offers its `denied` event (no second dialog)
    assert QApplication.activeModalWidget() is None
    assert [label for label, _ in kb_dialogs.actions] == [
        next(f"Record the denial in {p.name}…" for p in docs if "denial" in p.stem)
    ]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    # 3. checklist (Ctrl+Shift+L), Down to a criterion with fields, Enter goes to its field
    qtbot.waitUntil(lambda: not window.refresh_pending())
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    view = window.checklist.view
    assert view.hasFocus()
    assert window.checklist.verdict_text() == "NOT READY"  # only three facts typed so far
    items = window.checklist.model.items
    target = next(i for i, item in enumerate(items) if item.facts)
    for _ in range(target - view.currentIndex().row()):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    # the field (or its table) now has the focus, on the section that holds it
    focus = QApplication.focusWidget()
    assert focus is not view and window.editor.isAncestorOf(focus), focus
    assert window.editor.tabs.currentIndex() < window.evidence_tab

    # 4. letter: Ctrl+PgDown through the sections to Letters, Ctrl+R drafts, Ctrl+Shift+P saves
    tabs = window.editor.tabs
    tabs.tabBar().setFocus()
    while tabs.currentWidget() is not window.letters:
        press(qtbot, Qt.Key.Key_PageDown, CTRL)
    press(qtbot, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.letters.result is not None, timeout=10000)
    letter_pdf = tmp_path / "letter.pdf"
    kb_dialogs.save_paths = [letter_pdf]
    kb_dialogs.confirm_answers = [True]  # "the letter still has placeholders: save anyway?"
    press(qtbot, Qt.Key.Key_P, CTRL | SHIFT)
    assert letter_pdf.exists()
    text = " ".join(p.extract_text() for p in PdfReader(letter_pdf).pages)
    assert patient["last_name"] in text and "[" in text  # placeholders for facts not typed

    # 5. bundle: Ctrl+B asks where to save and builds (cover, contents, letter, evidence)
    bundle_pdf = tmp_path / "bundle.pdf"
    kb_dialogs.save_paths = [bundle_pdf]
    press(qtbot, Qt.Key.Key_B, CTRL)
    qtbot.waitUntil(bundle_pdf.exists, timeout=20000)
    reader = PdfReader(bundle_pdf)
    assert len(reader.pages) > len(docs)
    assert "Page 1 of" in reader.pages[0].extract_text()
    assert not kb_dialogs.errors
