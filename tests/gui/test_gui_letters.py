"""The Letters tab: every kind drafted and previewed, placeholders, signed copy, denial."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QPlainTextEdit, QPushButton
from test_gui_letters_support import (
    TODAY,
    item_texts,
    letter_dialogs,
    make_panel,
    squash,
    stored_example,
)

from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.letters.service import LETTER_KINDS
from qalsody_desktop.core.model import Case
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.core.synthetic import make_document
from qalsody_desktop.core.synthetic.documents import identity_from_case
from qalsody_desktop.gui.letter_fields import kind_title
from qalsody_desktop.gui.letter_view import LetterPanel
from qalsody_desktop.gui.task import TaskRunner


@pytest.fixture
def ldialogs(dialogs):
    return letter_dialogs(dialogs)


@pytest.fixture
def panel(qtbot, store, ldialogs):
    return make_panel(qtbot, store, ldialogs)


@pytest.fixture
def opened(panel, store, example_path):
    case_id, case = stored_example(store, example_path)
    panel.set_case(case_id, case)
    return panel, case_id, case


def test_without_a_saved_case_the_panel_asks_to_save_first(panel):
    panel.set_case(None, Case())
    assert "Save the case first" in panel.info.text()
    assert not panel.generate_button.isEnabled()
    assert not panel.docx_button.isEnabled()
    assert panel.refresh() is False
    assert panel.result is None


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_each_kind_is_drafted_and_its_text_is_in_the_preview(opened, kind):
    panel, case_id, _ = opened
    initial = panel.kind()
    panel.set_kind(kind)  # choosing another kind drafts it at once
    if kind == initial:
        assert panel.result is None  # nothing drafted until asked (or the tab is shown)
        assert panel.refresh()
    assert panel.result is not None and panel.result.kind == kind
    assert panel.kind_combo.currentText() == kind_title(kind)
    assert panel.preview.page_count() >= 1
    shown = squash(panel.preview.text())
    fragments = [f for f in panel.result.document.text_fragments() if 4 < len(f) < 80]
    assert len(fragments) > 5
    missing = [f for f in fragments if squash(f) not in shown]
    assert missing == []
    assert "Harold" in panel.preview.text()  # the example patient, from the case
    assert panel.docx_button.isEnabled() and panel.pdf_button.isEnabled()
    assert f"{panel.preview.page_count()} page(s)" in panel.info.text()


def test_letters_use_the_case_as_edited_not_as_stored(opened):
    panel, case_id, case = opened
    case.genetics.lab_name = "Unsaved Genomics Lab"
    panel.set_case(case_id, case)
    assert panel.refresh()
    assert "Unsaved Genomics Lab" in panel.result.document.plain_text()
    assert "UnsavedGenomicsLab" in squash(panel.preview.text())
    # the stored case was not touched
    assert panel.store.cases.get(case_id).case.genetics.lab_name != "Unsaved Genomics Lab"


def test_removed_facts_are_listed_and_lead_to_their_fields(opened, qtbot):
    panel, case_id, case = opened
    assert panel.refresh()
    before = item_texts(panel.missing)
    assert not any("CLIA" in t for t in before)
    case.genetics.clia_number = None
    case.diagnosis.diagnosis_date = None
    case.therapies[1].stop_reason = None
    panel.set_case(case_id, case)
    assert panel.refresh()
    texts = item_texts(panel.missing)
    assert "[CLIA number missing]  → Genetics › CLIA number" in texts
    assert any(t.startswith("[diagnosis date missing]") for t in texts)
    assert any("placeholder" in w for w in item_texts(panel.warnings))
    assert "[CLIA number missing]" in panel.preview.text()
    assert panel.side.tabText(0) == f"&Issues ({len(panel.result.placeholders)} missing)"

    def activate(prefix: str) -> None:
        row = next(i for i, t in enumerate(texts) if t.startswith(prefix))
        panel.missing.itemActivated.emit(panel.missing.item(row))

    with qtbot.waitSignal(panel.go_to_field) as blocker:
        activate("[CLIA number missing]")
    assert blocker.args == ["genetics.clia_number"]
    with qtbot.waitSignal(panel.go_to_field) as blocker:
        activate("[diagnosis date missing]")
    assert blocker.args == ["diagnosis.diagnosis_date"]
    with qtbot.waitSignal(panel.go_to_field) as blocker:
        activate("[reason edaravone was stopped missing]")
    assert blocker.args == ["therapies[1].stop_reason"]
    # a placeholder that is no case fact is listed, but leads nowhere
    with qtbot.assertNotEmitted(panel.go_to_field):
        activate("[attach the published reference")


def test_signed_copy_is_named_as_the_copy_the_bundle_uses(opened, store, tmp_path, example_dict):
    panel, case_id, case = opened
    assert panel.refresh()
    assert panel.copy_label.isVisibleTo(panel)
    assert panel.copy_label.text().startswith("No signed copy attached")
    signed = tmp_path / "signed-letter.pdf"
    signed.write_bytes(
        make_document(
            "medical_necessity_letter",
            identity_from_case(example_dict),
            profile=load_default_profile(),
        )
    )
    [outcome] = Attacher(store, load_default_profile()).attach(
        case_id, [signed], category="medical_necessity_letter"
    )
    assert outcome.status == "ok"
    panel.invalidate()
    assert panel.refresh()
    assert panel.copy_label.text() == (
        "Signed copy on file: signed-letter.pdf (this is what the bundle uses)."
    )
    panel.set_kind("p2p_summary")  # the signed copy is the medical necessity letter's
    assert not panel.copy_label.isVisibleTo(panel)


def test_appeal_letters_say_when_no_denial_is_recorded_then_answer_it(opened, store):
    panel, case_id, _ = opened
    panel.set_kind("internal_appeal")
    assert panel.denial_label.isVisibleTo(panel)
    assert "No denial is recorded for this case" in panel.denial_label.text()
    assert any("denial reasons missing" in t for t in item_texts(panel.missing))
    profile = load_default_profile()
    events = EventRepository(store.db, reason_ids=tuple(r.id for r in profile.denial_reasons))
    events.add(
        case_id,
        "denied",
        date(2025, 6, 20),
        {
            "letter_date": "2025-06-20",
            "reasons": ["insufficient_step_therapy"],
            "reference": "PA-77",
        },
    )
    panel.invalidate()
    assert panel.refresh()
    text = panel.denial_label.text()
    assert "2025-06-20" in text and "PA-77" in text and "Insufficient step therapy" in text
    assert not any("denial reasons missing" in t for t in item_texts(panel.missing))
    assert "Insufficientsteptherapy" in squash(panel.preview.text())
    panel.set_kind("medical_necessity")
    assert not panel.denial_label.isVisibleTo(panel)


def test_visible_panel_redrafts_after_the_case_changes(qtbot, store, ldialogs, example_path):
    panel = make_panel(qtbot, store, ldialogs, refresh_delay_ms=20)
    case_id, case = stored_example(store, example_path)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_case(case_id, case)  # a newly opened case: drafted once the tab is seen
    qtbot.waitUntil(lambda: panel.result is not None, timeout=5000)
    first = panel.result
    panel.set_case(case_id, case)  # the same facts again: nothing to redo
    assert not panel.refresh_pending() and panel.result is first
    case.nfl[0].value = 93.5
    panel.set_case(case_id, case)
    assert panel.refresh_pending() and "refreshing" in panel.info.text()
    qtbot.waitUntil(lambda: panel.result is not first, timeout=5000)
    assert "93.5 pg/mL" in panel.result.document.plain_text()


def test_controls_are_named_and_have_shortcuts(panel):
    for button in panel.findChildren(QPushButton):
        assert "&" in button.text(), button.text()
    for widget in [*panel.findChildren(QListWidget), *panel.findChildren(QComboBox)]:
        assert widget.accessibleName(), widget.objectName()
    for widget in panel.findChildren(QPlainTextEdit):
        assert widget.accessibleName(), widget.objectName()
    assert panel.preview.view.accessibleName() == "Letter preview"
    shortcuts = {k: a.shortcut().toString() for k, a in panel.actions_.items()}
    assert shortcuts == {"refresh": "Ctrl+R", "docx": "Ctrl+Shift+W", "pdf": "Ctrl+Shift+P"}
    for action in panel.actions_.values():
        assert action.shortcutContext() == Qt.ShortcutContext.WindowShortcut


def test_drafting_runs_in_the_background_and_the_newest_request_wins(
    qtbot, store, ldialogs, example_path
):
    panel = LetterPanel(store, load_default_profile(), ldialogs, TaskRunner(), today=TODAY)
    qtbot.addWidget(panel)
    drafted = []
    panel.drafter.drafted.connect(drafted.append)
    case_id, case = stored_example(store, example_path)
    panel.set_case(case_id, case)
    assert panel.refresh() is False  # on the thread pool: the GUI thread goes on
    assert panel.drafter.busy()
    for value in (80.0, 85.5, 91.25):
        case.nfl[0].value = value
        panel.set_case(case_id, case)
        panel.refresh()
    qtbot.waitUntil(lambda: not panel.drafter.busy() and panel.result is not None, timeout=15000)
    assert len(drafted) == 1  # the drafts overtaken while running were dropped
    assert "91.25 pg/mL" in panel.result.document.plain_text()
    assert "91.25pg/mL" in squash(panel.preview.text())
    assert panel.refresh_pending() is False and panel._stale is False


def test_every_placeholder_maps_to_a_real_field_or_is_known_not_to_be_one(qtbot, example_path):
    """A new placeholder wording in the core must be mapped here (or listed as no field)."""
    from qalsody_desktop.core.caseio import load_case_file
    from qalsody_desktop.core.letters.compose import compose
    from qalsody_desktop.core.letters.context import LetterContext
    from qalsody_desktop.gui.case_editor import CaseEditor
    from qalsody_desktop.gui.fields import split_row_path
    from qalsody_desktop.gui.letter_fields import placeholder_path

    editor = CaseEditor()
    qtbot.addWidget(editor)
    fields = set(editor.binder.widgets) | set(editor.tables)
    not_fields = re.compile(
        r"not attached$|^no documents attached|^denial |^date the denial|^answer to "
        r"|^external review route|: fact missing$|^dose schedule missing$"
        r"|^attach the published reference: |: sign and enclose$|^clinical evidence "
        r"|^(change over 6-12 months|daily activities|further symptom change"
        r"|how symptoms spread|other therapies)$"
    )
    empty = Case()
    empty.patient.first_name, empty.patient.last_name = "Test", "Patient"
    sparse = load_case_file(example_path)
    for therapy in sparse.therapies:
        therapy.start = therapy.end = therapy.dose = therapy.response = None
        therapy.stop_reason = None
    sparse.alsfrs_r[0].total = None
    ctx = LetterContext(profile=load_default_profile(), today=TODAY)
    unmapped, bad = set(), set()
    for case in (empty, sparse):
        for kind in LETTER_KINDS:
            for label in compose(kind, case, ctx).placeholders:
                path = placeholder_path(label, case)
                if path is None:
                    if not not_fields.search(label):
                        unmapped.add(label)
                elif split_row_path(path)[0] not in fields:
                    bad.add((label, path))
    assert unmapped == set()
    assert bad == set()
    assert placeholder_path("reason edaravone was stopped missing", sparse) == (
        "therapies[1].stop_reason"
    )


def test_action_plan_and_denial_choice_in_the_letters_section(opened, store):
    """A gap case lists what to obtain; an internal appeal can answer an earlier denial."""
    panel, case_id, case = opened
    assert panel.refresh()
    plan = panel.findChild(QListWidget, "letterActionPlan")
    assert not any(t.startswith("NOT MET") for t in item_texts(plan))
    case.prescriber.specialty, case.prescriber.board_certification = "Family Medicine", None
    case.genetics.classification = "VUS"
    panel.set_case(case_id, case)
    assert panel.refresh()
    unmet = [t for t in item_texts(plan) if t.startswith("NOT MET")]
    assert len(unmet) == 2
    assert any("co-sign" in t for t in unmet) and any("genetic counsellor" in t for t in unmet)
    assert "DRAFT:NOTREADYTOSEND" in squash(panel.preview.text())

    profile = load_default_profile()
    events = EventRepository(store.db, reason_ids=tuple(r.id for r in profile.denial_reasons))
    first = events.add(case_id, "denied", date(2025, 3, 3), {"reasons": ["no_sod1_documentation"]})
    events.add(
        case_id, "denied", date(2025, 5, 2), {"reasons": ["not_on_formulary"], "reference": "R2"}
    )
    panel.set_kind("internal_appeal")
    chooser = panel.findChild(QComboBox, "denialChoice")
    assert chooser.isVisibleTo(panel) and chooser.count() == 2
    assert chooser.currentText().startswith("Latest: 2025-05-02")
    assert "h_not_on_formulary" in panel.result.document.ids()
    chooser.setCurrentIndex(chooser.findData(first.id))
    chooser.activated.emit(chooser.currentIndex())
    assert "h_no_sod1_documentation" in panel.result.document.ids()
    assert "Answers the chosen denial (2025-03-03)" in panel.denial_label.text()
    panel.set_kind("external_review_request")
    assert not chooser.isVisibleTo(panel)
    assert "No final internal adverse determination is recorded" in panel.denial_label.text()
