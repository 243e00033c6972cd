"""Accepting a document's suggested facts into the case from the Evidence tab."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.synthetic import write_demo_set
from qalsody_desktop.gui.suggestions import FINDING_ROLE


@pytest.fixture
def window_with_docs(make_window, dialogs, store, example_path, example_dict, tmp_path):
    """The example case stored without its genetics and last ALSFRS-R, documents attached."""
    case = load_case_file(example_path)
    lab = case.genetics.lab_name
    last = case.alsfrs_r[-1]
    case.genetics.clia_number = None
    case.genetics.lab_name = None
    case.alsfrs_r = case.alsfrs_r[:-1]
    case_id = store.cases.create(case)
    folder = tmp_path / "docs"
    write_demo_set(folder, example_dict)
    window = make_window(dialogs=dialogs)
    Attacher(store, window.profile).attach(case_id, sorted(Path(folder).iterdir()))
    window.refresh_list()
    assert window.open_case(case_id)
    return window, case_id, lab, last


def select_attachment(window: Any, category: str) -> None:
    model = window.evidence.model
    row = model.row_of(next(a.id for a in model.attachments if a.category == category))
    window.evidence.view.selectRow(row)


def test_accepting_suggestions_fills_the_case_without_saving(window_with_docs, qtbot, store):
    window, case_id, lab, _ = window_with_docs
    select_attachment(window, "sod1_genetic_report")
    panel = window.evidence.suggestions
    messages = [f.message for f in panel.findings()]
    assert any("CLIA" in m for m in messages), messages
    assert not panel.accept_button.isEnabled()  # nothing selected yet
    panel.select(lambda f: f.kind == "new" and f.field.startswith("genetics."))
    assert panel.accept_button.isEnabled()
    qtbot.mouseClick(panel.accept_button, qtbot_left())
    edited = window.editor.case()
    stored = store.cases.get(case_id).case
    assert edited.genetics.clia_number and stored.genetics.clia_number is None
    assert edited.genetics.lab_name and lab.split()[0] in edited.genetics.lab_name
    assert window.is_dirty()
    assert "accepted into the case" in window.statusBar().currentMessage()
    # said beside the list too, naming what went in, until another document is shown
    note = window.evidence.suggestions.accepted
    assert not note.isHidden() and "CLIA" in note.text() and "not saved yet" in note.text()
    # the document now agrees with the (unsaved) case: nothing left to accept about the lab
    panel = window.evidence.suggestions
    assert not [f for f in panel.findings() if f.field == "genetics.clia_number"]
    assert window.save()
    assert store.cases.get(case_id).case.genetics.clia_number == edited.genetics.clia_number
    select_attachment(window, "clinic_note")
    assert window.evidence.suggestions.accepted.isHidden()


def test_a_missing_alsfrs_score_is_added_as_a_row(window_with_docs, qtbot):
    window, _, _, last = window_with_docs
    select_attachment(window, "alsfrs_r")
    panel = window.evidence.suggestions
    panel.select(lambda f: f.field == "alsfrs_r[]" and f.kind == "new")
    assert panel.accept_button.isEnabled(), [f.message for f in panel.findings()]
    panel.accept_button.click()
    rows = [(e.date, e.total) for e in window.editor.case().alsfrs_r]
    assert (last.date, last.total) in rows


def test_conflict_is_replaced_only_after_confirmation(window_with_docs, dialogs, qtbot):
    window, _, _, _ = window_with_docs
    edited = window.editor.case()
    typed = edited.genetics.variant_cdna
    edited.genetics.variant_cdna = "c.272A>C"  # a typo that the genetic report contradicts
    window.editor.apply_case(edited)
    window.refresh_kit()
    select_attachment(window, "sod1_genetic_report")
    panel = window.evidence.suggestions
    panel.select(lambda f: f.kind == "conflict" and f.field == "genetics.variant_cdna")
    assert panel.replace_button.isEnabled(), [f.message for f in panel.findings()]
    dialogs.confirm_answers.append(False)
    panel.replace_button.click()
    assert window.editor.case().genetics.variant_cdna == "c.272A>C"
    panel = window.evidence.suggestions
    panel.select(lambda f: f.kind == "conflict" and f.field == "genetics.variant_cdna")
    dialogs.confirm_answers.append(True)
    panel.replace_button.click()
    assert window.editor.case().genetics.variant_cdna == typed


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_fact_found_without_its_date_is_accepted_with_a_typed_date(window_with_docs, qtbot):
    from datetime import date

    from qalsody_desktop.gui.suggestions import needs_date

    window, _case_id, _lab, _ = window_with_docs
    model = window.evidence.model
    panel = window.evidence.suggestions
    found = None
    for row in range(model.rowCount()):
        window.evidence.view.selectRow(row)
        found = next((f for f in panel.findings() if needs_date(f)), None)
        if found is not None:
            break
    assert found is not None, "the demo documents state one measurement without its date"
    item = next(
        panel.list.item(i)
        for i in range(panel.list.count())
        if panel.list.item(i).data(FINDING_ROLE) is found
    )
    assert "needs its date" in item.text()  # said on the row, not only in a tooltip
    assert panel.dated_row.isHidden()
    panel.select(lambda f: f is found)
    assert not panel.dated_row.isHidden() and not panel.date_button.isEnabled()
    qtbot.keyClicks(panel.date_edit, "2025-05-02")
    assert panel.date_button.isEnabled()
    before = copy.deepcopy(window.editor.case())
    qtbot.mouseClick(panel.date_button, qtbot_left())
    table = found.field.split("[]")[0]  # "pulmonary[].svc_percent_predicted" -> "pulmonary"
    dates = {e.date for e in getattr(window.editor.case(), table)}
    assert date(2025, 5, 2) in dates
    assert date(2025, 5, 2) not in {e.date for e in getattr(before, table)}
    assert not panel.accepted.isHidden()
