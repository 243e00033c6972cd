"""Editing letter paragraphs in the Letters tab, regenerating after case changes, exporting.

THE ISSUE'S TEST is the first one: edit a paragraph, change an unrelated case fact in the case
editor, regenerate, and the edit survives.
"""

from __future__ import annotations

import pytest
from gui_helpers import type_field
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from test_gui_letters_support import (
    docx_text,
    item_texts,
    letter_dialogs,
    make_panel,
    pdf_text,
    qpdf_check,
    squash,
    stored_example,
)

from qalsody_desktop.core.letters.edits import paragraph_text
from qalsody_desktop.core.storage.letter_edits import LetterEditRepository
from qalsody_desktop.gui.case_editor import CaseEditor

MY_TEXT = "Current function, in my words: he walks with a cane and an orthosis, slowly."


@pytest.fixture
def ldialogs(dialogs):
    return letter_dialogs(dialogs)


@pytest.fixture
def setup(qtbot, store, ldialogs, example_path):
    """A stored example case open in a case editor, wired to the panel as the window does."""
    case_id, case = stored_example(store, example_path)
    editor = CaseEditor()
    qtbot.addWidget(editor)
    editor.load(case)
    panel = make_panel(qtbot, store, ldialogs)
    editor.changed.connect(lambda: panel.set_case(case_id, editor.case()))
    panel.set_case(case_id, editor.case())
    assert panel.refresh()
    return panel, editor, case_id


def edit(qtbot, panel, block_id: str, text: str) -> None:
    """Select the paragraph, replace its text by typing, click Save paragraph."""
    assert panel.paragraphs.select(block_id)
    box = panel.paragraphs.editor
    box.selectAll()
    qtbot.keyClicks(box, text)
    assert panel.paragraphs.save_button.isEnabled()
    qtbot.mouseClick(panel.paragraphs.save_button, Qt.MouseButton.LeftButton)


def row_text(panel, block_id: str) -> str:
    rows = panel.paragraphs.rows
    index = next(i for i, r in enumerate(rows) if r.block_id == block_id)
    return panel.paragraphs.list.item(index).text()


def shown(panel, block_id: str) -> str | None:
    return paragraph_text(panel.result.document, block_id)


def test_edit_survives_an_unrelated_case_change(qtbot, setup, store):
    panel, editor, case_id = setup
    generated = shown(panel, "function")
    edit(qtbot, panel, "function", MY_TEXT)
    assert shown(panel, "function") == MY_TEXT
    assert squash(MY_TEXT) in squash(panel.preview.text())
    assert row_text(panel, "function").startswith("Current function (edited)")
    assert panel.paragraphs.list.item(panel.paragraphs.list.currentRow()).icon().isNull() is False
    [stored] = LetterEditRepository(store.db).list(case_id, "medical_necessity")
    assert (stored.block_id, stored.base_text, stored.text) == ("function", generated, MY_TEXT)

    type_field(qtbot, editor, "genetics.clia_number", "34D9999999")  # another paragraph's fact
    assert panel.refresh()
    assert "34D9999999" in shown(panel, "genetics")  # the letter did change
    assert "34D9999999" in panel.preview.text()
    assert shown(panel, "function") == MY_TEXT  # ... and the edit stayed, silently
    assert panel.result.conflicts == []
    assert panel.conflicts.isHidden()
    assert squash(MY_TEXT) in squash(panel.preview.text())


def test_change_under_an_edit_offers_the_choice_keep_my_edit(qtbot, setup, store):
    panel, editor, case_id = setup
    edit(qtbot, panel, "function", MY_TEXT)
    type_field(qtbot, editor, "functional_status.ambulation", "uses a power wheelchair")
    assert panel.refresh()
    assert [c.block_id for c in panel.result.conflicts] == ["function"]
    assert not panel.conflicts.isHidden()
    assert panel.side.currentIndex() == 1  # the choices are brought into view
    assert panel.side.tabText(1) == "Pa&ragraphs (1 to choose)"
    assert item_texts(panel.conflicts.list) == ["Current function: changed under your edit"]
    assert MY_TEXT in panel.conflicts.details.toPlainText()
    assert "uses a power wheelchair" in panel.conflicts.details.toPlainText()
    assert "(changed under your edit" in row_text(panel, "function")
    assert "power wheelchair" in shown(panel, "function")  # the new text until the user chooses

    qtbot.mouseClick(panel.conflicts.keep_button, Qt.MouseButton.LeftButton)
    assert panel.result.conflicts == []
    assert panel.side.tabText(1) == "Pa&ragraphs"
    assert shown(panel, "function") == MY_TEXT
    [stored] = LetterEditRepository(store.db).list(case_id, "medical_necessity")
    assert "power wheelchair" in stored.base_text  # the edit now sits over the new paragraph
    assert panel.refresh() and shown(panel, "function") == MY_TEXT  # and stays on regeneration


def test_change_under_an_edit_offers_the_choice_use_the_new_text(qtbot, setup, store):
    panel, editor, case_id = setup
    edit(qtbot, panel, "function", MY_TEXT)
    type_field(qtbot, editor, "functional_status.speech", "mildly slurred")
    assert panel.refresh()
    assert [c.block_id for c in panel.result.conflicts] == ["function"]
    qtbot.mouseClick(panel.conflicts.take_button, Qt.MouseButton.LeftButton)
    assert panel.result.conflicts == []
    assert "mildly slurred" in shown(panel, "function")
    assert MY_TEXT not in panel.result.document.plain_text()
    assert LetterEditRepository(store.db).list(case_id, "medical_necessity") == []
    assert row_text(panel, "function").startswith("Current function\n")
    assert panel.conflicts.isHidden()


