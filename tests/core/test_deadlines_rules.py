"""Each deadline rule of the shipped profile, per plan type, on dates chosen to cross month and
year ends, leap days, weekends and federal holidays.

Every expected date is worked out by hand in the comment beside it, never by the engine.
"""

from __future__ import annotations

from datetime import date

import pytest

from qalsody_desktop.core.model import Case, Insurance, Request
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.tracking.deadlines import compute_deadlines
from qalsody_desktop.core.tracking.events import Event, validate_event

PROFILE = load_default_profile()
TODAY = date(2025, 1, 2)  # before every scenario: statuses here are all upcoming/due soon


def ev(kind: str, day: str, seq: int = 0, **data) -> Event:
    when, clean = validate_event(kind, day, data)
    return Event(f"e{seq}-{kind}", "c1", kind, when, clean, created_at=f"t{seq:03d}")


def case(plan_type: str | None, urgency: str = "standard") -> Case:
    return Case(
        insurance=Insurance(plan_type=plan_type, state="NC"), request=Request(urgency=urgency)
    )


def deadlines(plan_type, events, urgency="standard", today=TODAY):
    return compute_deadlines(case(plan_type, urgency), events, PROFILE, today=today).deadlines


def due(plan_type, events, deadline_id, urgency="standard") -> str:
    found = [d for d in deadlines(plan_type, events, urgency) if d.id == deadline_id]
    assert len(found) == 1, [d.id for d in deadlines(plan_type, events, urgency)]
    return found[0].to_json()["due"]


def ids(plan_type, events, urgency="standard") -> set[str]:
    return {d.id for d in deadlines(plan_type, events, urgency)}


# -- PA decision ---------------------------------------------------------------------------


@pytest.mark.parametrize("plan", ["fully_insured", "self_funded_erisa", "state_health_plan"])
def test_standard_pa_decision_is_15_calendar_days_across_the_year_end(plan):
    # submitted Sat 2025-12-20: Dec 21..31 = 11 days, Jan 1..4 = 4 -> 15 = Sun 2026-01-04
    # (calendar days: the weekend and the New Year holiday are counted, not skipped)
    assert due(plan, [ev("submitted", "2025-12-20")], "pa_decision_expected") == "2026-01-04"


def test_expedited_pa_decision_is_72_hours_over_a_leap_day():
    submitted = ev("submitted", "2028-02-27", time="15:30")
    # 2028-02-27 15:30 + 24h = 02-28, + 48h = 02-29 (leap day), + 72h = 03-01 15:30
    got = due("fully_insured", [submitted], "pa_decision_expected", urgency="expedited")
    assert got == "2028-03-01T15:30"


def test_expedited_without_a_time_counts_whole_days_and_follows_the_event_urgency():
    # the case says standard, the submission was sent expedited: the event wins
    submitted = ev("submitted", "2027-02-27", urgency="expedited")
    # 2027 is not a leap year: 02-27 + 3 days = 02-28, 03-01, 03-02
    assert due("self_funded_erisa", [submitted], "pa_decision_expected") == "2027-03-02"


def test_no_pa_decision_rule_for_medicaid():
    # Medicare Advantage has its own (Part B drug) rules: tests/core/test_deadlines_ma.py
    assert "pa_decision_expected" not in ids("medicaid", [ev("submitted", "2025-03-03")])


# -- Internal appeal -----------------------------------------------------------------------


@pytest.mark.parametrize("plan", ["fully_insured", "self_funded_erisa"])
def test_internal_appeal_is_180_days_from_the_letter_date_through_a_leap_year(plan):
    denied = ev("denied", "2028-01-15", received="2028-01-22")
    # from the letter date (the earlier, safe day): Jan 16..31 = 16, Feb = 29 (45),
    # Mar = 31 (76), Apr = 30 (106), May = 31 (137), Jun = 30 (167), Jul 13 -> 180
    assert due(plan, [denied], "internal_appeal_deadline") == "2028-07-13"


def test_internal_appeal_decision_standard_30_days_and_expedited_72_hours():
    filed = ev("appeal_filed", "2026-01-31")
    # Jan 31 + 28 days = Feb 28 (2026 not leap), + 2 = Mar 2
    assert due("fully_insured", [filed], "internal_appeal_decision_expected") == "2026-03-02"
    fast = ev("appeal_filed", "2025-12-30", urgency="expedited", time="09:00")
    # 2025-12-30 09:00 + 72h = 2026-01-02 09:00 (over the New Year)
    got = due("self_funded_erisa", [fast], "internal_appeal_decision_expected")
    assert got == "2026-01-02T09:00"


def test_state_health_plan_and_medicaid_have_no_internal_appeal_rule():
    for plan in ("state_health_plan", "medicaid"):
        assert "internal_appeal_deadline" not in ids(plan, [ev("denied", "2025-03-03")])


# -- Medicare Advantage reconsideration (its plan-level appeal) ----------------------------


def test_medicare_advantage_reconsideration_is_60_days_from_the_notice_date():
    denied = ev("denied", "2025-12-30", received="2026-01-05")
    # from the date of the notice, not receipt: Dec 31 = 1, Jan = 31 (32), Feb 28 -> 60
    assert due("medicare_advantage", [denied], "internal_appeal_deadline") == "2026-02-28"


