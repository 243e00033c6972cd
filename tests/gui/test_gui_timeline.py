"""The Timeline tab: events through the dialog (add, edit, delete, undo) and the deadlines shown.

Every expected date is worked out by hand in the comments, never by calling the engine.
"""

from __future__ import annotations

import copy
from datetime import date

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QPushButton

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.gui.event_dialog import EventDialog
from qalsody_desktop.gui.task import SynchronousPool, TaskRunner
from qalsody_desktop.gui.timeline_fields import OptionalDate
from qalsody_desktop.gui.timeline_view import TimelinePanel

PROFILE = load_default_profile()


class Clock:
    def __init__(self, today: date):
        self.today = today

    def __call__(self) -> date:
        return self.today


@pytest.fixture
def clock() -> Clock:
    return Clock(date(2025, 2, 1))


@pytest.fixture
def case_id(store, example_path) -> str:
    return store.cases.create(load_case_file(example_path))  # fully insured, standard urgency


@pytest.fixture
def panel(qtbot, store, dialogs, case_id, clock):
    stack = QUndoStack()
    p = TimelinePanel(
        store, PROFILE, dialogs, TaskRunner(SynchronousPool()), undo_stack=stack, clock=clock
    )
    p.stack = stack  # kept alive with the panel
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    qtbot.waitExposed(p)
    p.set_case(case_id, store.cases.get(case_id).case)
    return p


def save_button(dialog: EventDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def save(qtbot, dialog: EventDialog) -> None:
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)


def type_into(qtbot, widget: QLineEdit, text: str) -> None:
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def choose(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def set_date(dialog: EventDialog, day: date) -> None:
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))


def click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selectionModel().selectedRows()[0].row() == row


def shown_deadlines(panel: TimelinePanel) -> dict[str, tuple[str, str]]:
    m = panel.deadlines.model
    return {d.id: (m.texts(i)[0], m.texts(i)[1]) for i, d in enumerate(m.deadlines)}


