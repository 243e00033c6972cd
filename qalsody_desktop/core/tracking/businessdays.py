"""Business days: Monday to Friday that are not a US federal holiday (observed dates included).

The holidays come from the ``holidays`` package (5 U.S.C. 6103, with the Saturday-to-Friday and
Sunday-to-Monday observance) so no hand-kept list goes stale; a rule counted in business days
would otherwise land on a day the payer's office is closed.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> frozenset[date]:
    import holidays  # imported on first use: it takes ~0.1 s, and start-up does not need it

    return frozenset(holidays.US(years=year))


def federal_holiday(day: date) -> bool:
    """True on a US federal holiday or the weekday it is observed on."""
    return day in _federal_holidays(day.year)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and not federal_holiday(day)


def add_business_days(start: date, count: int) -> date:
    """The ``count``-th business day after ``start`` (before it when negative); 0 is ``start``."""
    step = 1 if count >= 0 else -1
    day, left = start, abs(count)
    while left:
        day += timedelta(days=step)
        if is_business_day(day):
            left -= 1
    return day


def next_business_day(day: date) -> date:
    """``day`` itself when it is a business day, else the first business day after it."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day