def test_medicare_advantage_reconsideration_decision_7_days_or_72_hours():
    # Part B drug, standard: 2025-12-29 + 7 = Dec 30, 31, Jan 1, 2, 3, 4, 5 -> 2026-01-05
    filed = ev("appeal_filed", "2025-12-29")
    assert due("medicare_advantage", [filed], "internal_appeal_decision_expected") == "2026-01-05"
    fast = ev("appeal_filed", "2026-02-27", urgency="expedited")
    # 72 hours, no time recorded: Feb 28, Mar 1, Mar 2
    got = due("medicare_advantage", [fast], "internal_appeal_decision_expected")
    assert got == "2026-03-02"


def test_medicare_advantage_has_no_external_review_request_deadline():
    final = ev("final_denial_received", "2025-06-02")
    present = ids("medicare_advantage", [final, ev("external_review_requested", "2025-06-10")])
    assert not present & {
        "external_review_deadline",
        "external_review_extra_info_deadline",
        "external_review_decision_expected",
    }


# -- External review request ---------------------------------------------------------------


@pytest.mark.parametrize("plan", ["fully_insured", "state_health_plan"])
def test_nc_external_review_shows_the_notice_date_count_with_the_statute_as_basis(plan):
    final = ev("final_denial_received", "2025-10-01", received="2025-10-06")
    # NCDOI's notice language, from the notice date 10-01: Oct 2..31 = 30, Nov = 30 (60),
    # Dec = 31 (91), Jan 29 -> 120: 2026-01-29 (the earlier, safe date)
    assert due(plan, [final], "external_review_deadline") == "2026-01-29"
    (review,) = [d for d in deadlines(plan, [final]) if d.id == "external_review_deadline"]
    # the statute, from receipt 10-06: Oct 7..31 = 25, Nov = 30 (55), Dec = 31 (86),
    # Jan = 31 (117), Feb 3 -> 120: 2026-02-03, shown as the basis note
    assert [(o["due"], o["source"]) for o in review.other_counts] == [
        ("2026-02-03", "ncgs_58_50_80")
    ]
    assert "safe date" in review.basis and "received 2025-10-06" in review.basis
    assert "2026-02-03" in review.basis and "58-50-80" in review.basis


def test_nc_external_review_without_a_receipt_date_counts_from_the_letter_date():
    final = ev("final_denial_received", "2025-10-01")
    # Oct 2..31 = 30, Nov = 30 (60), Dec = 31 (91), Jan 29 -> 120: 2026-01-29
    assert due("fully_insured", [final], "external_review_deadline") == "2026-01-29"
    (review,) = [
        d for d in deadlines("fully_insured", [final]) if d.id == "external_review_deadline"
    ]
    assert "every count gives this day" in review.basis


def test_an_upheld_appeal_is_the_final_denial_for_external_review():
    upheld = ev("appeal_decided", "2026-02-27", outcome="upheld", received="2026-03-02")
    # from the notice date 02-27: Feb 28 = 1, Mar = 31 (32), Apr = 30 (62), May = 31 (93),
    # Jun 27 -> 120; the statute, from receipt 03-02: Mar 3..31 = 29, Apr (59), May (90), Jun 30
    assert due("fully_insured", [upheld], "external_review_deadline") == "2026-06-27"
    (review,) = [
        d for d in deadlines("fully_insured", [upheld]) if d.id == "external_review_deadline"
    ]
    assert review.other_counts[0]["due"] == "2026-06-30"
    overturned = ev("appeal_decided", "2026-02-27", outcome="overturned")
    assert "external_review_deadline" not in ids("fully_insured", [overturned])


FEDERAL = PROFILE.deadline("external_review_deadline_federal")
# The regulation's counting (first day of the next month; weekends and holidays moved) needs
# two optional rule fields the profile schema may not carry yet; until then the profile shows
# the earlier, safe day. Both sets of dates are worked out by hand below.
EXACT = bool(getattr(FEDERAL, "roll_forward", False))


def test_federal_external_review_is_4_months_from_receipt():
    final = ev("final_denial_received", "2025-06-09", received="2025-06-12")
    # 2025-06-12 + 4 months = Sun 2025-10-12; exact: Mon Oct 13 is Columbus Day -> Tue Oct 14
    expected = "2025-10-14" if EXACT else "2025-10-12"
    assert due("self_funded_erisa", [final], "external_review_deadline") == expected


def test_federal_external_review_at_a_month_end():
    # receipt 2025-10-31 + 4 months: there is no Feb 31. Safe: the month's last day 2026-02-28.
    # Exact: the first day of the fifth month, Sun 2026-03-01 -> Mon 2026-03-02
    final = ev("final_denial_received", "2025-10-31")
    expected = "2026-03-02" if EXACT else "2026-02-28"
    assert due("self_funded_erisa", [final], "external_review_deadline") == expected
    # receipt 2027-10-30 + 4 months: Feb 2028 has 29 days, no 30th. Safe: leap day 2028-02-29.
    # Exact: Wed 2028-03-01
    final = ev("final_denial_received", "2027-10-30")
    expected = "2028-03-01" if EXACT else "2028-02-29"
    assert due("self_funded_erisa", [final], "external_review_deadline") == expected


