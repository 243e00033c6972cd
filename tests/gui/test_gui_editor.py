"""Creating, validating and saving cases through the editor, as a user would."""

from __future__ import annotations

import pytest
from gui_helpers import cell, choose, type_cell, type_field
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qalsody_desktop.core.model import AlsfrsR, Case, Patient
from qalsody_desktop.core.storage import Store
from qalsody_desktop.gui.binding import INVALID_PROPERTY


def test_create_case_in_the_editor_save_and_find_it_after_restart(
    make_window, store, data_folder, qtbot
):
    window = make_window()
    window.actions_["new"].trigger()
    editor = window.editor
    assert window.editing and window.current_id is None
    type_field(qtbot, editor, "patient.first_name", "Ada")
    type_field(qtbot, editor, "patient.last_name", "Quill")
    type_field(qtbot, editor, "patient.date_of_birth", "1970-05-06")
    type_field(qtbot, editor, "patient.mrn", "MRN-4411")
    type_field(qtbot, editor, "patient.address.postal_code", "27701")
    type_field(qtbot, editor, "insurance.member_id", "MEM-90210")
    choose(editor, "insurance.plan_type", "medicaid")
    type_field(qtbot, editor, "prescriber.npi", "1234567893")
    type_field(qtbot, editor, "diagnosis.symptom_onset_date", "2024-03-01")
    type_field(qtbot, editor, "functional_status.devices", "cane, walker")
    section = editor.tables["alsfrs_r"]
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, editor, "alsfrs_r", 0, "date", "2024-11-18")
    type_cell(qtbot, editor, "alsfrs_r", 0, "total", "42")
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, editor, "alsfrs_r", 1, "date", "2025-02-17")
    type_cell(qtbot, editor, "alsfrs_r", 1, "total", "40")
    assert cell(editor, "alsfrs_r", 1, "since_previous") == "0.67"

    assert window.isWindowModified()
    assert editor.errors() == []
    window.actions_["save"].trigger()
    assert window.statusBar().currentMessage() == "Saved"
    assert not window.isWindowModified()
    case_id = window.current_id
    assert case_id is not None
    assert window.case_list.visible_names() == ["Quill, Ada"]

    window.close()
    store.close()
    again = Store(data_folder)
    try:
        second = make_window(store=again)
        assert second.case_list.visible_names() == ["Quill, Ada"]
        second.case_list.view.selectRow(0)
        assert second.current_id == case_id
        ed = second.editor
        assert ed.widget("patient.date_of_birth").text() == "1970-05-06"
        assert ed.widget("insurance.member_id").text() == "MEM-90210"
        assert ed.widget("insurance.plan_type").currentData() == "medicaid"
        assert ed.widget("functional_status.devices").text() == "cane, walker"
        assert [cell(ed, "alsfrs_r", r, "total") for r in range(2)] == ["42", "40"]
        stored = again.cases.get(case_id).case
        assert stored.functional_status.devices == ["cane", "walker"]
        assert [a.total for a in stored.alsfrs_r] == [42, 40]
    finally:
        second.close()
        again.close()


def test_new_case_needs_first_and_last_name(window, dialogs):
    window.actions_["new"].trigger()
    window.actions_["save"].trigger()
    title, text, details = dialogs.errors[-1]
    assert title == "Case not saved"
    assert any("First name: is required" in d for d in details)
    assert any("Last name: is required" in d for d in details)
    assert window.store.cases.list() == []


@pytest.mark.parametrize(
    ("path", "text", "message"),
    [
        ("prescriber.npi", "1234567890", "not a valid NPI"),
        ("patient.date_of_birth", "2025-02-30", "impossible date"),
        ("insurance.state", "North Carolina", "two capital letters"),
    ],
)
def test_invalid_field_is_marked_inline_and_blocks_save(
    window, store, dialogs, qtbot, path, text, message
):
    case_id = store.cases.create(Case(patient=Patient(first_name="Ida", last_name="Moss")))
    window.refresh_list()
    window.open_case(case_id)
    editor = window.editor
    type_field(qtbot, editor, path, text)
    widget = editor.widget(path)
    assert widget.property(INVALID_PROPERTY) is True
    assert message in widget.toolTip()
    assert any(message in t for t in editor.problems.texts())
    assert "(1)" in editor.tab_texts()[editor._tab_of(widget)]

    editor.tabs.setCurrentIndex(editor.tabs.count() - 1)
    window.actions_["save"].trigger()
    assert dialogs.errors and message in "\n".join(dialogs.errors[-1][2])
    assert store.cases.get(case_id).revision == 1  # nothing written
    assert window.isWindowModified()
    assert editor.tabs.currentWidget().isAncestorOf(widget)  # taken to the field

    type_field(qtbot, editor, path, "")  # clearing an optional field fixes it
    assert widget.property(INVALID_PROPERTY) is False
    assert editor.errors() == []