def test_revert_to_generated_drops_the_edit(qtbot, setup, store):
    panel, _, case_id = setup
    generated = shown(panel, "genetics")
    edit(qtbot, panel, "genetics", "Genetics, rewritten.")
    assert shown(panel, "genetics") == "Genetics, rewritten."
    assert panel.paragraphs.revert_button.isEnabled()
    qtbot.mouseClick(panel.paragraphs.revert_button, Qt.MouseButton.LeftButton)
    assert shown(panel, "genetics") == generated
    assert panel.paragraphs.editor.toPlainText() == generated
    assert LetterEditRepository(store.db).list(case_id, "medical_necessity") == []
    assert not panel.paragraphs.revert_button.isEnabled()


def test_typed_text_survives_a_refresh_and_leaving_it_asks(qtbot, setup, ldialogs):
    panel, _, _ = setup
    assert panel.paragraphs.select("nfl")
    panel.paragraphs.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.paragraphs.editor, " Typed, not saved.")
    assert panel.refresh()
    assert panel.paragraphs.editor.toPlainText().endswith(" Typed, not saved.")
    ldialogs.confirm_answers = [False]
    panel.paragraphs.list.setCurrentRow(0)  # another paragraph: refused, stays
    assert panel.paragraphs.selected_id() == "nfl"
    assert "“Neurofilament light (NfL)” are not saved" in ldialogs.confirmed[-1]
    ldialogs.confirm_answers = [False]
    panel.set_kind("p2p_summary")  # another letter: refused too, nothing changes
    assert panel.kind() == "medical_necessity" and panel.result.kind == "medical_necessity"
    assert panel.paragraphs.editor.toPlainText().endswith(" Typed, not saved.")
    ldialogs.confirm_answers = [True]
    panel.paragraphs.list.setCurrentRow(0)
    assert panel.paragraphs.selected_id() != "nfl"
    assert "Typed, not saved." not in panel.paragraphs.editor.toPlainText()


def test_export_warns_about_placeholders_and_writes_the_edited_letter(
    qtbot, setup, ldialogs, tmp_path
):
    panel, _, case_id = setup
    edit(qtbot, panel, "function", MY_TEXT)
    assert panel.result.placeholders  # the example case has no documents to enclose yet
    ldialogs.confirm_answers = [False]
    assert panel.save_docx() is None  # declined: nothing asked, nothing written
    assert "placeholder" in ldialogs.confirmed[-1] and ldialogs.save_requests == []

    target = tmp_path / "out" / "letter"  # no suffix typed: .docx is added
    target.parent.mkdir()
    ldialogs.confirm_answers = [True]
    ldialogs.save_paths = [target]
    written = panel.save_docx()
    assert written == target.with_name("letter.docx") and written.exists()
    title, suggested, file_filter = ldialogs.save_requests[-1]
    # named after the patient and the letter, not the case id
    name = panel.case.patient
    assert suggested == f"{name.last_name}-{name.first_name}-letter-of-medical-necessity.docx"
    assert "*.docx" in file_filter
    assert squash(MY_TEXT) in squash(docx_text(written))
    assert "34D0000001" in docx_text(written)

    ldialogs.confirm_answers = [True]
    ldialogs.save_paths = [tmp_path / "letter.pdf"]
    pdf = panel.save_pdf()
    assert pdf == tmp_path / "letter.pdf"
    assert squash(MY_TEXT) in squash(pdf_text(pdf))
    qpdf_check(pdf)
    assert pdf.stat().st_mode & 0o077 == 0  # patient data: owner only
    assert ldialogs.errors == []


def test_export_of_a_complete_letter_does_not_ask(qtbot, store, ldialogs, example_path, tmp_path):
    panel = make_panel(qtbot, store, ldialogs)
    case_id, case = stored_example(store, example_path)
    panel.set_case(case_id, case)
    panel.set_kind("p2p_summary")
    assert panel.result.placeholders == []
    ldialogs.save_paths = [tmp_path / "p2p.pdf"]
    assert panel.save_pdf() == tmp_path / "p2p.pdf"
    assert ldialogs.confirmed == []
    assert "WhyQalsodynow" in squash(pdf_text(tmp_path / "p2p.pdf"))
    qpdf_check(tmp_path / "p2p.pdf")


def test_an_edited_paragraph_that_disappears_is_reported_not_lost(qtbot, setup, store):
    panel, editor, case_id = setup
    edit(qtbot, panel, "step_therapy", "Step therapy, as I put it.")
    case = editor.case()
    case.therapies = []  # no therapies: the step therapy paragraph is no longer written
    panel.set_case(case_id, case)
    assert panel.refresh()
    assert shown(panel, "step_therapy") is None
    assert item_texts(panel.conflicts.list) == ["Step therapy: is no longer in the letter"]
    assert "no longer in the letter" in panel.conflicts.details.toPlainText()
    messages: list[str] = []
    panel.status.connect(messages.append)
    qtbot.mouseClick(panel.conflicts.keep_button, Qt.MouseButton.LeftButton)
    assert messages[-1] == "Paragraph “Step therapy”: your edit kept until it returns"
    assert [
        e.block_id for e in LetterEditRepository(store.db).list(case_id, "medical_necessity")
    ] == ["step_therapy"]
    panel.set_case(case_id, editor.case())  # the therapies are back: so is the edit
    assert panel.refresh()
    assert shown(panel, "step_therapy") == "Step therapy, as I put it."
    assert panel.result.conflicts == []
