"""The Letters tab inside the real main window, wired by ``install_letter_tab``."""

from __future__ import annotations

import pytest
from gui_helpers import type_field
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_gui_letters_support import item_texts, letter_dialogs, stored_example

from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.synthetic import make_document
from qalsody_desktop.core.synthetic.documents import identity_from_case


@pytest.fixture
def wired(make_window, dialogs, store, example_path):
    window = make_window(dialogs=letter_dialogs(dialogs))
    panel = window.letters  # installed by MainWindow itself
    panel._timer.setInterval(10)
    case_id, _ = stored_example(store, example_path)
    window.refresh_list()
    assert window.open_case(case_id)
    return window, panel, case_id


def show_letters(qtbot, window, panel) -> None:
    window.editor.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.result is not None and not panel.refresh_pending(), timeout=5000)


def test_letter_is_drafted_when_the_tab_is_shown_from_the_unsaved_case(qtbot, wired):
    window, panel, case_id = wired
    assert panel.case_id == case_id
    assert panel.result is None  # nothing drafted while the tab is hidden
    type_field(qtbot, window.editor, "genetics.lab_name", "Window Test Genomics")
    assert window.is_dirty() and panel.result is None
    show_letters(qtbot, window, panel)
    assert "Window Test Genomics" in panel.result.document.plain_text()
    assert "Letter of medical necessity" in window.statusBar().currentMessage()


def test_ctrl_r_redrafts_while_the_tab_is_shown(qtbot, wired):
    window, panel, _ = wired
    show_letters(qtbot, window, panel)
    first = panel.result
    window.editor.tabs.tabBar().setFocus()
    qtbot.keyClick(window.editor.tabs.tabBar(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert panel.result is not first
    window.editor.tabs.setCurrentIndex(0)  # hidden: the shortcut is the window's again
    drafted = panel.result
    qtbot.keyClick(window.editor.tabs.tabBar(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert panel.result is drafted


def test_placeholder_leads_to_its_field_in_the_editor(qtbot, wired):
    window, panel, _ = wired
    type_field(qtbot, window.editor, "genetics.clia_number", "")
    show_letters(qtbot, window, panel)
    texts = item_texts(panel.missing)
    row = next(i for i, t in enumerate(texts) if t.startswith("[CLIA number missing]"))
    panel.missing.itemActivated.emit(panel.missing.item(row))
    clia = window.editor.widget("genetics.clia_number")
    assert window.editor.tabs.currentWidget().isAncestorOf(clia)
    assert QApplication.focusWidget() is clia


def test_attaching_the_signed_copy_updates_the_tab(qtbot, wired, store, tmp_path, example_dict):
    window, panel, case_id = wired
    show_letters(qtbot, window, panel)
    assert panel.copy_label.text().startswith("No signed copy attached")
    signed = tmp_path / "signed.pdf"
    profile = load_default_profile()
    signed.write_bytes(
        make_document("medical_necessity_letter", identity_from_case(example_dict), profile=profile)
    )
    Attacher(store, profile).attach(case_id, [signed], category="medical_necessity_letter")
    window.evidence.changed.emit()  # as the Evidence tab does after attaching
    qtbot.waitUntil(lambda: panel.copy_label.text().startswith("Signed copy on file"), timeout=5000)
    assert "signed.pdf (this is what the bundle uses)" in panel.copy_label.text()


def test_closing_or_a_new_case_empties_the_tab(qtbot, wired):
    window, panel, _ = wired
    show_letters(qtbot, window, panel)
    window.close_case()
    assert panel.case_id is None and panel.result is None
    assert "Save the case first" in panel.info.text()
    window.new_case()
    assert panel.case_id is None and not panel.generate_button.isEnabled()


def test_ctrl_shift_p_saves_the_pdf_from_the_shown_tab(qtbot, wired, tmp_path):
    window, panel, _ = wired
    show_letters(qtbot, window, panel)
    window.dialogs.confirm_answers = [True]  # the example case has nothing to enclose yet
    window.dialogs.save_paths = [tmp_path / "letter.pdf"]
    bar = window.editor.tabs.tabBar()
    qtbot.keyClick(
        bar, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert (tmp_path / "letter.pdf").read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == "Letter saved as letter.pdf"
