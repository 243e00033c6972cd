"""A rule that changed: the profile keeps both versions with their effective dates, and the
engine applies the one in force on the day of the event it counts from.

The test profile is the shipped one with the standard PA decision rule split in two: the
guide's 15 business days until 2025-12-31, then 15 calendar days. Dates are worked by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from qalsody_desktop.core.model import Case, Insurance, Request
from qalsody_desktop.core.policy import ProfileError, default_profile_path, load_profile
from qalsody_desktop.core.policy.report import rules_html
from qalsody_desktop.core.tracking.deadlines import compute_deadlines
from qalsody_desktop.core.tracking.events import Event, validate_event
from qalsody_desktop.core.tracking.route import appeal_route

SHIPPED = default_profile_path().read_text(encoding="utf-8")
NEW_HEAD = '[[deadlines]]\nid = "pa_decision_standard"\n'
OLD_VERSION = """[[deadlines]]
id = "pa_decision_standard_2025"
deadline = "pa_decision_expected"
title = "Standard prior authorization decision expected (rule until 2025)"
plan_types = ["fully_insured", "self_funded_erisa", "state_health_plan"]
urgency = "standard"
from_event = "pa_submitted"
amount = 15
unit = "business_days"
effective_to = 2025-12-31
source = "guide"
status = "guide-only"