def test_alsfrs_total_out_of_range_is_marked_in_its_cell(window, store, dialogs, qtbot):
    case = Case(patient=Patient(first_name="Ida", last_name="Moss"))
    case.alsfrs_r = [AlsfrsR()]
    case_id = store.cases.create(case)
    window.refresh_list()
    window.open_case(case_id)
    editor = window.editor
    type_cell(qtbot, editor, "alsfrs_r", 0, "date", "2025-01-02")
    type_cell(qtbot, editor, "alsfrs_r", 0, "total", "50")
    model = editor.tables["alsfrs_r"].model
    index = model.index(0, model.column_of("total"))
    assert "above the maximum 48" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert any("ALSFRS-R series, row 1 › Total" in t for t in editor.problems.texts())
    window.actions_["save"].trigger()
    assert "above the maximum 48" in "\n".join(dialogs.errors[-1][2])
    assert store.cases.get(case_id).case.alsfrs_r[0].total is None
    type_cell(qtbot, editor, "alsfrs_r", 0, "total", "40")
    assert editor.errors() == []
    window.actions_["save"].trigger()
    assert store.cases.get(case_id).case.alsfrs_r[0].total == 40


def test_item_scores_must_sum_to_the_total(window, qtbot):
    window.actions_["new"].trigger()
    editor = window.editor
    qtbot.mouseClick(editor.tables["alsfrs_r"].add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, editor, "alsfrs_r", 0, "date", "2025-01-02")
    type_cell(qtbot, editor, "alsfrs_r", 0, "total", "40")
    type_cell(qtbot, editor, "alsfrs_r", 0, "items", "4,4,4,4,4,4,4,4,4,4,4,4")
    assert any("sum to 48, not to the total 40" in t for t in editor.problems.texts())


def test_clicking_a_message_focuses_its_field(window, qtbot):
    window.actions_["new"].trigger()
    editor = window.editor
    type_field(qtbot, editor, "patient.first_name", "Ida")
    type_field(qtbot, editor, "patient.last_name", "Moss")
    type_field(qtbot, editor, "genetics.clia_number", "bad")
    editor.tabs.setCurrentIndex(0)
    items = editor.problems.list
    assert items.count() == 1
    item = items.item(0)
    rect = items.visualItemRect(item)
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    widget = editor.widget("genetics.clia_number")
    assert editor.tabs.currentWidget().isAncestorOf(widget)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def test_unsaved_changes_prompt_on_close(make_window, store, dialogs, qtbot):
    case_id = store.cases.create(Case(patient=Patient(first_name="Ida", last_name="Moss")))
    window = make_window()
    window.open_case(case_id)
    type_field(qtbot, window.editor, "patient.mrn", "X-1")
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()
    assert window.case_list.visible_names() == ["Moss, Ida *"]

    dialogs.unsaved_answers = ["cancel"]
    assert not window.close()
    assert window.isVisible() and window.editor.widget("patient.mrn").text() == "X-1"
    assert dialogs.asked == ["The case “Moss, Ida”"]

    dialogs.unsaved_answers = ["save"]
    assert window.close()
    assert store.cases.get(case_id).case.patient.mrn == "X-1"


def test_discard_on_close_keeps_the_stored_case(make_window, store, dialogs, qtbot):
    case_id = store.cases.create(Case(patient=Patient(first_name="Ida", last_name="Moss")))
    window = make_window()
    window.open_case(case_id)
    type_field(qtbot, window.editor, "patient.mrn", "X-1")
    dialogs.unsaved_answers = ["discard"]
    assert window.close()
    assert store.cases.get(case_id).case.patient.mrn is None


