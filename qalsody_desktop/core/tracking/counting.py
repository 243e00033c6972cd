"""Counting a rule's amount from an anchor date: calendar days, business days, hours, months.

Where the count is ambiguous the earlier day wins, because a deadline shown too late can cost
an appeal and one shown too early costs nothing: hours from a day with no recorded time count
whole days only, and a month with no such day ends on its last day (31 Jan + 1 month = 28/29
Feb). A rule may ask otherwise through two optional fields, read here when the profile schema
carries them: ``month_overflow = "next_month_first"`` (the federal external review wording, 30
Oct + 4 months = 1 Mar) and ``roll_forward = true`` (a last day on a weekend or federal holiday
moves to the next business day).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from typing import Any

from .businessdays import add_business_days, next_business_day

Due = date | datetime  # a datetime only for hour-based rules counted from a recorded time


def add_months(day: date, months: int, *, overflow: str = "clamp") -> date:
    """``day`` moved by ``months``; a missing day clamps to the month's end, or with
    ``overflow="next_month_first"`` becomes the first day of the following month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day <= last:
        return date(year, month, day.day)
    if overflow == "next_month_first":
        return date(year, month, last) + timedelta(days=1)
    return date(year, month, last)


def count(rule: Any, start: date, at: str | None = None) -> Due:
    """The due date (or datetime) of ``rule`` counted from ``start`` (``at``: HH:MM, if known)."""
    sign = -1 if rule.direction == "before" else 1
    amount = rule.amount
    due: Due
    if rule.unit == "calendar_days":
        due = start + timedelta(days=sign * amount)
    elif rule.unit == "business_days":
        due = add_business_days(start, sign * amount)
    elif rule.unit == "months":
        overflow = getattr(rule, "month_overflow", None) or "clamp"
        due = add_months(start, sign * amount, overflow=overflow)
    elif rule.unit == "hours":
        if at:
            hh, mm = (int(p) for p in at.split(":"))
            return datetime.combine(start, time(hh, mm)) + timedelta(hours=sign * amount)
        whole, rest = divmod(amount, 24)
        # without the time of day: after -> the earliest day it can end; before -> the latest
        days = whole if sign > 0 else whole + (1 if rest else 0)
        due = start + timedelta(days=sign * days)
    else:  # the loader admits only policy.kinds.UNITS
        raise ValueError(f"unknown unit {rule.unit!r} in rule {rule.id}")
    if getattr(rule, "roll_forward", False):
        due = next_business_day(due)
    return due


def due_day(due: Due) -> date:
    return due.date() if isinstance(due, datetime) else due


def due_text(due: Due) -> str:
    return due.strftime("%Y-%m-%dT%H:%M") if isinstance(due, datetime) else due.isoformat()


def describe_count(rule: Any) -> str:
    """ "+ 180 calendar days", "- 30 calendar days", "+ 4 months" for the basis text."""
    sign = "-" if rule.direction == "before" else "+"
    unit = rule.unit.replace("_", " ")
    if rule.amount == 1 and unit.endswith("s"):
        unit = unit[:-1]
    extra = ", moved past weekends and holidays" if getattr(rule, "roll_forward", False) else ""
    return f"{sign} {rule.amount} {unit}{extra}"
