"""Event types map to the anchors the profile's rules count from; the checklist sees them."""

from __future__ import annotations

from datetime import date

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.checklist import MET, MISSING, evaluate_checklist
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.policy.kinds import EVENTS
from qalsody_desktop.core.tracking.anchors import ANCHOR_SOURCES, anchor_dates, event_anchors
from qalsody_desktop.core.tracking.events import Event, validate_event

PROFILE = load_default_profile()


def ev(kind: str, day: str, seq: int = 0, **data) -> Event:
    when, clean = validate_event(kind, day, data)
    return Event(f"e{seq}", "c1", kind, when, clean, created_at=f"t{seq:03d}")


def test_every_rule_anchor_has_an_event_that_gives_it():
    given = {s.anchor for s in ANCHOR_SOURCES}
    used = {r.from_event for r in PROFILE.deadlines}
    computed = {r.deadline for r in PROFILE.deadlines if r.deadline in EVENTS}
    assert used - computed <= given
    assert given <= set(EVENTS)


def test_letters_give_the_printed_date_and_the_day_received():
    anchors = anchor_dates(
        [
            ev("submitted", "2025-05-26"),
            ev("denied", "2025-06-07", 1, received="2025-06-12"),
            ev("appeal_filed", "2025-07-01", 2),
            ev("final_denial_received", "2025-08-01", 3),
            ev("external_review_accepted", "2025-09-02", 4, received="2025-09-05"),
            ev("approved", "2025-10-01", 5, valid_to="2026-03-31"),
        ]
    )
    got = {name: a.date.isoformat() for name, a in anchors.items()}
    assert got == {
        "pa_submitted": "2025-05-26",
        "denial_notice_date": "2025-06-07",
        "denial_notice_received": "2025-06-12",
        "internal_appeal_submitted": "2025-07-01",
        "reconsideration_submitted": "2025-07-01",
        "final_denial_date": "2025-08-01",
        # no receipt date recorded: the letter date, which is earlier
        "final_denial_received": "2025-08-01",
        "external_review_accepted_received": "2025-09-05",
        "approval_date": "2025-10-01",
        "approval_valid_to": "2026-03-31",
    }


def test_the_latest_event_gives_the_anchor_whatever_order_it_was_recorded_in():
    anchors = anchor_dates([ev("submitted", "2025-09-01", 2), ev("submitted", "2025-06-02", 1)])
    assert anchors["pa_submitted"].date == date(2025, 9, 1)
    assert anchors["pa_submitted"].event_id == "e2"


def test_only_an_adverse_appeal_decision_is_a_final_denial():
    # no outcome recorded: it may be adverse, so its review window is shown, not missed
    assert "final_denial_received" in event_anchors([ev("appeal_decided", "2025-08-01")])
    assert "final_denial_received" in event_anchors(
        [ev("appeal_decided", "2025-08-01", outcome="upheld")]
    )
    assert event_anchors([ev("appeal_decided", "2025-08-01", outcome="overturned")]) == set()


def test_the_checklist_sees_the_submission(example_path):
    case = load_case_file(example_path)
    before = evaluate_checklist(case, [], PROFILE, today=date(2025, 6, 1))
    assert before.item("prior_authorization_submitted").status == MISSING
    anchors = sorted(event_anchors([ev("submitted", "2025-05-26")]))
    after = evaluate_checklist(case, [], PROFILE, events=anchors, today=date(2025, 6, 1))
    assert after.item("prior_authorization_submitted").status == MET
