"""A denial letter attached to a case: the proposed ``denied`` event, checked, then recorded."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.core.synthetic import write_demo_set
from qalsody_desktop.core.synthetic.payer import REASON_SENTENCES
from qalsody_desktop.gui.timeline_denial import propose_denied_event
from qalsody_desktop.gui.timeline_view import TimelinePanel

PROFILE = load_default_profile()
REASONS = ["non_neurologist_prescriber", "experimental_designation"]


@pytest.fixture
def attached(store, example_path, example_dict, tmp_path):
    """The example case with its clinic note and a two-reason denial letter attached."""
    case_id = store.cases.create(load_case_file(example_path))
    paths = write_demo_set(tmp_path / "docs", example_dict, reasons=REASONS)
    wanted = [p for p in paths if p.stem.endswith(("clinic_note", "denial_letter"))]
    outcomes = Attacher(store, PROFILE).attach(case_id, wanted)
    ids = {o.category: o.attachment_id for o in outcomes}
    assert set(ids) == {"clinic_note", "denial_letter"}, outcomes
    return case_id, ids


@pytest.fixture
def panel(qtbot, store, dialogs, attached):
    p = TimelinePanel(store, PROFILE, dialogs, clock=lambda: date(2025, 6, 12))
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    p.set_case(attached[0], None)
    return p


def save(qtbot, dialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_proposal_shows_both_reasons_and_saving_records_them(qtbot, panel, store, attached):
    case_id, ids = attached
    letter = ids["denial_letter"]
    changed = []
    panel.changed.connect(lambda: changed.append(1))
    dialog = panel.propose_denial(letter)
    assert dialog is not None and dialog.isVisible()
    assert dialog.height() <= 700  # its buttons stay above a laptop's taskbar (1366x768)
    info = " ".join(dialog.info.toPlainText().split())
    # the example's latest visit is 2025-05-19: request +7 = 05-26, letter +12 = 2025-06-07
    assert "Letter date: 2025-06-07" in info
    assert "Reference: PA-2025-102934-Q" in info
    assert "Appeal window stated: 180 days from the day it is received" in info
    assert "2 reasons found" in info
    for reason_id in REASONS:
        reason = PROFILE.denial_reason(reason_id)
        assert reason.title in info
        sentence = " ".join(REASON_SENTENCES[reason_id].split())
        assert sentence.split(". ")[0] in info  # the sentence that matched, quoted
        assert " ".join(reason.how_to_overturn.split()) in info
    # what answers them: the clinic note is attached, the medical necessity letter is not
    note = PROFILE.category("clinic_note").title
    necessity = PROFILE.category("medical_necessity_letter").title
    assert f"Evidence: {note} — 1 attached" in info
    assert f"Evidence: {necessity} — ⚠ none attached" in info
    assert "Checklist:" in info

    assert dialog.event_type() == "denied" and dialog.when() == date(2025, 6, 7)
    assert dialog.field("reasons").checked_ids() == REASONS
    assert dialog.field("reference").text() == "PA-2025-102934-Q"
    assert dialog.field("attachments").checked_ids() == [letter]
    received = dialog.field("received")
    received.check.setChecked(True)
    received.edit.setDate(QDate(2025, 6, 10))
    save(qtbot, dialog)
    assert dialog.problem_text() == ""

    (event,) = EventRepository(store.db).list(case_id)
    assert event.type == "denied" and event.date == date(2025, 6, 7)
    assert event.data["reasons"] == REASONS
    assert set(event.data["sentences"]) == set(REASONS)
    assert event.data["received"] == "2025-06-10"
    assert event.data["reference"] == "PA-2025-102934-Q"
    assert event.data["attachments"] == [letter]
    window = event.data["appeal_window"]
    assert (window["amount"], window["unit"], window["from"]) == (180, "days", "receipt")
    assert changed == [1]
    # shown at once: selected in the timeline, with its deadline. 180 days from the letter of
    # 2025-06-07: Jun 30 (23), Jul 31 (54), Aug 31 (85), Sep 30 (115), Oct 31 (146),
    # Nov 30 (176), Dec 4 (180); the letter's own 180 days from receipt end later.
    assert panel.selected_event().id == event.id
    due = {d.id: d.due for d in panel.report.deadlines}
    assert due["internal_appeal_deadline"] == date(2025, 12, 4)
    assert panel.events_model.texts(0)[4].endswith("denial_letter.pdf")

    # the same letter again (re-categorized): already recorded, nothing proposed
    assert panel.propose_denial(letter) is None


def test_a_reason_the_user_unticks_is_not_recorded(qtbot, store, dialogs, attached):
    case_id, ids = attached
    recorded = []
    dialog = propose_denied_event(
        None, store, PROFILE, case_id, ids["denial_letter"], dialogs, on_saved=recorded.append
    )
    qtbot.addWidget(dialog)
    reasons = dialog.field("reasons")
    reasons.item(
        [reasons.item(i).data(Qt.ItemDataRole.UserRole) for i in range(reasons.count())].index(
            "experimental_designation"
        )
    ).setCheckState(Qt.CheckState.Unchecked)
    save(qtbot, dialog)
    (event,) = recorded
    assert event.data["reasons"] == ["non_neurologist_prescriber"]
    assert list(event.data["sentences"]) == ["non_neurologist_prescriber"]
    assert EventRepository(store.db).list(case_id) == [event]


def test_a_file_of_another_case_is_refused_with_a_message(
    qtbot, store, dialogs, attached, example_path
):
    other = store.cases.create(load_case_file(example_path))
    dialog = propose_denied_event(
        None, store, PROFILE, other, attached[1]["denial_letter"], dialogs
    )
    assert dialog is None
    ((title, text, _),) = dialogs.errors
    assert title == "Denial letter not read" and f"not a file of case {other}" in text
    assert EventRepository(store.db).list(other) == []


def test_cancel_records_nothing(qtbot, store, dialogs, attached):
    case_id, ids = attached
    dialog = propose_denied_event(None, store, PROFILE, case_id, ids["denial_letter"], dialogs)
    qtbot.addWidget(dialog)
    dialog.reject()
    assert EventRepository(store.db).list(case_id) == []


def test_a_letter_after_an_open_appeal_is_proposed_as_the_final_denial(
    qtbot, store, dialogs, attached
):
    case_id, ids = attached
    repo = EventRepository(store.db)
    repo.add(case_id, "denied", "2025-04-01", {"reference": "D-0"})
    repo.add(case_id, "appeal_filed", "2025-05-01")
    recorded = []
    dialog = propose_denied_event(
        None, store, PROFILE, case_id, ids["denial_letter"], dialogs, on_saved=recorded.append
    )
    qtbot.addWidget(dialog)
    info = " ".join(dialog.info.toPlainText().split())
    assert "Dated after the internal appeal filed on 2025-05-01" in info
    assert dialog.event_type() == "final_denial_received"
    assert dialog.field("reasons").checked_ids() == REASONS  # the reasons come along
    save(qtbot, dialog)
    assert dialog.problem_text() == ""
    (final,) = recorded
    assert final.type == "final_denial_received" and final.date == date(2025, 6, 7)
    assert final.data["reasons"] == REASONS and "appeal_window" not in final.data
    assert final.data["reference"] == "PA-2025-102934-Q"
    # once decided, the same appeal proposes no second final denial
    assert (
        propose_denied_event(None, store, PROFILE, case_id, ids["denial_letter"], dialogs) is None
    )
