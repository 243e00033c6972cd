"""Riluzole and edaravone trials: step therapy a payer may ask about, with dates and doses.

Brands map to the generic the case stores (Rilutek, Tiglutik, Exservan: riluzole; Radicava,
Radicava ORS: edaravone). A mention counts only with a date or a dose, and not when negated
("never took riluzole", "declined edaravone") or written as a payer rule ("requires a trial
of riluzole 50 mg twice daily"). Dates are read as start, stop, or (in pharmacy records)
fill dates by the words next to them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from .dates import DateMatch
from .model import Fact, make_fact
from .text import Doc

_DRUG = re.compile(
    r"\b(?P<name>riluzole|rilutek|tiglutik|exservan|edaravone|radicava(?:[ \t]+ORS)?)\b", re.I
)
GENERIC = {
    "riluzole": "riluzole",
    "rilutek": "riluzole",
    "tiglutik": "riluzole",
    "exservan": "riluzole",
    "edaravone": "edaravone",
    "radicava": "edaravone",
    "radicava ors": "edaravone",
}
BRANDS = {"rilutek": "Rilutek", "tiglutik": "Tiglutik", "exservan": "Exservan"}
BRANDS |= {"radicava": "Radicava", "radicava ors": "Radicava ORS"}
_START = re.compile(
    r"\b(?:start(?:ed|ing)?|initiat(?:ed|ing)|began|begun|commenced|since|from)"
    r"(?:\s+(?:on|in|as\s+of|effective))?\W*$",
    re.I,
)
_STOP = re.compile(
    r"\b(?:stop(?:ped)?|discontinu(?:ed|ation)|d/c(?:'?d)?|ended|ceased|quit|until|through|to)"
    r"(?:\s+(?:on|in|as\s+of|effective))?\W*$",
    re.I,
)
_FILL_WORDS = re.compile(r"\bfill(?:ed)?\b|dispensed", re.I)
_PHARMACY_DOC = re.compile(
    r"\bfill(?:ed)?\s+date|date\s+(?:of\s+)?fill|dispens|\bRx\s*#|\bNDC\b|days?\s+supply"
    r"|pharmacy\s+claims?|claims?\s+history",
    re.I,
)
_DOSE = re.compile(
    r"\b(?P<dose>\d+(?:\.\d+)?[ \t]*(?:mg|mL)(?:[ \t]*/[ \t]*\d+(?:\.\d+)?[ \t]*mL)?"
    r"(?:[ \t]+(?:PO|IV|by\s+mouth|orally|intravenously))?"
    r"(?:\s+(?:twice\s+(?:a\s+)?daily|twice\s+a\s+day|once\s+daily|daily|BID|b\.i\.d\.|QD"
    r"|q12h|every\s+12\s+hours))?(?:,?\s+\d+\s+of\s+14\s+days)?)",
    re.I,
)
_POLICY = re.compile(r"requir|\bmust\b|criteri|\bpolicy\b|\bshould\b", re.I)
_REFUSED = re.compile(r"\b(?:declined|refused|never\s+(?:took|started|tried))\W+(?:\w+\W+)?$", re.I)


def extract_therapies(doc: Doc) -> list[Fact]:
    """One fact per drug per sentence (per fill date in pharmacy records)."""
    pharmacy = bool(_PHARMACY_DOC.search(doc.text))
    by_segment: dict[tuple[int, int], dict[str, list[re.Match[str]]]] = {}
    for m in _DRUG.finditer(doc.text):
        before = doc.text[max(0, m.start() - 30) : m.start()]
        if doc.negated(m.start()) or _REFUSED.search(before):
            continue
        seg = doc.segment_at(m.start())
        generic = GENERIC[" ".join(m.group("name").lower().split())]
        by_segment.setdefault((seg.start, seg.end), {}).setdefault(generic, []).append(m)
    facts: list[Fact] = []
    for (s, e), drugs in by_segment.items():
        mentions = sorted(
            ((m, g) for g, ms in drugs.items() for m in ms), key=lambda x: x[0].start()
        )
        starts = [m.start() for m, _ in mentions]
        dates = doc.dates_in(s, e)
        owner: dict[int, str] = {}
        for d in dates:  # each date belongs to the nearest mention (the one before preferred)
            i = bisect_right(starts, d.start)
            near = mentions[max(i - 1, 0) : i + 1]
            owner[d.start] = min(near, key=lambda mg: _distance(mg[0], d.start, d.end))[1]
        fill_words = bool(_FILL_WORDS.search(doc.text, s, e))
        for generic, ms in drugs.items():
            mine = [d for d in dates if owner[d.start] == generic]
            facts += _facts_for(doc, generic, ms, mine, (s, e), pharmacy or fill_words)
    return facts


def _distance(m: re.Match[str], start: int, end: int) -> int:
    """Characters between a drug mention and a date; a date after the mention is preferred."""
    return start - m.end() if start >= m.end() else (m.start() - end) * 2


def _facts_for(
    doc: Doc,
    generic: str,
    mentions: list[re.Match[str]],
    dates: list[DateMatch],
    seg: tuple[int, int],
    pharmacy: bool,
) -> list[Fact]:
    text = doc.text
    first = mentions[0]
    brand = next(
        (BRANDS[k] for m in mentions if (k := " ".join(m.group("name").lower().split())) in BRANDS),
        None,
    )
    dose_m = _DOSE.search(text, first.end(), seg[1])
    dose = " ".join(dose_m.group("dose").split()) if dose_m else None
    if not dates and (dose is None or _POLICY.search(text[seg[0] : seg[1]])):
        return []
    starts: list[date] = []
    ends: list[date] = []
    fills: list[date] = []
    for d in dates:
        before = text[max(seg[0], d.start - 25) : d.start]
        if _STOP.search(before):
            ends.append(d.value)
        elif _START.search(before):
            starts.append(d.value)
        elif pharmacy:
            fills.append(d.value)
        else:
            starts.append(d.value)  # a bare date beside a drug dates its start
    base = {"drug": generic, "brand": brand, "start": None, "end": None, "fill_date": None}
    base["dose"] = dose
    span = (first.start(), max([first.end()] + [d.end for d in dates]))
    entries: list[dict[str, object]] = []
    if starts or ends or not fills:
        entries.append(
            base | {"start": starts[0] if starts else None, "end": ends[0] if ends else None}
        )
    entries += [base | {"fill_date": f} for f in fills]
    out = []
    for entry in entries:
        conf = 0.85 if any(entry[k] for k in ("start", "end", "fill_date")) else 0.6
        out.append(make_fact(doc, "therapies[]", entry, _display(entry), *span, conf))
    return out


def _display(entry: dict[str, object]) -> str:
    parts = [str(entry["drug"]) + (f" ({entry['brand']})" if entry["brand"] else "")]
    if entry["dose"]:
        parts.append(str(entry["dose"]))
    for key, label in (("start", "started"), ("end", "stopped"), ("fill_date", "filled")):
        if entry[key]:
            parts.append(f"{label} {entry[key]}")
    return ", ".join(parts)