def add_submitted(qtbot, panel: TimelinePanel, day: date, ref: str = "CONF-1") -> EventDialog:
    qtbot.keyClick(
        panel.events_view,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    choose(dialog.type_combo, "submitted")
    set_date(dialog, day)
    choose(dialog.field("channel"), "fax")
    type_into(qtbot, dialog.field("reference"), ref)
    type_into(qtbot, dialog.field("to"), "Cigna specialty PA")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    return dialog


def test_adding_a_submission_then_a_denial_updates_the_deadlines(
    qtbot, panel, store, case_id, clock
):
    assert panel.deadlines.model.rowCount() == 0
    assert "No events yet" in panel.hint.text()
    assert not panel.deadlines.export_button.isEnabled()

    dialog = add_submitted(qtbot, panel, date(2025, 1, 20))
    assert dialog.result() == EventDialog.DialogCode.Accepted and dialog.saved is not None
    (event,) = EventRepository(store.db).list(case_id)
    assert event.type == "submitted" and event.date == date(2025, 1, 20)
    assert event.data == {"channel": "fax", "reference": "CONF-1", "to": "Cigna specialty PA"}
    assert panel.events_model.texts(0)[:3] == (
        "2025-01-20",
        "Request submitted (by fax)",
        "CONF-1",
    )
    # submitted Mon 2025-01-20: standard decision +15 calendar days = 2025-02-04 (the guide's
    # "15 business days" is corrected in the profile); first check +14 = 2025-02-03.
    # Today 2025-02-01: 3 and 2 days left, within a week.
    assert shown_deadlines(panel) == {
        "follow_up_check": ("2025-02-03", "due soon: in 2 days"),
        "pa_decision_expected": ("2025-02-04", "due soon: in 3 days"),
    }
    assert panel.deadlines.export_button.isEnabled()
    route = panel.deadlines.route.toPlainText()
    assert "fully insured" in route and "Smart NC" in route

    # the letter is dated Fri 2025-02-28 (no 29th in 2025); +180 calendar days:
    # Mar 31 (31), Apr 30 (61), May 31 (92), Jun 30 (122), Jul 31 (153), Aug 27 (180)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    choose(dialog.type_combo, "denied")
    assert dialog.date_label.text() == "&Letter date:"
    set_date(dialog, date(2025, 2, 28))
    received = dialog.field("received")
    assert isinstance(received, OptionalDate) and received.value() is None
    received.check.setChecked(True)
    received.edit.setDate(QDate(2025, 3, 4))
    reasons = dialog.field("reasons")
    for i in range(reasons.count()):
        if reasons.item(i).data(Qt.ItemDataRole.UserRole) == "insufficient_step_therapy":
            reasons.item(i).setCheckState(Qt.CheckState.Checked)
    clock.today = date(2025, 3, 5)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    denied = dialog.saved
    assert denied.data["reasons"] == ["insufficient_step_therapy"]
    assert denied.data["received"] == "2025-03-04" and denied.data["letter_date"] == "2025-02-28"

    shown = shown_deadlines(panel)
    # the decision came (a denial): both PA deadlines are done; 2025-03-05 to 2025-08-27 is
    # 26 + 30 + 31 + 30 + 31 + 27 = 175 days
    assert shown == {
        "follow_up_check": ("2025-02-03", "✓ done"),
        "pa_decision_expected": ("2025-02-04", "✓ done"),
        "internal_appeal_deadline": ("2025-08-27", "upcoming: in 175 days"),
    }
    assert panel.events_model.texts(0)[1] == "Denied (received 2025-03-04, 1 reason)"
    assert (
        "external review deadline: needs final denial received"
        in panel.deadlines.route.toPlainText()
    )


def test_overdue_is_said_in_words_and_coloured(qtbot, panel, clock):
    clock.today = date(2025, 2, 6)
    add_submitted(qtbot, panel, date(2025, 1, 20))
    m = panel.deadlines.model
    rows = {d.id: i for i, d in enumerate(m.deadlines)}
    pa = m.index(rows["pa_decision_expected"], 1)
    # due 2025-02-04, today 2025-02-06
    assert m.data(pa) == "⚠ OVERDUE by 2 days"
    assert m.data(pa, Qt.ItemDataRole.BackgroundRole).name() == "#ffd6d6"
    tip = m.data(pa, Qt.ItemDataRole.ToolTipRole)
    source = m.deadlines[rows["pa_decision_expected"]].source_title
    assert f"Source: {source}" in tip and "erisa_claims_rule" not in tip  # its title, not its id


def test_the_plan_type_as_edited_changes_the_route_without_saving(qtbot, panel, store, case_id):
    repo = EventRepository(store.db)
    repo.add(case_id, "denied", "2025-02-28")
    repo.add(case_id, "final_denial_received", "2025-06-30", {"received": "2025-07-02"})
    panel.reload()
    # fully insured: NC external review within 120 days of the notice date (2025-06-30):
    # Jul 31 (31), Aug 31 (62), Sep 30 (92), Oct 28 (120); the statute's date from receipt
    # (2025-07-02 -> 2025-10-30) is the basis note
    assert shown_deadlines(panel)["external_review_deadline"][0] == "2025-10-28"
    m = panel.deadlines.model
    row = [d.id for d in m.deadlines].index("external_review_deadline")
    assert "safe date" in m.texts(row)[3] and "received 2025-07-02): 2025-10-30" in m.texts(row)[3]
    assert "Smart NC" in panel.deadlines.route.toPlainText()
    edited = copy.deepcopy(store.cases.get(case_id).case)
    edited.insurance.plan_type = "self_funded_erisa"
    panel.set_case(case_id, edited)
    # self-funded ERISA: federal external review, 4 months from receipt = 2025-11-02
    assert shown_deadlines(panel)["external_review_deadline"][0] == "2025-11-02"
    route = panel.deadlines.route.toPlainText()
    assert "self funded erisa" in route and "federal external review" in route
    assert store.cases.get(case_id).case.insurance.plan_type == "fully_insured"


def test_fields_change_with_the_type_and_labels_say_what_they_are(qtbot, panel):
    dialog = panel.add_event()
    keys = {
        "submitted": {"channel", "to", "urgency", "reference", "time", "note"},
        "call": {"direction", "with", "representative", "outcome", "reference", "time", "note"},
        "approved": {"valid_from", "valid_to", "received", "reference", "note"},
        "denied": {"reasons", "received", "reference", "note"},
    }
    for kind, expected in keys.items():
        choose(dialog.type_combo, kind)
        assert set(dialog.editors) == expected, kind
    labels = {}
    for label in dialog.fields_box.findChildren(QLabel):
        labels[label.buddy().objectName()] = label.text().replace("&", "")
    assert labels["field_reference"] == "Reference number:"
    choose(dialog.type_combo, "approved")
    labels = {
        lb.buddy().objectName(): lb.text().replace("&", "")
        for lb in dialog.fields_box.findChildren(QLabel)
    }
    assert labels["field_reference"] == "Authorization number:"
    choose(dialog.type_combo, "submitted")
    labels = {
        lb.buddy().objectName(): lb.text().replace("&", "")
        for lb in dialog.fields_box.findChildren(QLabel)
    }
    assert labels["field_reference"] == "Confirmation number:"
    # what was typed survives a change of type
    type_into(qtbot, dialog.field("reference"), "X-77")
    choose(dialog.type_combo, "call")
    assert dialog.field("reference").text() == "X-77"
    dialog.reject()


def test_bad_input_is_shown_inline_and_nothing_is_saved(qtbot, panel, store, case_id):
    dialog = panel.add_event("approved")
    set_date(dialog, date(2025, 3, 3))
    valid_from, valid_to = dialog.field("valid_from"), dialog.field("valid_to")
    valid_from.set_value(date(2025, 3, 3))
    valid_to.set_value(date(2025, 3, 1))
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.problem_text().startswith("⚠ valid_to:")
    assert "2025-03-01 is not after the approval start 2025-03-03" in dialog.problem_text()
    assert dialog.focusWidget() is valid_to.edit
    assert EventRepository(store.db).list(case_id) == []

    valid_to.set_value(date(2025, 9, 2))
    type_into(qtbot, dialog.field("reference"), "AUTH-99")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.problem_text() == ""
    (event,) = EventRepository(store.db).list(case_id)
    assert event.data == {
        "valid_from": "2025-03-03",
        "valid_to": "2025-09-02",
        "reference": "AUTH-99",
    }

    dialog = panel.add_event("submitted")
    type_into(qtbot, dialog.field("time"), "25:10")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem_text() == "⚠ time: '25:10' is not a time HH:MM (24-hour)"
    assert dialog.focusWidget() is dialog.field("time")
    dialog.reject()
    assert len(EventRepository(store.db).list(case_id)) == 1


def test_edit_through_the_dialog_and_clear_a_date(qtbot, panel, store, case_id):
    repo = EventRepository(store.db)
    event = repo.add(
        case_id, "approved", "2025-03-03", {"valid_to": "2025-09-02", "reference": "AUTH-1"}
    )
    panel.reload()
    click_row(qtbot, panel.events_view, 0)
    qtbot.keyClick(panel.events_view, Qt.Key.Key_Return)  # Enter edits
    dialog = panel.dialog
    assert dialog is not None and dialog.editing is not None
    assert not dialog.type_combo.isEnabled()
    assert dialog.field("valid_to").value() == date(2025, 9, 2)
    dialog.field("valid_to").check.setChecked(False)  # not set any more
    type_into(qtbot, dialog.field("reference"), "AUTH-2")
    set_date(dialog, date(2025, 3, 4))
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    stored = repo.get(event.id)
    assert stored.date == date(2025, 3, 4)
    assert stored.data == {"reference": "AUTH-2"}
    # without a stated end: approval +6 months = 2025-09-04, renewal 30 days before = 08-05
    assert shown_deadlines(panel)["renewal_due"][0] == "2025-08-05"
    assert panel.events_model.texts(0)[2] == "AUTH-2"


def test_delete_asks_then_undo_and_redo(qtbot, panel, store, case_id, dialogs):
    changed = []
    panel.changed.connect(lambda: changed.append(1))
    add_submitted(qtbot, panel, date(2025, 1, 20))
    repo = EventRepository(store.db)
    (event,) = repo.list(case_id)
    click_row(qtbot, panel.events_view, 0)

    dialogs.confirm_answers = [False]
    qtbot.keyClick(panel.events_view, Qt.Key.Key_Delete)
    assert len(repo.list(case_id)) == 1 and "Request submitted" in dialogs.confirmed[-1]

    dialogs.confirm_answers = [True]
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert repo.list(case_id) == [] and panel.events_model.rowCount() == 0
    assert panel.deadlines.model.rowCount() == 0
    assert panel.stack.canUndo() and "Request submitted of 2025-01-20" in panel.stack.undoText()

    panel.stack.undo()
    (back,) = repo.list(case_id)
    assert back == event  # same id, data and timestamps
    assert panel.deadlines.model.rowCount() == 2
    panel.stack.redo()
    assert repo.list(case_id) == []
    panel.stack.undo()
    assert [e.id for e in repo.list(case_id)] == [event.id]
    actions = [
        a
        for (a,) in store.db.conn.execute(
            "SELECT action FROM audit WHERE case_id = ? AND action LIKE 'event_%' ORDER BY id",
            (case_id,),
        )
    ]
    assert actions == [
        "event_added",
        "event_deleted",
        "event_restored",
        "event_deleted",
        "event_restored",
    ]
    assert len(changed) == 5  # added, deleted, undone, redone, undone
    assert dialogs.errors == []


def test_ics_export_has_every_open_deadline(qtbot, panel, dialogs, tmp_path, clock):
    add_submitted(qtbot, panel, date(2025, 1, 20))
    panel.repo.add(panel.case_id, "approved", "2025-03-03", {"valid_to": "2025-09-02"})
    panel.reload()
    open_ids = {d.id: d for d in panel.report.deadlines if d.status != "done"}
    # approved: the PA deadlines are done; renewal 30 days before 2025-09-02 = 2025-08-03
    assert set(open_ids) == {"renewal_due"}
    panel.repo.add(panel.case_id, "submitted", "2025-08-10")  # the renewal request
    panel.reload()
    open_ids = {d.id: d for d in panel.report.deadlines if d.status != "done"}
    # renewal sent 2025-08-10: its decision +15 = 2025-08-25, first check +14 = 2025-08-24
    assert {k: v.due_date for k, v in open_ids.items()} == {
        "pa_decision_expected": date(2025, 8, 25),
        "follow_up_check": date(2025, 8, 24),
    }
    dialogs.save_paths = [tmp_path / "cal"]  # no suffix: .ics is added
    qtbot.keyClick(
        panel.events_view,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    path = tmp_path / "cal.ics"
    cal = Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    starts = {str(e["categories"].cats[1]): e.decoded("dtstart") for e in events}
    assert starts == {
        "pa_decision_expected": date(2025, 8, 25),
        "follow_up_check": date(2025, 8, 24),
    }
    assert all(panel.case_id in str(e["summary"]) for e in events)
    assert dialogs.errors == []

    dialogs.save_paths = [None]  # cancelled: nothing written, nothing said
    assert panel.export_calendar() is None
    (tmp_path / "a-file").write_text("not a folder")
    dialogs.save_paths = [tmp_path / "a-file" / "x.ics"]
    assert panel.export_calendar() is None
    assert dialogs.errors and "x.ics was not written" in dialogs.errors[-1][1]


def test_no_case_means_nothing_to_do(qtbot, store, dialogs, clock):
    p = TimelinePanel(store, PROFILE, dialogs, clock=clock)
    qtbot.addWidget(p)
    p.set_case(None, None)
    assert not p.add_button.isEnabled() and p.add_event() is None
    assert p.hint.text() == "No case open."
    from qalsody_desktop.core.model import Case

    p.set_case(None, Case())
    assert "Save the case first" in p.hint.text()


def test_controls_have_names_mnemonics_and_shortcuts(qtbot, panel):
    for button in panel.findChildren(QPushButton):
        assert "&" in button.text(), button.text()
    assert panel.add_action.shortcut().toString() == "Ctrl+Shift+E"
    assert panel.deadlines.export_action.shortcut().toString() == "Ctrl+Shift+K"
    for view in (panel.events_view, panel.deadlines.view, panel.deadlines.route):
        assert view.accessibleName()
    dialog = panel.add_event("call")
    for kind in ("submitted", "call", "approved", "denied", "appeal_decided"):
        choose(dialog.type_combo, kind)
        for key, editor in dialog.editors.items():
            assert editor.widget.accessibleName(), key
        mnemonics = [
            lb.text()[lb.text().index("&") + 1].lower()
            for lb in dialog.fields_box.findChildren(QLabel)
        ]
        assert len(mnemonics) == len(set(mnemonics)) == len(dialog.editors), kind
    dialog.reject()


def test_editing_keeps_what_the_dialog_does_not_show(qtbot, panel, store, case_id):
    repo = EventRepository(store.db)
    manifest = {"files": ["01-cover.pdf", "02-letter.pdf"], "pages": 14}
    event = repo.add(case_id, "submitted", "2025-01-20", {"export_id": "x1", "manifest": manifest})
    panel.reload()
    panel.events_view.selectRow(0)
    dialog = panel.edit_selected()
    assert "export_id" not in dialog.editors and "manifest" not in dialog.editors
    type_into(qtbot, dialog.field("reference"), "CONF-9")
    save(qtbot, dialog)
    assert repo.get(event.id).data == {
        "export_id": "x1",
        "manifest": manifest,
        "reference": "CONF-9",
    }


def test_undo_drops_the_link_to_a_file_removed_meanwhile(
    qtbot, panel, store, case_id, example_dict, tmp_path
):
    from qalsody_desktop.core.evidence.attach import Attacher
    from qalsody_desktop.core.synthetic import identity_from_case, make_document

    letter = tmp_path / "approval.pdf"
    letter.write_bytes(
        make_document("denial_letter", identity_from_case(example_dict), example_dict)
    )
    (outcome,) = Attacher(store, PROFILE).attach(case_id, [letter])
    repo = EventRepository(store.db)
    event = repo.add(case_id, "denied", "2025-02-28", {"attachments": [outcome.attachment_id]})
    panel.reload()
    assert panel.events_model.texts(0)[4] == "approval.pdf"
    panel.events_view.selectRow(0)
    panel.dialogs.confirm_answers = [True]
    panel.delete_selected()
    store.attachments.remove(outcome.attachment_id)
    panel.stack.undo()
    back = repo.get(event.id)
    assert back.attachments == [] and back.created_at == event.created_at
    assert panel.dialogs.errors == []


def test_tab_order_follows_the_form(qtbot, panel):
    dialog = panel.add_event("call")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.type_combo.setFocus()
    seen: list[str] = []
    while len(seen) < 10:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        widget = dialog.focusWidget()
        while widget.objectName().startswith("qt_"):  # a date edit's inner line edit
            widget = widget.parentWidget()
        name = widget.objectName() or widget.text()
        if not seen or seen[-1] != name:  # Tab steps through a date's day, month, year first
            seen.append(name)
    assert seen == [
        "eventDate",
        "field_direction",
        "field_with",
        "field_representative",
        "field_outcome",
        "field_reference",
        "field_time",
        "field_note",
        "Save",
        "Cancel",
    ]
    dialog.reject()


def test_set_case_without_the_case_reads_the_stored_one(qtbot, store, dialogs, case_id, clock):
    EventRepository(store.db).add(case_id, "submitted", "2025-01-20")
    p = TimelinePanel(store, PROFILE, dialogs, clock=clock)
    qtbot.addWidget(p)
    p.set_case(case_id, None)
    assert p.report is not None and p.report.plan_type == "fully_insured"
    p.set_case(case_id, None)  # again, e.g. after a save: still shown
    assert p.deadlines.model.rowCount() == 2 and p.hint.isHidden()