"""


def write(tmp_path: Path, text: str, name: str = "versions.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def profile(tmp_path):
    assert SHIPPED.count(NEW_HEAD) == 1
    text = SHIPPED.replace(NEW_HEAD, OLD_VERSION + NEW_HEAD + "effective_from = 2026-01-01\n")
    return load_profile(write(tmp_path, text))


def ev(kind: str, day: str, **data) -> Event:
    when, clean = validate_event(kind, day, data)
    return Event(f"e-{kind}", "c1", kind, when, clean, created_at="t000")


def decision(profile, submitted: str | None, today: date):
    case = Case(insurance=Insurance(plan_type="fully_insured", state="NC"), request=Request())
    events = [ev("submitted", submitted)] if submitted else []
    return compute_deadlines(case, events, profile, today=today)


def due_and_rule(profile, submitted: str) -> tuple[str, str]:
    rep = decision(profile, submitted, date(2026, 2, 1))
    (d,) = [d for d in rep.deadlines if d.id == "pa_decision_expected"]
    return d.to_json()["due"], d.rule_id


def test_a_request_made_under_the_old_rule_keeps_the_old_count(profile):
    # Fri 2025-09-19 + 15 business days: Sep 22-26 (5), Sep 29-Oct 3 (10), Oct 6-10 (15)
    assert due_and_rule(profile, "2025-09-19") == ("2025-10-10", "pa_decision_standard_2025")


def test_a_request_made_under_the_new_rule_gets_the_new_count(profile):
    # 2026-01-05 + 15 calendar days = 2026-01-20
    assert due_and_rule(profile, "2026-01-05") == ("2026-01-20", "pa_decision_standard")


def test_the_change_takes_effect_on_its_first_day_and_the_basis_names_the_version(profile):
    rep = decision(profile, "2026-01-01", date(2026, 1, 2))
    (d,) = [d for d in rep.deadlines if d.id == "pa_decision_expected"]
    assert d.to_json()["due"] == "2026-01-16"  # 01-01 + 15 calendar days
    assert "(rule pa_decision_standard)" in d.basis and d.source_status == "corrected"
    rep = decision(profile, "2025-12-31", date(2026, 1, 2))
    (d,) = [d for d in rep.deadlines if d.id == "pa_decision_expected"]
    assert "(rule pa_decision_standard_2025)" in d.basis and d.source_status == "guide-only"
    assert len([x for x in rep.deadlines if x.id == "pa_decision_expected"]) == 1


def test_a_rule_that_has_not_started_waits_under_the_version_in_force_today(profile):
    before = decision(profile, None, date(2025, 6, 1)).waiting
    after = decision(profile, None, date(2026, 6, 1)).waiting
    pick = [w["rule_id"] for w in before if w["id"] == "pa_decision_expected"]
    assert pick == ["pa_decision_standard_2025"]
    pick = [w["rule_id"] for w in after if w["id"] == "pa_decision_expected"]
    assert pick == ["pa_decision_standard"]


def test_letters_and_the_route_read_the_version_in_force_on_their_day(profile):
    old = profile.deadline_rules(
        "pa_decision_expected", "fully_insured", "standard", on=date(2025, 5, 1)
    )
    new = profile.deadline_rules(
        "pa_decision_expected", "fully_insured", "standard", on=date(2026, 5, 1)
    )
    assert [r.id for r in old] == ["pa_decision_standard_2025"]
    assert [r.id for r in new] == ["pa_decision_standard"]
    shipped = load_profile(default_profile_path())
    early = appeal_route(shipped, "medicare_advantage", "NC", on=date(2019, 6, 1))
    assert "ma_reconsideration_deadline" in early.summary  # no effective dates: always
    rules = {
        r.id
        for r in shipped.deadline_rules(
            "pa_decision_expected", "medicare_advantage", on=date(2019, 6, 1)
        )
    }
    assert rules == set()  # the Part B drug timeframes start 2020-01-01
    rules = {
        r.id
        for r in shipped.deadline_rules(
            "pa_decision_expected", "medicare_advantage", on=date(2026, 6, 1)
        )
    }
    assert rules == {"ma_org_determination_standard", "ma_org_determination_expedited"}


def test_the_rules_page_shows_when_each_version_applies(profile):
    html = rules_html(profile)
    assert "until 2025-12-31" in html and "from 2026-01-01" in html
    shipped = rules_html(load_profile(default_profile_path()))
    assert "Independent Review Entity decision awaited" in shipped
    assert "no time limit" in shipped


# -- the loader refuses versions that would give two dates -------------------------------------


def refused(tmp_path: Path, text: str) -> str:
    with pytest.raises(ProfileError) as info:
        load_profile(write(tmp_path, text, "broken.toml"))
    return str(info.value)


def test_two_versions_in_force_on_the_same_day_are_refused(tmp_path):
    overlapping = OLD_VERSION.replace("effective_to = 2025-12-31", "effective_to = 2026-01-01")
    text = SHIPPED.replace(NEW_HEAD, overlapping + NEW_HEAD + "effective_from = 2026-01-01\n")
    message = refused(tmp_path, text)
    assert "pa_decision_standard" in message and "pa_decision_standard_2025" in message
    assert "same plan type on the same days" in message
    unbounded = SHIPPED.replace(
        NEW_HEAD, OLD_VERSION.replace("effective_to = 2025-12-31\n", "") + NEW_HEAD
    )
    assert "same plan type on the same days" in refused(tmp_path, unbounded)


def test_an_effective_range_that_ends_before_it_starts_is_refused(tmp_path):
    text = SHIPPED.replace(
        NEW_HEAD, NEW_HEAD + "effective_from = 2026-01-01\neffective_to = 2025-12-31\n"
    )
    message = refused(tmp_path, text)
    assert "effective_to" in message and "before effective_from 2026-01-01" in message


def test_also_from_names_a_known_anchor_and_its_source_must_exist(tmp_path):
    bad_event = SHIPPED.replace(
        'also_from = ["final_denial_date"]', 'also_from = ["final_denial_day"]'
    )
    assert "final_denial_day" in refused(tmp_path, bad_event)
    bad_source = SHIPPED.replace(
        'also_source = "ncdoi_member_notice"', 'also_source = "ncdoi_notice"'
    )
    assert "ncdoi_notice" in refused(tmp_path, bad_source)
    orphan = SHIPPED.replace('also_from = ["final_denial_date"]\n', "")
    assert "also_source" in refused(tmp_path, orphan)
