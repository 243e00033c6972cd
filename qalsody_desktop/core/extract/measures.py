"""Pulmonary function (FVC / SVC % predicted) and neurofilament light (NfL) results.

Policies gate tofersen on slow vital capacity and ask for a baseline NfL, so only values that
are clearly the patient's are read: a percentage after the test's name in the same sentence
(not a rule such as "SVC >= 65%", not the FEV1/FVC ratio, not a supine value), and an NfL in
pg/mL (ng/L is the same unit) that is not a reference limit or range.
"""

from __future__ import annotations

import re
from bisect import bisect_left

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
    """One pulmonary entry per date and page, as the case stores it (FVC and SVC together)."""
    out: list[Fact] = []
    open_entry: dict[tuple[object, int | None], Fact] = {}
    for fact in facts:
        key = (fact.value["date"], doc.page_of((fact.span or (0, 0))[0]))
        twin = open_entry.get(key)
        measures = set(fact.value) - {"date"}
        if fact.value["date"] is None or twin is None or measures & set(twin.value):
            out.append(fact)
            open_entry[key] = fact
            continue
        twin.value.update(fact.value)
        twin.display = twin.display.split(" on ")[0] + ", " + fact.display
        twin.confidence = min(twin.confidence, fact.confidence)
    return out


def extract_nfl(doc: Doc) -> list[Fact]:
    """NfL values next to the test's name, or on a result line of an NfL report."""
    names = [n.start() for n in _NFL_NAME.finditer(doc.text)]
    if not names:
        return []
    doc_specimens = {_canon(s) for s in _SPECIMEN.findall(doc.text)}
    facts: list[Fact] = []
    for v in _NFL_VALUE.finditer(doc.text):
        before = doc.text[max(0, v.start() - 25) : v.start()]
        if _REFERENCE.search(before) or is_threshold(doc.text, v.start(), v.end()):
            continue
        seg = doc.segment_at(v.start())
        line_start, _ = doc.line_at(v.start())
        prev_line = doc.previous_line(v.start())
        i = bisect_left(names, v.start())  # the last name before the value, in its segment?
        named = i > 0 and names[i - 1] >= seg.start
        result_line = bool(_RESULT_LABEL.match(doc.text, line_start)) or bool(
            _NFL_NAME.search(prev_line)
        )
        if not (named or result_line):
            continue
        value = float(v.group("v"))
        near = doc.date_near(v.start(), v.end())
        when = near or doc.fallback_date(v.start())
        specimen = _specimen(doc, v.start(), doc_specimens)
        entry = {"date": when, "value": value, "unit": "pg/mL", "specimen": specimen}
        shown = f"{value:g} pg/mL" + (f" {specimen}" if specimen else "")
        display = shown + (f" on {when}" if when else " (no date found)")
        conf = (0.9 if named else 0.8) - (0 if near else 0.05) if when else 0.6
        facts.append(make_fact(doc, "nfl[]", entry, display, v.start(), v.end(), conf))
    return facts


def _specimen(doc: Doc, pos: int, doc_specimens: set[str]) -> str | None:
    """Specimen named near the value (its line and the ones around), else the only one named."""
    start, end = doc.line_at(pos)
    lo, hi = doc.line_at(max(start - 1, 0))[0], doc.line_at(min(end + 1, len(doc.text)))[1]
    lo, hi = max(lo, pos - 200), min(hi, pos + 200)
    kinds = {_canon(s) for s in _SPECIMEN.findall(doc.text, lo, hi)} or set(doc_specimens)
    return kinds.pop() if len(kinds) == 1 else None


def _canon(s: str) -> str:
    s = s.lower()
    return "CSF" if s.startswith(("csf", "cerebro")) else s
