"""Case > Import from EHR export…: a new case from a CCD, then a FHIR bundle into it (accept
some, decline a conflict), drops on the window, and a refused file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from qalsody_desktop.core.model import Case, Insurance, Patient
from qalsody_desktop.gui.ehr_review import ITEM_ROLE, MAX_HEIGHT

FIX = Path(__file__).resolve().parents[1] / "ehr_fixtures"


def review(window):
    dialog = window.ehr.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def row_for(dialog, field):
    return next(r for r in dialog.rows() if r.data(0, ITEM_ROLE).field == field)


def test_ccd_into_a_new_case_from_the_case_menu(window, dialogs, store, qtbot):
    action = window.actions_["ehr_import"]
    assert action in window.menuBar().actions()[0].menu().actions()
    dialogs.open_paths.append(FIX / "als_ccd.xml")
    action.trigger()
    dialog = review(window)
    assert dialog.height() <= MAX_HEIGHT and dialog.maximumHeight() <= MAX_HEIGHT
    # new values start ticked; the encounter is shown but cannot be ticked
    assert row_for(dialog, "patient.last_name").checkState(0) == Qt.CheckState.Checked
    info = row_for(dialog, "info")
    assert not info.flags() & Qt.ItemFlag.ItemIsUserCheckable
    row_for(dialog, "patient.phone").setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    cases = store.cases.list()
    assert len(cases) == 1 and window.current_id == cases[0].id
    case = store.cases.get(cases[0].id).case
    assert case.patient.last_name == "Testpatient" and case.patient.phone is None
    assert case.diagnosis.icd10 == "G12.21" and case.nfl[0].value == 61.5
    atts = store.attachments.list(cases[0].id)
    assert [a.category for a in atts] == ["other"]
    assert dialogs.errors == []


def test_bundle_into_open_case_accepts_some_and_declines_a_conflict(window, dialogs, store, qtbot):
    case = Case(
        patient=Patient(
            first_name="Jordan", last_name="Testpatient", date_of_birth=date(1968, 4, 12)
        ),
        insurance=Insurance(member_id="TYPED-77"),
    )
    case_id = store.cases.create(case)
    window.refresh_list()
    assert window.open_case(case_id)
    window.ehr.start(FIX / "als_bundle.json")
    dialog = review(window)
    member = row_for(dialog, "insurance.member_id")
    assert member.data(0, ITEM_ROLE).kind == "conflict"
    assert member.checkState(0) == Qt.CheckState.Unchecked  # conflicts start unticked
    assert row_for(dialog, "patient.last_name").data(0, ITEM_ROLE).kind == "same"
    # accept some: only the NfL and the payer
    dialog.tick(lambda i: i.field in ("nfl[]", "insurance.payer", "insurance.member_id"))
    dialogs.confirm_answers.append(False)  # decline replacing the typed member ID
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialogs.confirmed  # declined: still reviewing, nothing written
    assert store.cases.get(case_id).case.insurance.member_id == "TYPED-77"
    member.setCheckState(0, Qt.CheckState.Unchecked)
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    saved = store.cases.get(case_id).case
    assert saved.insurance.member_id == "TYPED-77"
    assert saved.insurance.payer == "Cigna Healthcare"
    assert [n.value for n in saved.nfl] == [61.5]
    assert saved.pulmonary == [] and saved.diagnosis.icd10 is None
    assert window.editor.case().insurance.payer == "Cigna Healthcare"


def test_another_patients_export_is_refused_with_the_field_named(window, dialogs, store):
    case_id = store.cases.create(
        Case(patient=Patient(first_name="Robin", last_name="Else", date_of_birth=date(1980, 2, 2)))
    )
    window.refresh_list()
    assert window.open_case(case_id)
    window.ehr.start(FIX / "als_ccd.xml")
    assert window.ehr.dialog is None
    title, text, _details = dialogs.errors[-1]
    assert title == "EHR import refused" and "date of birth" in text and "1968" not in text
    assert store.cases.get(case_id).revision == 1


def test_dropping_an_export_on_the_window_opens_the_review(window, dialogs, tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(FIX / "als_bundle.json"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # offscreen Qt delivers no synthetic drop outside a drag: hand it to the window's filter
    assert window.ehr.eventFilter(window, event) and event.isAccepted()
    dialog = review(window)
    assert dialog.plan.case_id is None
    dialog.tick(lambda i: i.field.startswith("patient.") or i.field == "alsfrs_r[]")
    dialog.buttons.accepted.emit()
    [row] = window.store.cases.list()
    case = window.store.cases.get(row.id).case
    assert case.patient.last_name == "Testpatient" and case.alsfrs_r[0].total == 38
    assert case.alsfrs_r[0].items and case.insurance.payer is None
    assert window.current_id == row.id
    bad = tmp_path / "notes.json"
    bad.write_text("not json")
    window.ehr.route_drop([bad])
    assert dialogs.errors and "neither XML" in dialogs.errors[-1][1]


def test_unsaved_edits_are_not_dropped_by_an_import(window, dialogs):
    window.new_case()
    window.editor.apply_case(Case(patient=Patient(first_name="Typed", last_name="Notsaved")))
    assert window.is_dirty()
    dialogs.unsaved_answers.append("cancel")
    window.ehr.start(FIX / "als_bundle.json")
    assert dialogs.asked and window.ehr.dialog is None
    assert window.editor.case().patient.last_name == "Notsaved"
