"""Statuses (upcoming, due soon, overdue, done), the follow-up cadence, the window a letter
states, and the route explanation per plan type."""

from __future__ import annotations

from datetime import date

import pytest

from qalsody_desktop.core.model import Case, Insurance, Request
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.tracking.deadlines import (
    DONE,
    DUE_SOON,
    OVERDUE,
    UPCOMING,
    compute_deadlines,
    status_for,
)
from qalsody_desktop.core.tracking.events import Event, validate_event

PROFILE = load_default_profile()


def ev(kind: str, day: str, seq: int = 0, **data) -> Event:
    when, clean = validate_event(kind, day, data)
    return Event(f"e{seq}-{kind}", "c1", kind, when, clean, created_at=f"t{seq:03d}")


def report(plan_type, events, today, urgency="standard", state="NC"):
    case = Case(
        insurance=Insurance(plan_type=plan_type, state=state), request=Request(urgency=urgency)
    )
    return compute_deadlines(case, events, PROFILE, today=today)


def one(rep, deadline_id):
    (found,) = [d for d in rep.deadlines if d.id == deadline_id]
    return found


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 11), OVERDUE),  # one day after
        (date(2026, 3, 10), DUE_SOON),  # the day itself
        (date(2026, 3, 3), DUE_SOON),  # 7 days ahead: the last day of "soon"
        (date(2026, 3, 2), UPCOMING),  # 8 days ahead
    ],
)
def test_status_thresholds(today, expected):
    assert status_for(date(2026, 3, 10), today) == expected


def test_the_same_deadline_moves_through_its_statuses():
    events = [ev("denied", "2025-09-01")]

    def appeal(today):
        return one(report("fully_insured", events, today), "internal_appeal_deadline")

    # 2025-09-01 + 180: Sep 2..30 = 29, Oct 31 (60), Nov 30 (90), Dec 31 (121), Jan 31 (152),
    # Feb 28 (180) -> 2026-02-28
    assert appeal(date(2025, 9, 2)).to_json()["due"] == "2026-02-28"
    assert appeal(date(2026, 2, 20)).status == UPCOMING  # 8 days left
    assert appeal(date(2026, 2, 21)).status == DUE_SOON  # 7 days left
    assert appeal(date(2026, 3, 1)).status == OVERDUE
    events.append(ev("appeal_filed", "2026-02-27", 1))
    done = appeal(date(2026, 3, 1))
    assert done.status == DONE and done.done_by == "e1-appeal_filed"


def test_a_decision_closes_the_pa_clock_and_the_follow_up():
    events = [ev("submitted", "2025-06-02"), ev("denied", "2025-06-13", 1)]
    rep = report("fully_insured", events, date(2025, 7, 1))
    assert one(rep, "pa_decision_expected").status == DONE
    assert one(rep, "follow_up_check").status == DONE
    assert one(rep, "internal_appeal_deadline").status == UPCOMING
    assert [d.id for d in rep.open] == ["internal_appeal_deadline"]


def test_follow_up_week_three_then_weekly_after_each_contact():
    submitted = ev("submitted", "2025-12-22")
    # first check: + 14 = 2026-01-05; no call yet on 01-07 -> overdue
    first = one(report("fully_insured", [submitted], date(2026, 1, 7)), "follow_up_check")
    assert (first.to_json()["due"], first.status) == ("2026-01-05", OVERDUE)
    # a call on 01-06 moves it to the next weekly slot after it: 01-05 + 7 = 01-12
    called = [submitted, ev("call", "2026-01-06", 1, outcome="still in review")]
    nxt = one(report("fully_insured", called, date(2026, 1, 7)), "follow_up_check")
    assert (nxt.to_json()["due"], nxt.status) == ("2026-01-12", DUE_SOON)
    # a call on 01-20 (after the 01-19 slot): next slot 01-26
    later = [*called, ev("call", "2026-01-20", 2)]
    assert (
        one(report("fully_insured", later, date(2026, 1, 21)), "follow_up_check").to_json()["due"]
        == "2026-01-26"
    )