# -- External review: additional information and decision ---------------------------------


@pytest.mark.parametrize("plan", ["fully_insured", "state_health_plan"])
def test_seven_day_additional_information_window_from_receipt_of_acceptance(plan):
    accepted = ev("external_review_accepted", "2025-12-26", received="2025-12-29")
    # received 12-29 + 7 = Dec 30, 31, Jan 1 (holiday, counted), 2, 3, 4, 5 -> 2026-01-05
    assert due(plan, [accepted], "external_review_extra_info_deadline") == "2026-01-05"


def test_no_seven_day_window_outside_nc_external_review():
    accepted = ev("external_review_accepted", "2025-12-26")
    for plan in ("self_funded_erisa", "medicare_advantage", "medicaid"):
        assert "external_review_extra_info_deadline" not in ids(plan, [accepted])


def test_nc_external_review_decision_45_days_standard_3_days_expedited():
    requested = ev("external_review_requested", "2026-01-20")
    # Jan 21..31 = 11, Feb = 28 (39), Mar 6 -> 45: 2026-03-06
    assert due("fully_insured", [requested], "external_review_decision_expected") == "2026-03-06"
    fast = ev("external_review_requested", "2028-02-28", urgency="expedited")
    # 3 days: Feb 29 (leap), Mar 1, Mar 2
    got = due("state_health_plan", [fast], "external_review_decision_expected")
    assert got == "2028-03-02"


def test_federal_external_review_decision_45_days_or_72_hours():
    requested = ev("external_review_requested", "2025-11-20")
    # Nov 21..30 = 10, Dec = 31 (41), Jan 4 -> 45: 2026-01-04
    got = due("self_funded_erisa", [requested], "external_review_decision_expected")
    assert got == "2026-01-04"
    fast = ev("external_review_requested", "2025-12-31", urgency="expedited", time="17:00")
    # 2025-12-31 17:00 + 72h = 2026-01-03 17:00
    got = due("self_funded_erisa", [fast], "external_review_decision_expected")
    assert got == "2026-01-03T17:00"


# -- Follow-up cadence and renewal ---------------------------------------------------------


@pytest.mark.parametrize(
    "plan",
    ["fully_insured", "self_funded_erisa", "state_health_plan", "medicare_advantage", "medicaid"],
)
def test_follow_up_check_after_two_weeks_for_every_plan_type(plan):
    # submitted 2025-12-22 + 14 = Dec 23..31 (9) + Jan 1..5 (5) -> 2026-01-05
    assert due(plan, [ev("submitted", "2025-12-22")], "follow_up_check") == "2026-01-05"


def test_renewal_30_days_before_the_stated_end_of_approval_over_a_leap_day():
    approved = ev("approved", "2027-10-01", valid_to="2028-03-30")
    # 2028-03-30 - 29 days = 03-01, - 1 more = 2028-02-29 (leap day)
    assert due("medicaid", [approved], "renewal_due") == "2028-02-29"


def test_renewal_when_the_letter_gives_no_end_uses_six_months_clamped_to_month_end():
    approved = ev("approved", "2025-08-31")
    # 2025-08-31 + 6 months -> Feb 2026 has no 31st: 2026-02-28; - 30 days:
    # Feb 28 - 28 = Jan 31, - 2 more = 2026-01-29
    assert due("fully_insured", [approved], "renewal_due") == "2026-01-29"


def test_plan_type_unset_keeps_only_rules_for_every_plan_type():
    events = [ev("submitted", "2025-03-03"), ev("denied", "2025-03-20", 1)]
    assert ids(None, events) == {"follow_up_check"}


@pytest.mark.parametrize("final_type", ["final_denial_received", "appeal_decided"])
def test_with_two_denials_external_review_runs_from_the_final_one(final_type):
    extra = {"outcome": "upheld"} if final_type == "appeal_decided" else {}
    events = [
        ev("denied", "2026-01-05", 0, received="2026-01-08", reference="D-1"),
        ev("appeal_filed", "2026-02-01", 1),
        ev(final_type, "2026-03-02", 2, received="2026-03-05", reference="D-2", **extra),
    ]
    found = {d.id: d for d in deadlines("fully_insured", events, today=date(2026, 3, 6))}
    review = found["external_review_deadline"]
    # final notice 03-02 + 120: Mar 3..31 = 29, Apr = 30 (59), May = 31 (90), Jun 30 -> 120;
    # the statute from receipt 03-05: Mar 6..31 = 26, Apr (56), May (87), Jun (117), Jul 3
    assert review.to_json()["due"] == "2026-06-30"
    assert review.other_counts[0]["due"] == "2026-07-03"
    assert review.anchor.event_id == f"e2-{final_type}" and "e0-denied" not in review.basis
    # the first denial's appeal window was met by the appeal
    assert found["internal_appeal_deadline"].status == "done"
