"""Counting units: business days around US federal holidays (from the ``holidays`` package),
months at month ends, hours, and the optional federal-rule counting a rule can ask for.

Expected dates are worked out by hand in the comments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from qalsody_desktop.core.policy.model import DeadlineRule
from qalsody_desktop.core.tracking.businessdays import (
    add_business_days,
    federal_holiday,
    is_business_day,
    next_business_day,
)
from qalsody_desktop.core.tracking.counting import add_months, count


def rule(amount: int, unit: str, direction: str = "after", **extra) -> DeadlineRule:
    return DeadlineRule(
        id="t",
        deadline="t",
        title="t",
        plan_types=("fully_insured",),
        from_event="pa_submitted",
        amount=amount,
        unit=unit,
        source="guide",
        status="guide-only",
        direction=direction,
        **extra,
    )


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (date(2025, 12, 25), True),  # Christmas, Thursday
        (date(2026, 7, 3), True),  # Independence Day 2026 is a Saturday: observed Fri Jul 3
        (date(2027, 12, 31), True),  # New Year 2028 is a Saturday: observed Fri Dec 31 2027
        (date(2026, 1, 19), True),  # Martin Luther King Jr. Day, third Monday of January
        (date(2026, 11, 26), True),  # Thanksgiving, fourth Thursday of November
        (date(2026, 6, 19), True),  # Juneteenth
        (date(2026, 11, 27), False),  # the Friday after Thanksgiving is not federal
        (date(2026, 12, 24), False),  # Christmas Eve is not federal
    ],
)
def test_federal_holidays_come_from_the_holidays_package(day, holiday):
    assert federal_holiday(day) is holiday


def test_business_days_skip_weekends_and_holidays():
    assert not is_business_day(date(2026, 1, 3))  # Saturday
    assert is_business_day(date(2026, 1, 2))  # Friday, not a holiday
    # Wed 2025-12-24 + 5: Thu 25 Christmas (skip), Fri 26 (1), Sat/Sun skip, Mon 29 (2),
    # Tue 30 (3), Wed 31 (4), Thu Jan 1 New Year (skip), Fri Jan 2 (5)
    assert add_business_days(date(2025, 12, 24), 5) == date(2026, 1, 2)
    # Thu 2026-07-02 + 3: Fri 3 observed Independence Day (skip), weekend, Mon 6 (1),
    # Tue 7 (2), Wed 8 (3)
    assert add_business_days(date(2026, 7, 2), 3) == date(2026, 7, 8)
    # Tue 2026-01-20 - 2: Mon 19 MLK day (skip), Fri 16 (1), Thu 15 (2)
    assert add_business_days(date(2026, 1, 20), -2) == date(2026, 1, 15)
    # Sat 2027-12-25 -> next business day: Sun 26, Mon 27 (Christmas observed was Fri 24)
    assert next_business_day(date(2027, 12, 25)) == date(2027, 12, 27)


def test_a_business_day_rule_counts_business_days():
    # Fri 2028-02-18 + 10 business days: Mon 21 Washington's Birthday (skip),
    # Feb 22, 23, 24, 25 (4), Feb 28, 29 (leap), Mar 1, 2, 3 (9), Mon Mar 6 (10)
    assert count(rule(10, "business_days"), date(2028, 2, 18)) == date(2028, 3, 6)


def test_months_clamp_to_the_month_end_by_default():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # leap year
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)  # across the year end
    assert add_months(date(2026, 5, 31), -3) == date(2026, 2, 28)  # counting back
    assert add_months(date(2025, 10, 31), 4, overflow="next_month_first") == date(2026, 3, 1)


def test_hours_with_and_without_a_time_of_day():
    assert count(rule(72, "hours"), date(2026, 2, 27), "23:45") == datetime(2026, 3, 2, 23, 45)
    # no time: 36 hours can end on the next day at the earliest (after -> whole days down)
    assert count(rule(36, "hours"), date(2026, 2, 28)) == date(2026, 3, 1)
    # before: 36 hours before some time on Mar 2 can be as early as Feb 28 (round up)
    assert count(rule(36, "hours", "before"), date(2026, 3, 2)) == date(2026, 2, 28)


@dataclass(frozen=True)
class FederalRule(DeadlineRule):
    """The two optional fields a rule may carry once the profile schema has them."""

    month_overflow: str | None = None
    roll_forward: bool = False


def test_the_federal_external_review_wording_when_a_rule_asks_for_it():
    federal = FederalRule(
        id="f",
        deadline="external_review_deadline",
        title="f",
        plan_types=("self_funded_erisa",),
        from_event="final_denial_received",
        amount=4,
        unit="months",
        source="federal_external_review",
        status="verified",
        month_overflow="next_month_first",
        roll_forward=True,
    )
    # receipt Oct 30: no Feb 30, so the first day of the fifth month, Sun 2026-03-01;
    # a Sunday moves to Mon 2026-03-02
    assert count(federal, date(2025, 10, 30)) == date(2026, 3, 2)
    # receipt 2026-03-04 + 4 months = Sat 2026-07-04 (Independence Day) -> Mon 2026-07-06
    assert count(federal, date(2026, 3, 4)) == date(2026, 7, 6)
    # receipt 2025-06-12 + 4 months = Sun 2025-10-12 -> Mon Oct 13 is Columbus Day -> Tue 14
    assert count(federal, date(2025, 6, 12)) == date(2025, 10, 14)