def test_switching_case_with_unsaved_edits_asks_first(window, store, dialogs, qtbot):
    first = store.cases.create(Case(patient=Patient(first_name="Ann", last_name="Able")))
    second = store.cases.create(Case(patient=Patient(first_name="Bob", last_name="Baker")))
    window.refresh_list()
    window.case_list.view.selectRow(0)
    assert window.current_id == first
    type_field(qtbot, window.editor, "patient.phone", "555-0100")

    dialogs.unsaved_answers = ["cancel"]
    window.case_list.view.selectRow(1)
    assert window.current_id == first
    assert window.editor.widget("patient.phone").text() == "555-0100"
    assert window.case_list.view.currentIndex().row() == 0

    dialogs.unsaved_answers = ["discard"]
    window.case_list.view.selectRow(1)
    assert window.current_id == second
    assert not window.isWindowModified()
    assert store.cases.get(first).case.patient.phone is None
    assert len(dialogs.asked) == 2


def test_save_conflict_is_reported_and_edits_kept(window, store, dialogs, qtbot):
    case_id = store.cases.create(Case(patient=Patient(first_name="Ida", last_name="Moss")))
    window.refresh_list()
    window.open_case(case_id)
    elsewhere = store.cases.get(case_id).case
    elsewhere.patient.phone = "919-555-0000"
    store.cases.save(case_id, elsewhere)  # e.g. the command line, meanwhile
    type_field(qtbot, window.editor, "patient.mrn", "X-9")
    window.actions_["save"].trigger()
    title, text, _ = dialogs.errors[-1]
    assert "changed elsewhere" in title
    assert window.isWindowModified()
    assert window.editor.widget("patient.mrn").text() == "X-9"
    assert store.cases.get(case_id).case.patient.mrn is None


def test_delete_asks_for_confirmation(window, store, dialogs):
    case_id = store.cases.create(Case(patient=Patient(first_name="Ida", last_name="Moss")))
    window.refresh_list()
    window.open_case(case_id)
    dialogs.confirm_answers = [False]
    window.actions_["delete"].trigger()
    assert [c.id for c in store.cases.list()] == [case_id]
    dialogs.confirm_answers = [True]
    window.actions_["delete"].trigger()
    assert store.cases.list() == []
    assert not window.editing
    assert window.case_list.visible_names() == []
    assert "Moss, Ida" in dialogs.confirmed[0]


def test_save_while_a_cell_is_still_being_edited_keeps_the_text(window, store, qtbot):
    case = Case(patient=Patient(first_name="Ida", last_name="Moss"))
    case.alsfrs_r = [AlsfrsR()]
    case_id = store.cases.create(case)
    window.refresh_list()
    window.open_case(case_id)
    editor = window.editor
    type_cell(qtbot, editor, "alsfrs_r", 0, "date", "2025-01-02")
    view = editor.tables["alsfrs_r"].view
    model = editor.tables["alsfrs_r"].model
    index = model.index(0, model.column_of("total"))
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.keyClicks(view.indexWidget(index), "39")  # no Enter: Ctrl+S straight away
    window.actions_["save"].trigger()
    assert store.cases.get(case_id).case.alsfrs_r[0].total == 39


def test_add_and_remove_rows(window, qtbot):
    window.actions_["new"].trigger()
    section = window.editor.tables["nfl"]
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    assert section.model.rowCount() == 2
    assert cell(window.editor, "nfl", 0, "unit") == "pg/mL"  # the model's default
    type_cell(qtbot, window.editor, "nfl", 1, "value", "71.5")
    section.view.selectRow(0)
    qtbot.mouseClick(section.remove_button, Qt.MouseButton.LeftButton)
    assert section.model.rowCount() == 1
    assert cell(window.editor, "nfl", 0, "value") == "71.5"
    assert window.editor.case().nfl[0].value == 71.5


def test_clicking_a_table_message_selects_the_cell(window, qtbot):
    window.actions_["new"].trigger()
    editor = window.editor
    section = editor.tables["therapies"]
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, editor, "therapies", 1, "drug", "edaravone")
    type_cell(qtbot, editor, "therapies", 1, "start", "2025-03-01")
    type_cell(qtbot, editor, "therapies", 1, "end", "2025-01-01")
    editor.tabs.setCurrentIndex(0)
    texts = editor.problems.texts()
    row = next(i for i, t in enumerate(texts) if "therapy ends before it starts" in t)
    assert texts[row].startswith("Therapy trials, row 2 › End")
    item = editor.problems.list.item(row)
    qtbot.mouseClick(
        editor.problems.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=editor.problems.list.visualItemRect(item).center(),
    )
    assert editor.tabs.currentWidget().isAncestorOf(section)
    current = section.view.currentIndex()
    assert (current.row(), current.column()) == (1, section.model.column_of("end"))
