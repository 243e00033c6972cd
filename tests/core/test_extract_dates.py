"""Date parsing for extraction: US month-first, many spellings, impossible dates rejected."""

from __future__ import annotations

from datetime import date

import pytest

from qalsody_desktop.core.extract import find_dates, parse_date

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2024-12-20",
        "2024/12/20",
        "12/20/2024",
        "12-20-2024",
        "12.20.2024",
        "12/20/24",
        "Dec 20, 2024",
        "Dec. 20, 2024",
        "December 20 2024",
        "December 20th, 2024",
        "20 December 2024",
        "20 Dec 2024",
        "20-Dec-2024",
        "20-DEC-24",
        "20/12/2024",  # 20 cannot be a month: read day-first
    ],
)
def test_spellings_of_one_date(text):
    assert parse_date(text, today=TODAY) == date(2024, 12, 20)


def test_numeric_dates_are_month_first():
    assert parse_date("04/09/1966") == date(1966, 4, 9)
    assert parse_date("05/06/2025") == date(2025, 5, 6)


@pytest.mark.parametrize(
    "text",
    [
        "02/30/2025",
        "13/13/2025",
        "2025-02-29",
        "00/10/2025",
        "04/31/2025",
        "1850-01-01",
        "Feb 30, 2024",
    ],
)
def test_impossible_dates_are_rejected(text):
    assert parse_date(text) is None
    assert find_dates(f"seen on {text} in clinic") == []


def test_two_digit_years_pivot_on_today():
    assert parse_date("04/09/66", today=TODAY) == date(1966, 4, 9)
    assert parse_date("05/19/25", today=TODAY) == date(2025, 5, 19)
    assert parse_date("01/02/26", today=TODAY) == date(2026, 1, 2)
    assert parse_date("01/02/27", today=TODAY) == date(1927, 1, 2)


def test_leap_day_is_kept():
    assert parse_date("02/29/2024") == date(2024, 2, 29)


def test_find_dates_reports_positions_and_skips_non_dates():
    text = "Phone 919-555-0188; variant c.14C>T; v1.2.3; seen 05/19/2025 and Dec 20, 2024."
    found = find_dates(text)
    assert [d.value for d in found] == [date(2025, 5, 19), date(2024, 12, 20)]
    assert text[found[0].start : found[0].end] == "05/19/2025"
    assert found[1].text == "Dec 20, 2024"


def test_parse_date_needs_the_whole_string_to_be_a_date():
    assert parse_date("  (2025-05-19), ") == date(2025, 5, 19)
    assert parse_date("on 2025-05-19") is None
    assert parse_date("") is None
