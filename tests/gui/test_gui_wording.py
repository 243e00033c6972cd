"""The GUI's plain words: deadline bases without ids, core messages without CLI hints, file
names from the patient, and columns hidden by priority when a table is narrow."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTableView

from qalsody_desktop.core.storage.cases import CaseSummary
from qalsody_desktop.gui.case_list import BADGE_COLUMN, CaseListPanel
from qalsody_desktop.gui.wording import file_stem, gui_words, plain_basis


def test_basis_in_plain_words_keeps_dates_and_drops_ids():
    engine = (
        "final_denial_received event e1a2b3c4d5 (date 2025-06-30) + 120 calendar days "
        "(rule nc_external_fully_insured) (the earlier, safe date); N.C. Gen. Stat. counts from "
        "final_denial_received event e9f8e7d6c5 (received 2025-07-02): 2025-10-30"
    )
    assert plain_basis(engine) == (
        "120 calendar days after the final denial letter (dated 2025-06-30) (the earlier, safe "
        "date); N.C. Gen. Stat. counts from the final denial letter (received 2025-07-02): "
        "2025-10-30"
    )
    derived = (
        "decision_expected 2025-07-17 (computed by rule pa_std from submitted event "
        "e0123456789) - 2 business days, moved past weekends and holidays (rule r_1)"
    )
    assert plain_basis(derived) == (
        "2 business days before decision expected 2025-07-17, moved past weekends and holidays"
    )
    assert plain_basis("no time limit") == "no time limit"  # anything else passes unchanged


def test_core_messages_lose_their_command_line_alternative():
    assert (
        gui_words(
            "clinic settings are not set (Edit > Clinic settings, or qalsody-pa clinic set):"
            " no logo"
        )
        == "clinic settings are not set (Edit > Clinic settings): no logo"
    )
    assert (
        gui_words(
            "no denial is recorded for the case: add a 'denied' event or give the denial "
            "(--denial-reason, --denial-date, --denial-ref)"
        )
        == "no denial is recorded for the case: add a 'denied' event on the Timeline"
    )
    assert gui_words("uncategorized ('other'): nobody has reviewed what it is").startswith(
        "no category (Other)"
    )


def test_suggested_file_names_come_from_the_patient_and_the_packet():
    today = date(2025, 7, 20).isoformat()
    assert file_stem("O'Neil-Ávila, José", "Internal appeal", today) == (
        "O-Neil-Ávila-José-Internal-appeal-2025-07-20"
    )
    assert file_stem("", "") == "case"


def test_a_narrow_case_list_hides_member_id_and_mrn_before_name_and_deadlines(qtbot):
    panel = CaseListPanel()
    qtbot.addWidget(panel)
    stamp = "2025-07-01T10:00:00+00:00"
    panel.set_cases(
        [
            CaseSummary(
                id="c1",
                first_name="Maren",
                last_name="Lindqvist-Okafor",
                date_of_birth="1971-09-23",
                mrn="DEMO-558210",
                member_id="AMH7730142259",
                updated_at=stamp,
            )
        ],
        None,
    )
    panel.model.set_badges({"c1": "⚠ 2 overdue"})
    view: QTableView = panel.view
    panel.resize(1000, 300)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.fitter.hidden)  # wide: every column
    panel.resize(330, 300)
    qtbot.waitUntil(lambda: view.isColumnHidden(3))
    assert view.isColumnHidden(2)  # member ID, then MRN, go first
    assert not view.isColumnHidden(0) and not view.isColumnHidden(BADGE_COLUMN)
    # the scroll bars follow the new widths on the view's next layout pass
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible())
    assert view.columnWidth(0) >= view.sizeHintForColumn(0)  # the name is whole
