"""Pulmonary function (FVC / SVC % predicted) and neurofilament light (NfL) results.

Policies gate tofersen on slow vital capacity and ask for a baseline NfL, so only values that
are clearly the patient's are read: a percentage after the test's name in the same sentence
(not a rule such as "SVC >= 65%", not the FEV1/FVC ratio, not a supine value), and an NfL in
pg/mL (ng/L is the same unit) that is not a reference limit or range.
"""

from __future__ import annotations

import re

from .model import Fact, make_fact
from .text import Doc, is_threshold

_PFT_NAME = re.compile(
    r"(?<![/\w])(?P<kind>FVC|SVC|forced\s+vital\s+capacity|slow\s+vital\s+capacity)"
    r"(?:\s*\((?:FVC|SVC)\))?",
    re.IGNORECASE,
)
_PCT_FIRST = re.compile(
    r"[ \t]*\(?%[ \t]*(?:of[ \t]+)?pred(?:icted)?\.?\)?[ \t]*[:=]?[ \t]*(?P<v>\d{1,3}(?:\.\d+)?)"
    r"(?![\d.])",
    re.IGNORECASE,
)
_PCT_AFTER = re.compile(r"(?P<v>\d{1,3}(?:\.\d+)?)[ \t]*%", re.IGNORECASE)
_OTHER_MEASURE = re.compile(
    r"FEV1|(?<![/\w])[FS]VC\b|\bMIP\b|\bMEP\b|SNIP|\bPCF\b|NfL|ALSFRS|vital\s+capacity", re.I
)
_NFL_NAME = re.compile(
    r"\bNfL\b|\bNF-L\b|neurofilament(?:\s+light)?(?:\s+chain)?(?:\s+protein)?", re.IGNORECASE
)
_NFL_VALUE = re.compile(
    r"(?P<v>\d{1,5}(?:\.\d+)?)[ \t]*(?P<unit>pg/m[lL]|ng/L)\b(?![ \t]*[-–][ \t]*\d)", re.I
)
_REFERENCE = re.compile(
    r"(?:<=?|>=?|≤|≥|ref(?:erence)?(?:\s+(?:range|interval|value))?|normal(?:\s+range)?"
    r"|range|up\s+to|cut-?off|[-–]|\bto)\s*[:]?\s*$",
    re.IGNORECASE,
)
_SPECIMEN = re.compile(r"\b(plasma|serum|CSF|cerebrospinal\s+fluid)\b", re.IGNORECASE)
_RESULT_LABEL = re.compile(r"[ \t]*+(?:result|value|level|concentration)s?\b", re.IGNORECASE)


def extract_pulmonary(doc: Doc) -> list[Fact]:
    """FVC / SVC % predicted, one fact per test and date (FVC and SVC of one date merged)."""
    facts: list[Fact] = []
    for m in _PFT_NAME.finditer(doc.text):
        if re.search(r"/\s*$", doc.text[max(0, m.start() - 3) : m.start()]):
            continue  # FEV1 / FVC ratio
        kind = "svc" if m.group("kind").lower().startswith(("s", "slow")) else "fvc"
        seg = doc.segment_at(m.start())
        rest_end = min(seg.end, m.end() + 60)
        nxt = _OTHER_MEASURE.search(doc.text, m.end(), rest_end)
        rest_end = nxt.start() if nxt else rest_end
        v = _PCT_FIRST.match(doc.text, m.end(), rest_end) or _PCT_AFTER.search(
            doc.text, m.end(), rest_end
        )
        if not v or "supine" in doc.text[max(seg.start, m.start() - 20) : v.end()].lower():
            continue
        value = float(v.group("v"))
        if value > 200 or is_threshold(doc.text, v.start("v"), v.end()):
            continue
        near = doc.date_near(m.start(), v.end())
        when = near or doc.fallback_date(m.start())
        key = f"{kind}_percent_predicted"
        number = int(value) if value.is_integer() else value
        display = f"{kind.upper()} {number}% predicted" + (f" on {when}" if when else "")
        conf = 0.9 if near else 0.8 if when else 0.6
        entry = {"date": when, key: number}
        facts.append(make_fact(doc, "pulmonary[]", entry, display, m.start(), v.end(), conf))
    return merge_same_date(doc, facts)


def merge_same_date(doc: Doc, facts: list[Fact]) -> list[Fact]:
    """One pulmonary entry per date, as the case stores it (FVC and SVC side by side)."""
    out: list[Fact] = []
    for fact in facts:
        twin = next(
            (
                o
                for o in out
                if o.value["date"] == fact.value["date"]
                and doc.page_of((o.span or (0, 0))[0]) == doc.page_of((fact.span or (0, 0))[0])
                and not (set(o.value) - {"date"}) & (set(fact.value) - {"date"})
            ),
            None,
        )
        if twin is None or twin.value["date"] is None:
            out.append(fact)
            continue
        twin.value.update(fact.value)
        twin.display = twin.display.split(" on ")[0] + ", " + fact.display
        twin.confidence = min(twin.confidence, fact.confidence)
    return out


def extract_nfl(doc: Doc) -> list[Fact]:
    """NfL values next to the test's name, or on a result line of an NfL report."""
    names = list(_NFL_NAME.finditer(doc.text))
    if not names:
        return []
    facts: list[Fact] = []
    for v in _NFL_VALUE.finditer(doc.text):
        before = doc.text[max(0, v.start() - 25) : v.start()]
        if _REFERENCE.search(before) or is_threshold(doc.text, v.start(), v.end()):
            continue
        seg = doc.segment_at(v.start())
        line_start, _ = doc.line_at(v.start())
        prev_line = doc.text[doc.text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : line_start]
        named = any(seg.start <= n.start() < v.start() for n in names)
        result_line = bool(_RESULT_LABEL.match(doc.text, line_start)) or bool(
            _NFL_NAME.search(prev_line)
        )
        if not (named or result_line):
            continue
        value = float(v.group("v"))
        near = doc.date_near(v.start(), v.end())
        when = near or doc.fallback_date(v.start())
        specimen = _specimen(doc, v.start())
        entry = {"date": when, "value": value, "unit": "pg/mL", "specimen": specimen}
        shown = f"{value:g} pg/mL" + (f" {specimen}" if specimen else "")
        display = shown + (f" on {when}" if when else " (no date found)")
        conf = (0.9 if named else 0.8) - (0 if near else 0.05) if when else 0.6
        facts.append(make_fact(doc, "nfl[]", entry, display, v.start(), v.end(), conf))
    return facts


def _specimen(doc: Doc, pos: int) -> str | None:
    """Specimen named near the value (same or neighbouring lines), else the only one named."""
    lo = doc.text.rfind("\n", 0, doc.text.rfind("\n", 0, pos))
    hi = doc.text.find("\n", doc.text.find("\n", pos) + 1)
    near = _SPECIMEN.findall(doc.text, max(lo, 0), hi if hi > 0 else len(doc.text))
    kinds = {_canon(s) for s in near} or {_canon(s) for s in _SPECIMEN.findall(doc.text)}
    return kinds.pop() if len(kinds) == 1 else None


def _canon(s: str) -> str:
    s = s.lower()
    return "CSF" if s.startswith(("csf", "cerebro")) else s
