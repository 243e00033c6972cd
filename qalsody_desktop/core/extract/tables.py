"""Serial measures written as tables: a header naming the measure, then one row per date.

Clinic notes track ALSFRS-R, FVC/SVC and NfL over visits as text tables ("Date  ALSFRS-R
FVC % pred" then "11/18/2024  42  85"), or as a heading ("ALSFRS-R history:") over
"date  total" rows. Columns are cells separated by a tab, a bar or two spaces. A percentage
column counts only when its header says % or predicted (litres are not % predicted).
"""

from __future__ import annotations

import re
from datetime import date

from .dates import find_dates, parse_date
from .model import Fact, make_fact
from .text import EVIDENCE_CHARS, Doc

_KINDS = (
    ("alsfrs", re.compile(r"ALS\s*FRS\s*[-–]?\s*R|functional\s+rating", re.I)),
    ("svc", re.compile(r"(?<![/\w])SVC\b|slow\s+vital", re.I)),
    ("fvc", re.compile(r"(?<![/\w])FVC\b|forced\s+vital", re.I)),
    ("nfl", re.compile(r"\bNfL\b|NF-L|neurofilament", re.I)),
)
# Letters every match of a ``_KINDS`` regex holds (lower case, for ASCII lines)
_HEADER_WORDS = ("als", "functional", "svc", "slow", "fvc", "forced", "nf", "neurofilament")
_SPLIT = re.compile(r"\t|[ \t]*\|[ \t]*|[ \t]{2,}")
_NUMBER = re.compile(r"^(?P<v>\d{1,5}(?:\.\d+)?)\s*(?P<unit>%|/\s*48|pg/mL|ng/L)?$", re.I)
_SPECIMEN = re.compile(r"plasma|serum|CSF", re.I)


def _cells(line: str) -> list[str]:
    return [c for c in _SPLIT.split(line.strip()) if c]


def _kind(cell: str) -> str | None:
    return next((k for k, rx in _KINDS if rx.search(cell)), None)


def extract_tables(doc: Doc, existing: list[Fact]) -> list[Fact]:
    """Facts from measure tables, skipping rows another extractor already read."""
    taken = {doc.line_at(f.span[0])[0] for f in existing if f.span}  # rows already read
    lines = _lines(doc.text)
    facts: list[Fact] = []
    for i, (ls, le) in enumerate(lines):
        line = doc.text[ls:le]
        if line.isascii() and not any(n in line.lower() for n in _HEADER_WORDS):
            continue  # names no measure: cheaper than four regexes per cell
        header = _cells(line)
        kinds = [_kind(c) for c in header]
        if not any(kinds) or find_dates(doc.text[ls:le]):
            continue
        for rs, re_, cells, when in _rows(doc.text, lines, i):
            if rs in taken:
                continue
            columns = _map(header, kinds, cells)
            evidence = " ".join(doc.text[ls:le].split()) + " — " + " ".join(cells)
            for fact in _facts(doc, columns, when, rs, re_):
                fact.evidence = evidence[:EVIDENCE_CHARS]
                facts.append(fact)
            taken.add(rs)
    return facts


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _rows(
    text: str, lines: list[tuple[int, int]], header_index: int
) -> list[tuple[int, int, list[str], date]]:
    rows: list[tuple[int, int, list[str], date]] = []
    blank_seen = False
    for rs, re_ in lines[header_index + 1 :]:
        line = text[rs:re_]
        if not line.strip():
            if rows or blank_seen:
                break
            blank_seen = True
            continue
        cells = _cells(line)
        when = parse_date(cells[0]) if cells else None
        if when is None:
            break
        rows.append((rs, re_, cells, when))
    return rows


def _map(
    header: list[str], kinds: list[str | None], cells: list[str]
) -> list[tuple[str, str, str]]:
    """(measure, header cell, row cell) by column when the row lines up with the header; else
    the only measure named takes the first value after the date."""
    if len(header) == len(cells):
        return [(k, header[i], cells[i]) for i, k in enumerate(kinds) if k and i > 0]
    named = [(k, h) for k, h in zip(kinds, header, strict=True) if k]
    if len(named) == 1 and len(cells) >= 2:
        return [(named[0][0], named[0][1], cells[1])]
    return []


def _facts(
    doc: Doc, columns: list[tuple[str, str, str]], when: date, start: int, end: int
) -> list[Fact]:
    facts: list[Fact] = []
    pulmonary: dict[str, object] = {}
    for kind, head, cell in columns:
        m = _NUMBER.match(cell.strip())
        if not m:
            continue
        number = float(m.group("v"))
        if kind == "alsfrs" and number.is_integer() and number <= 48:
            value = {"date": when, "total": int(number)}
            facts.append(
                make_fact(doc, "alsfrs_r[]", value, f"{int(number)}/48 on {when}", start, end, 0.85)
            )
        elif kind in ("fvc", "svc") and re.search(r"%|pred", head + (m.group("unit") or ""), re.I):
            if number <= 200:
                pulmonary[f"{kind}_percent_predicted"] = (
                    int(number) if number.is_integer() else number
                )
        elif kind == "nfl" and re.search(r"pg/mL|ng/L", head + (m.group("unit") or ""), re.I):
            spec = _SPECIMEN.search(head)
            specimen = None if spec is None else spec.group(0).lower().replace("csf", "CSF")
            value = {"date": when, "value": number, "unit": "pg/mL", "specimen": specimen}
            display = f"{number:g} pg/mL on {when}"
            facts.append(make_fact(doc, "nfl[]", value, display, start, end, 0.85))
    if pulmonary:
        shown = ", ".join(f"{k[:3].upper()} {v}% predicted" for k, v in pulmonary.items())
        value = {"date": when, **pulmonary}
        facts.append(make_fact(doc, "pulmonary[]", value, f"{shown} on {when}", start, end, 0.85))
    return facts
