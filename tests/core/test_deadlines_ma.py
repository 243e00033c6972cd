"""Medicare Advantage, Qalsody being a Part B drug: organization determination 72 h standard /
24 h expedited, reconsideration 7 days / 72 h, the 60-day request window, and the Independent
Review Entity's decision tracked as awaited (no sourced time limit, so no date).

Every expected date is worked out by hand in the comment beside it, never by the engine.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from icalendar import Calendar

from qalsody_desktop.cli import main
from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.model import Case, Insurance, Request
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.core.tracking.dashboard import case_badges, open_deadlines
from qalsody_desktop.core.tracking.deadlines import (
    AWAITING,
    DONE,
    DUE_SOON,
    Deadline,
    compute_deadlines,
)
from qalsody_desktop.core.tracking.events import Event, validate_event
from qalsody_desktop.core.tracking.ics import deadlines_calendar

PROFILE = load_default_profile()
MA = "medicare_advantage"


def ev(kind: str, day: str, seq: int = 0, **data) -> Event:
    when, clean = validate_event(kind, day, data)
    return Event(f"e{seq}-{kind}", "c1", kind, when, clean, created_at=f"t{seq:03d}")


def report(events, urgency="standard", today=date(2026, 1, 2), plan=MA):
    case = Case(insurance=Insurance(plan_type=plan, state="NC"), request=Request(urgency=urgency))
    return compute_deadlines(case, events, PROFILE, today=today)


def one(events, deadline_id, **kw) -> Deadline:
    found = [d for d in report(events, **kw).deadlines if d.id == deadline_id]
    assert len(found) == 1, [d.id for d in report(events, **kw).deadlines]
    return found[0]


# -- organization determination (the PA request) ---------------------------------------------


def test_standard_request_is_decided_within_72_hours_of_the_recorded_time():
    sent = ev("submitted", "2026-03-27", time="16:40")  # a Friday afternoon
    d = one([sent], "pa_decision_expected", today=date(2026, 3, 28))
    # 03-27 16:40 + 72 h = 03-30 16:40 (hours run through the weekend)
    assert d.due == datetime(2026, 3, 30, 16, 40)
    assert d.to_json()["due"] == "2026-03-30T16:40" and d.due_label == "2026-03-30 16:40"
    assert d.rule_id == "ma_org_determination_standard" and d.unit == "hours"
    assert d.source == "cms_ma_part_b_drug_timeframes" and d.source_status == "verified"
    assert "+ 72 hours" in d.basis and d.status == DUE_SOON


def test_standard_request_without_a_time_shows_the_day_it_ends_and_says_so():
    d = one([ev("submitted", "2026-03-27")], "pa_decision_expected")
    # 72 h = 3 whole days: 03-28, 03-29, 03-30
    assert d.due == date(2026, 3, 30)
    assert "no time of day recorded" in d.basis


def test_an_expedited_request_gets_a_24_hour_decision_deadline():
    # the issue: an MA expedited request got no decision deadline at all
    sent = ev("submitted", "2026-12-31", time="22:15", urgency="expedited")
    d = one([sent], "pa_decision_expected")
    # 12-31 22:15 + 24 h = 2027-01-01 22:15 (New Year's Day: hours do not skip holidays)
    assert d.due == datetime(2027, 1, 1, 22, 15)
    assert d.rule_id == "ma_org_determination_expedited" and "+ 24 hours" in d.basis


def test_the_case_urgency_applies_when_the_submission_does_not_say():
    d = one([ev("submitted", "2026-02-28")], "pa_decision_expected", urgency="expedited")
    # 24 h from a day with no time: the next day, 2026-03-01 (2026 is not a leap year)
    assert (d.due, d.rule_id) == (date(2026, 3, 1), "ma_org_determination_expedited")


def test_the_decision_clock_is_done_once_the_plan_decides():
    events = [ev("submitted", "2026-03-27", time="16:40"), ev("denied", "2026-03-30", 1)]
    d = one(events, "pa_decision_expected", today=date(2026, 4, 2))
    assert d.status == DONE and d.done_by == "e1-denied"


def test_the_part_b_drug_rules_are_in_force_from_2020_only():
    # before 2020-01-01 the profile holds no Part B drug version: nothing rather than a guess
    early = report([ev("submitted", "2019-12-31")], today=date(2020, 1, 1))
    assert "pa_decision_expected" not in {d.id for d in early.deadlines}
    d = one([ev("submitted", "2020-01-01")], "pa_decision_expected", today=date(2020, 1, 1))
    assert d.due == date(2020, 1, 4)  # 01-01 + 3 days


# -- reconsideration -------------------------------------------------------------------------


def test_reconsideration_request_is_60_days_from_the_notice_date():
    denied = ev("denied", "2026-01-15", received="2026-01-20")
    d = one([denied], "internal_appeal_deadline")
    # from the date of the notice, not receipt: Jan 16..31 = 16, Feb = 28 (44), Mar 16 -> 60
    assert d.due == date(2026, 3, 16) and d.rule_id == "ma_reconsideration_deadline"


def test_standard_reconsideration_is_decided_within_7_days():
    filed = ev("appeal_filed", "2026-03-10")
    d = one([filed], "internal_appeal_decision_expected")
    assert d.due == date(2026, 3, 17)  # 03-10 + 7 calendar days
    assert d.rule_id == "ma_reconsideration_decision_standard"
    assert d.source == "cms_ma_part_b_drug_timeframes"


def test_expedited_reconsideration_is_decided_within_72_hours():
    filed = ev("appeal_filed", "2026-03-10", time="09:00", urgency="expedited")
    d = one([filed], "internal_appeal_decision_expected")
    assert d.due == datetime(2026, 3, 13, 9, 0)  # 03-10 09:00 + 72 h
    assert d.rule_id == "ma_reconsideration_decision_expedited"


# -- the Independent Review Entity ---------------------------------------------------------------


def ma_timeline(outcome: str | None = "upheld") -> list[Event]:
    data = {"outcome": outcome} if outcome else {}
    return [
        ev("submitted", "2026-01-05", 0),
        ev("denied", "2026-01-07", 1),
        ev("appeal_filed", "2026-01-20", 2),
        ev("appeal_decided", "2026-01-26", 3, **data),
    ]


def test_an_unfavourable_reconsideration_is_awaited_at_the_ire_with_no_invented_date():
    rep = report(ma_timeline(), today=date(2026, 2, 1))
    (ire,) = [d for d in rep.deadlines if d.id == "ire_decision_expected"]
    assert ire.due is None and ire.due_date is None and ire.days_left(rep.today) is None
    assert ire.status == AWAITING and ire.due_label == "awaited"
    assert ire.rule_id == "ma_ire_decision" and "e3-appeal_decided" in ire.basis
    assert "no time limit" in ire.basis and "automatically" in ire.note
    assert ire.to_json()["due"] is None
    assert rep.deadlines[-1] is ire  # after every dated deadline
    assert ire in rep.open and ire not in rep.dated_open
    # there is nothing to request: no external review deadline for Medicare Advantage
    assert "external_review_deadline" not in {d.id for d in rep.deadlines}


def test_the_ire_wait_ends_with_its_decision_and_never_starts_after_a_win():
    decided = [*ma_timeline(), ev("external_review_decided", "2026-03-02", 4, outcome="upheld")]
    (ire,) = [d for d in report(decided).deadlines if d.id == "ire_decision_expected"]
    assert ire.status == DONE and ire.done_by == "e4-external_review_decided"
    won = report(ma_timeline("overturned")).deadlines
    assert "ire_decision_expected" not in {d.id for d in won}
    # with no outcome recorded the decision may be adverse: the wait is shown, not missed
    unknown = report(ma_timeline(None)).deadlines
    assert "ire_decision_expected" in {d.id for d in unknown}


def test_the_awaited_decision_is_not_for_other_plan_types():
    rep = report(ma_timeline(), plan="fully_insured")
    assert "ire_decision_expected" not in {d.id for d in rep.deadlines}


def test_the_calendar_holds_timed_and_dated_deadlines_but_not_the_awaited_one():
    events = [*ma_timeline(), ev("submitted", "2026-01-27", 5, time="10:30")]  # a new request
    rep = report(events, today=date(2026, 1, 28))
    cal = Calendar.from_ical(deadlines_calendar("c1", rep.deadlines).to_ical())
    starts = {str(e["UID"]).split("-", 1)[1]: e.decoded("DTSTART") for e in cal.walk("VEVENT")}
    # 01-27 10:30 + 72 h = 01-30 10:30, at its time, not all day
    assert starts["ma_org_determination_standard@qalsody-pa-desk"] == datetime(2026, 1, 30, 10, 30)
    assert not any("ma_ire_decision" in uid for uid in starts)


def test_dashboard_lists_the_awaited_decision_last_and_the_badge_ignores_it(store, example_path):
    base = load_case_file(example_path)
    base.insurance.plan_type = MA
    repo = EventRepository(store.db)
    awaiting = store.cases.create(base)
    for e in ma_timeline():
        repo.add(awaiting, e.type, e.date, dict(e.data))
    dated = store.cases.create(base)
    repo.add(dated, "denied", "2026-01-07")  # + 60 = 2026-03-08
    rows = open_deadlines(store, PROFILE, today=date(2026, 2, 1))
    got = [(r.case_id, r.deadline.id, r.deadline.to_json()["due"]) for r in rows]
    assert got == [
        (dated, "internal_appeal_deadline", "2026-03-08"),
        (awaiting, "ire_decision_expected", None),
    ]
    badges = case_badges(rows)
    assert badges[awaiting].next_due is None and badges[awaiting].overdue == 0
    assert badges[dated].next_due == date(2026, 3, 8)


@pytest.fixture
def ma_case(capsys, example_dict, tmp_path):
    example_dict["insurance"]["plan_type"] = MA
    example_dict["request"]["urgency"] = "expedited"
    path = tmp_path / "ma-case.json"
    path.write_text(json.dumps(example_dict), encoding="utf-8")
    assert main(["--json", "case", "import", str(path)]) == 0
    return json.loads(capsys.readouterr().out)["case_id"]


def test_cli_shows_the_hour_deadline_and_the_awaited_decision(capsys, ma_case, tmp_path):
    for args in (
        ["--type", "submitted", "--date", "2026-01-05", "--time", "08:30"],
        ["--type", "denied", "--date", "2026-01-06"],
        ["--type", "appeal_filed", "--date", "2026-01-08", "--time", "11:00"],
        ["--type", "appeal_decided", "--date", "2026-01-10", "--outcome", "upheld"],
    ):
        assert main(["event", ma_case, "add", *args]) == 0
    capsys.readouterr()
    ics = tmp_path / "ma.ics"
    assert main(["deadlines", ma_case, "--today", "2026-01-12", "--ics", str(ics)]) == 0
    text = capsys.readouterr().out
    # expedited (the case's urgency): 01-05 08:30 + 24 h = 01-06 08:30 (decided that day);
    # reconsideration 01-08 11:00 + 72 h = 01-11 11:00 (decided 01-10)
    assert "2026-01-06 08:30" in text and "2026-01-11 11:00" in text
    assert "awaited" in text and "Independent Review Entity" in text
    assert "1 awaited decision(s) have no date: not in the calendar" in text
    assert main(["deadlines", ma_case, "--today", "2026-01-12", "--json"]) == 0
    listed = {d["id"]: d for d in json.loads(capsys.readouterr().out)}
    assert listed["pa_decision_expected"]["due"] == "2026-01-06T08:30"
    assert listed["pa_decision_expected"]["unit"] == "hours"
    assert listed["ire_decision_expected"]["due"] is None
    assert listed["ire_decision_expected"]["status"] == AWAITING
