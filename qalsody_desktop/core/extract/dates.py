"""Dates as clinical documents write them, parsed strictly.

Why strict: a wrong date moves an ALSFRS-R score to another visit, so an impossible date
(02/30/2025, 13/01/2025) is rejected rather than guessed. Rules:

* Numeric dates are US month-first (12/20/2024, 12-20-2024, 12.20.2024). Only when the first
  number cannot be a month (20/12/2024) is it read day-first.
* ISO year-first (2024-12-20, 2024/12/20).
* Month names: "Dec 20, 2024", "December 20 2024", "Dec. 20th, 2024", "20 December 2024",
  "20-Dec-2024", "20-DEC-24".
* Two-digit years are 20yy unless that lies more than a year ahead of ``today``, then 19yy
  ("04/09/66" is 1966). Years outside 1900-2100 are rejected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .scan import case_aligned

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ISO = r"(?<!\d)(?P<iy>(?:19|20|21)\d\d)[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d)"
_NUM = (
    r"(?<![\d.])(?P<na>\d{1,2})(?P<sep>[/\-.])(?P<nb>\d{1,2})(?P=sep)(?P<ny>\d{4}|\d{2})"
    r"(?![\d]|[.,]\d)"
)
_MDY = (
    rf"\b(?P<mm>{MONTH_RE})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    r"(?P<my>(?:19|20|21)\d\d)(?!\d)"
)
_DMY = (
    rf"(?<!\d)(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?(?P<dsep>\s+|-)(?P<dm>{MONTH_RE})\.?,?"
    r"(?:\s+|-)(?P<dy>(?:19|20|21)\d\d|(?<=-)\d\d)(?!\d)"
)
_ALL = re.compile(f"{_ISO}|{_MDY}|{_DMY}|{_NUM}", re.IGNORECASE)
# Where in lower-cased text a match of ``_ALL`` can start (a digit run, a month's letters)
_DATE_START = re.compile(r"\d+|" + "|".join(_MONTHS))

# A pattern for embedding in other regexes (no named groups, so it composes).
DATE_RE = re.sub(r"\(\?P<\w+>", "(?:", f"(?:{_ISO}|{_MDY}|{_DMY}|{_NUM})")
DATE_RE = DATE_RE.replace("(?P=sep)", "[/\\-.]")


@dataclass(frozen=True)
class DateMatch:
    """A date found in text, with where it was (character offsets)."""

    value: date
    start: int
    end: int
    text: str


def _year(text: str, today: date) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000
        if y > today.year + 1:
            y -= 100
    return y


def _make(y: int, m: int, d: int) -> date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _from_match(m: re.Match[str], today: date) -> date | None:
    g = m.groupdict()
    if g["iy"]:
        return _make(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["mm"]:
        return _make(int(g["my"]), _MONTHS[g["mm"][:3].lower()], int(g["md"]))
    if g["dm"]:
        return _make(_year(g["dy"], today), _MONTHS[g["dm"][:3].lower()], int(g["dd"]))
    a, b = int(g["na"]), int(g["nb"])
    y = _year(g["ny"], today)
    if a > 12 and b <= 12:  # cannot be month-first: read as day-first
        a, b = b, a
    return _make(y, a, b)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """``_ALL.finditer(text)``, trying ``_ALL`` only where a date can start: at the first
    digit of a run (each numeric form refuses a digit before it) or at a month name's first
    three letters (see ``scan``). Tried at every character, this regex was most of reading a
    long record; a digit run is skipped whole, which ``scan`` cannot know to do."""
    lower = text.lower()
    if not case_aligned(text, lower):
        yield from _ALL.finditer(text)
        return
    found = _DATE_START.search(lower)
    while found is not None:
        m = _ALL.match(text, found.start())
        if m is not None:
            yield m
            found = _DATE_START.search(lower, m.end())
        elif found.group(0)[0].isdecimal():  # inside the run no numeric date starts either
            found = _DATE_START.search(lower, found.end())
        else:
            found = _DATE_START.search(lower, found.start() + 1)


def find_dates(text: str, *, today: date | None = None) -> list[DateMatch]:
    """Every valid date in ``text`` in order; impossible ones are skipped, not guessed."""
    today = today or date.today()
    found: list[DateMatch] = []
    for m in _matches(text):
        value = _from_match(m, today)
        if value is not None:
            found.append(DateMatch(value, m.start(), m.end(), m.group(0)))
    return found


def parse_date(text: str, *, today: date | None = None) -> date | None:
    """The date that ``text`` is (surrounding whitespace and punctuation allowed), else None."""
    stripped = text.strip().strip(",;:()[]")
    m = _ALL.fullmatch(stripped)
    return _from_match(m, today or date.today()) if m else None
