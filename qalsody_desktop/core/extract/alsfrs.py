"""ALSFRS-R totals (with their dates) and, on a scoring sheet, the 12 item scores.

Why careful: a payer compares these totals against thresholds and computes decline from them.
So a total is read only when the scale is named right before it ("ALSFRS-R: 37/48",
"ALSFRS-R total score 40"), never from a rule or a change ("ALSFRS-R >= 24", "score of 24 or
higher", "declined by 3"), and a total above 48 is rejected. The plain "ALSFRS" (the older
40-point scale) is not read.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import DATE_RE, parse_date
from .model import Fact, make_fact
from .text import Doc, is_threshold

NAME = (
    r"(?:ALS\s*FRS\s*[-–—]?\s*R\b|ALS\s+Functional\s+Rating\s+Scale[\s,–-]*\(?\s*Revised\s*\)?"
    r"(?:\s*\(\s*ALSFRS\s*[-–]?\s*R\s*\))?)"
)
# Words allowed between the scale's name and its total. Possessive (*+) so that a long run of
# them cannot backtrack exponentially.
_CONNECT = (
    r"(?:[ \t]*+(?:(?:total(?:[ \t]+score)?|scores?|scored|sum|today|currently|now|was|is|of|at"
    r"|baseline|current|latest|most[ \t]+recent)\b|[=:(),\[\]–-]))*+"
)
_INLINE = re.compile(
    rf"{NAME}{_CONNECT}[ \t]*+(?:(?:on|dated|from)\s+)?"
    rf"(?:(?P<date>{DATE_RE})[ \t]*+(?:[:=,–)-]|was\b|is\b|score\b|[ \t]+)*+)?"
    r"(?P<total>\d{1,3})(?P<of48>[ \t]*/[ \t]*48\b)?(?!\d|[ \t]*[/.][ \t]*\d)",
    re.IGNORECASE,
)
_MENTION = re.compile(NAME, re.IGNORECASE)
_ITEM_NAMES = (
    r"speech",
    r"saliva(?:tion)?|drooling",
    r"swallow(?:ing)?",
    r"hand\s*writing",
    r"cutting\s+food|handling\s+utensils|cutting",
    r"dressing|hygiene",
    r"turning\s+in\s+bed|turning",
    r"walking",
    r"climbing\s+stairs|stairs",
    r"dyspn(?:o)?ea",
    r"orthopn(?:o)?ea",
    r"respiratory\s+insufficiency",
)
_ITEM_LINE = re.compile(
    r"^[ \t]*(?:(?:Q|item)?[ \t]*\d{1,2}[ab]?[.):]?[ \t]+)?(?P<name>[A-Za-z][^\n\d]{2,70}?)"
    r"[ \t.:|=_-]*(?P<score>[0-4])(?:[ \t]*/[ \t]*4)?(?:[ \t]+[-–(=][^\n]*)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ITEM_LIST = re.compile(
    r"\bitem(?:\s+scores?|s)\s*[:=]?\s*\[?(?P<items>(?:[0-4][\s,;]+){11}[0-4])\b",
    re.IGNORECASE,
)
_SHEET_TOTAL = re.compile(
    r"^[ \t]*total(?:\s+score)?\s*[:=]?\s*(?P<total>\d{1,3})(?P<of48>\s*/\s*48)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def extract_alsfrs(doc: Doc) -> list[Fact]:
    """Totals written inline, then item scores attached to the matching total."""
    if not _MENTION.search(doc.text):
        return []
    facts: list[Fact] = []
    for m in _INLINE.finditer(doc.text):
        total = int(m.group("total"))
        if total > 48 or is_threshold(doc.text, m.start("total"), m.end("total")):
            continue
        explicit = parse_date(m.group("date")) if m.group("date") else None
        facts.append(_total_fact(doc, total, m.start(), m.end(), explicit))
    items, items_span = _items(doc)
    if items is None:
        return facts
    if not facts:
        for m in _SHEET_TOTAL.finditer(doc.text):
            total = int(m.group("total"))
            if total <= 48:
                facts.append(_total_fact(doc, total, m.start(), m.end(), None))
    for fact in facts:
        if fact.value["total"] == sum(items):
            fact.value["items"] = items
            fact.display += " (12 items)"
            return facts
    if not facts:
        start, end = items_span
        fact = _total_fact(doc, sum(items), start, end, None, conf=0.7)
        fact.value["items"] = items
        fact.display += " (sum of 12 items)"
        facts.append(fact)
    return facts  # items that do not add up to the stated total are not suggested


def _total_fact(
    doc: Doc,
    total: int,
    start: int,
    end: int,
    explicit: date | None,
    conf: float | None = None,
) -> Fact:
    when = explicit or doc.date_near(start, end)
    confidence = 0.9 if when else 0.75
    if when is None:
        when = doc.fallback_date(start)
        confidence = 0.75 if when else 0.55
    value: dict[str, object] = {"date": when, "total": total}
    display = f"{total}/48" + (f" on {when.isoformat()}" if when else " (no date found)")
    return make_fact(doc, "alsfrs_r[]", value, display, start, end, conf or confidence)


def _items(doc: Doc) -> tuple[list[int] | None, tuple[int, int]]:
    """The 12 item scores when every item is found once by name (or as a list of 12)."""
    m = _ITEM_LIST.search(doc.text)
    if m:
        return [int(x) for x in re.findall(r"[0-4]", m.group("items"))], m.span()
    scores: dict[int, int] = {}
    spans: list[int] = []
    for line in _ITEM_LINE.finditer(doc.text):
        name = line.group("name")
        for index, pattern in enumerate(_ITEM_NAMES):
            if index not in scores and re.search(pattern, name, re.IGNORECASE):
                scores[index] = int(line.group("score"))
                spans += [line.start(), line.end()]
                break
    if len(scores) != 12:
        return None, (0, 0)
    return [scores[i] for i in range(12)], (min(spans), max(spans))