def test_renewal_is_done_only_by_a_submission_after_the_approval():
    events = [
        ev("submitted", "2026-03-02"),
        ev("approved", "2026-03-02", 1, valid_to="2026-09-01"),
    ]
    # 2026-09-01 - 30 days: Aug 2 (Sep 1 - 1 = Aug 31, - 29 more = Aug 2)
    renewal = one(report("fully_insured", events, date(2026, 7, 1)), "renewal_due")
    assert (renewal.to_json()["due"], renewal.status) == ("2026-08-02", UPCOMING)
    events.append(ev("submitted", "2026-07-20", 2))
    assert one(report("fully_insured", events, date(2026, 7, 21)), "renewal_due").status == DONE


def test_a_shorter_window_stated_in_the_letter_wins():
    window = {"amount": 60, "unit": "days", "from": "receipt", "sentence": "within 60 days"}
    denied = ev("denied", "2025-06-02", received="2025-06-05", appeal_window=window)
    deadline = one(report("fully_insured", [denied], date(2025, 6, 6)), "internal_appeal_deadline")
    # receipt 06-05 + 60: Jun 6..30 = 25, Jul 31 (56), Aug 4 -> 60 = 2025-08-04 (rule: 11-29)
    assert deadline.to_json()["due"] == "2025-08-04"
    assert "letter states 60 days" in deadline.basis
    longer = dict(window, amount=240)
    denied = ev("denied", "2025-06-02", received="2025-06-05", appeal_window=longer)
    deadline = one(report("fully_insured", [denied], date(2025, 6, 6)), "internal_appeal_deadline")
    # the rule's 180 days from the letter date: Jun 3..30 = 28, Jul (59), Aug (90), Sep (120),
    # Oct (151), Nov 29 -> 180 = 2025-11-29
    assert (
        deadline.to_json()["due"] == "2025-11-29" and deadline.rule_id == "internal_appeal_deadline"
    )


def test_a_letter_window_stands_in_where_no_rule_covers_the_plan_type():
    window = {"amount": 60, "unit": "days", "from": "letter_date"}
    denied = ev("denied", "2025-12-15", received="2025-12-19", appeal_window=window)
    deadline = one(report("medicaid", [denied], date(2025, 12, 20)), "internal_appeal_deadline")
    # letter date 12-15 + 60: Dec 16..31 = 16, Jan 31 (47), Feb 13 -> 60 = 2026-02-13
    assert (deadline.to_json()["due"], deadline.source) == ("2026-02-13", "denial_letter")
    assert "internal_appeal_deadline" not in {
        d.id for d in report("medicaid", [ev("denied", "2025-12-15")], date(2025, 12, 20)).deadlines
    }


def test_the_route_says_which_review_applies_and_why():
    nc = report("fully_insured", [], date(2025, 1, 1)).route
    assert [s["rule_id"] for s in nc.steps] == [
        "internal_appeal_deadline",
        "external_review_deadline_nc",
    ]
    assert "Smart NC" in nc.summary and nc.statements[0]["id"] == "nc_external_review"
    federal = report("self_funded_erisa", [], date(2025, 1, 1)).route
    assert "external_review_deadline_federal" in federal.summary
    assert any(
        m["deadline"] == "external_review_extra_info_deadline" for m in federal.not_applicable
    )
    ma = report("medicare_advantage", [], date(2025, 1, 1)).route
    assert "Medicare Advantage reconsideration" in ma.summary
    assert "next level: Independent Review Entity decision awaited" in ma.summary
    assert "nothing to file" in ma.summary
    assert "Independent Review Entity" in ma.steps[0]["note"]
    medicaid = report("medicaid", [], date(2025, 1, 1)).route
    assert medicaid.steps == [] and "denial letter" in medicaid.summary
    unset = report(None, [], date(2025, 1, 1)).route
    assert any("plan type not set" in w for w in unset.warnings)
    other_state = report("fully_insured", [], date(2025, 1, 1), state="SC").route
    assert any("SC" in w for w in other_state.warnings)


def test_a_rule_waits_for_its_event_and_anchors_explain_themselves():
    rep = report("fully_insured", [ev("submitted", "2025-06-02")], date(2025, 6, 3))
    waiting = {w["id"]: w["needs"] for w in rep.waiting}
    assert waiting["internal_appeal_deadline"] == "denial_notice_date"
    assert waiting["external_review_deadline"] == "final_denial_received"
    assert rep.to_json()["anchors"]["pa_submitted"]["date"] == "2025-06-02"
