"""What a page says about its kind, as a set of named features.

Keywords alone fail on documents written by someone else (a note headed "HPI / Exam / Plan"
matched none). So a document is described by several kinds of signal, each a feature name:

- ``w:`` words and ``b:`` word pairs (vocabulary), numbers folded to their shape;
- ``h:`` section headings (short lines in capitals or ending in a colon) and ``l:`` the labels
  of "Label: value" lines (structure an EHR, a lab or a payer form prints);
- ``t:`` words of the first lines (letterhead and title cues);
- ``u:`` units and ``m:`` lab and document markers (pg/mL, % predicted, HGVS, NDC, check boxes);
- ``k:`` a profile keyword of a category matched (the policy profile's own knowledge).

Features are counted once per page (presence), so a repeated word cannot outvote structure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[a-z][a-z0-9]*(?:['’-][a-z0-9]+)*")
_SPACE = re.compile(r"[^\S\n]+")
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z .'/#()-]{1,40}?)\s*:\s*\S")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "by",
        "with",
        "at",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "this",
        "that",
        "it",
        "its",
        "his",
        "her",
        "their",
        "our",
        "your",
        "we",
        "you",
        "i",
        "he",
        "she",
        "they",
        "not",
        "no",
    ]
)
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.IGNORECASE if flags else 0))
    for name, rx, flags in (
        ("hgvs_c", r"\bc\.\d+[+-]?\d*[ACGT]>[ACGT]", 0),
        ("hgvs_p", r"\bp\.\(?[A-Z][a-z]{2}\d+", 0),
        ("refseq", r"\bNM_\d{6}", 0),
        ("clia_no", r"\b\d{2}D\d{7}\b", 0),
        ("ndc", r"\b\d{4,5}-\d{3,4}-\d{1,2}\b", 0),
        ("checkbox", r"\[\s*[xX ]?\s*\]|☐|☒", 0),
        ("money", r"\$\s?\d[\d,]*\.\d\d\b", 0),
        ("phone", r"\b\d{3}[-.) ]\s?\d{3}-\d{4}\b", 0),
        ("flag_hl", r"\((?:H|L|HH|LL)\)|\s(?:H|L)\s", 0),
        ("range_lt", r"<\s?\d+(?:\.\d+)?\b", 0),
        ("bp", r"\b\d{2,3}/\d{2,3}\b", 0),
        ("mrc", r"\b[0-5][+-]?/5\b", 0),
        ("score48", r"\b\d{1,2}\s*/\s*48\b", 0),
        ("pct", r"\d\s?%", 0),
        ("salutation", r"^\s*(?:dear|to whom)\b", 1),
        ("signoff", r"^\s*(?:sincerely|respectfully|regards|with thanks|best regards)\b", 1),
        ("signature_line", r"_{6,}", 0),
        ("item_number", r"(?m)^\s*\d{1,2}[.)]\s+[A-Za-z]", 0),
        ("date", r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b", 0),
        ("citation", r"\b\d{4};\d+(?:\(\d+\))?:\d+", 0),
        ("doi", r"\bdoi[:.]", 1),
        ("page_x_of_y", r"\bpage\s+\d+\s+of\s+\d+", 1),
    )
)
UNITS = {
    "pg/ml": "pgml", "ng/l": "pgml", "mg/dl": "mgdl", "cmh2o": "cmh2o", "mmhg": "mmhg",
    "l/min": "lmin", "m/s": "ms_speed", "mv": "mv", "ms": "msec", "uv": "uv", "mg": "mg",
    "ml": "ml", "kg": "kg", "cells/ul": "cells",
}  # fmt: skip
_UNIT = re.compile(
    r"(?<![a-z])("
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")(?![a-z])"
)
MAX_TITLE_LINES = 4


def normalize(text: str) -> str:
    text = _SPACE.sub(" ", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def _words(line: str) -> list[str]:
    out = []
    for w in _WORD.findall(line.lower()):
        if len(w) > 1 and w not in _STOP:
            out.append(w[:24])
    return out


def _is_heading(line: str) -> bool:
    words = line.rstrip(":").split()
    if not words or len(words) > 6 or len(line) > 60:
        return False
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 2:
        return False
    return line.endswith(":") or all(c.isupper() for c in letters)


def features(text: str, keyword_hits: Iterable[str] = ()) -> set[str]:
    """The feature names present in ``text`` (see the module doc)."""
    clean = normalize(text)
    lower = clean.lower()
    out: set[str] = set()
    lines = [ln for ln in clean.split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        words = _words(line)
        out.update("w:" + w for w in words)
        out.update(f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False))
        if i < MAX_TITLE_LINES:
            out.update("t:" + w for w in words)
        if _is_heading(line):
            out.add("h:" + "_".join(_words(line))[:40])
            out.update("hw:" + w for w in words)
        label = _LABEL.match(line)
        if label:
            lw = _words(label.group(1))
            if lw and len(lw) <= 4:
                out.add("l:" + "_".join(lw))
        for part in re.split(r"\s{2,}|\t|\|", line)[1:]:
            label = _LABEL.match(part)  # "Patient: X    DOB: Y    MRN: Z" on one line
            if label:
                lw = _words(label.group(1))
                if lw and len(lw) <= 4:
                    out.add("l:" + "_".join(lw))
    for name, rx in MARKERS:
        if rx.search(clean):
            out.add("m:" + name)
    for m in _UNIT.finditer(lower):
        out.add("u:" + UNITS[m.group(1)])
    numeric_lines = sum(1 for ln in lines if len(re.findall(r"\d+(?:\.\d+)?", ln)) >= 3)
    if lines and numeric_lines / len(lines) > 0.3:
        out.add("s:numeric_table")
    if len(lines) <= 12:
        out.add("s:short")
    out.update("k:" + cid for cid in keyword_hits)
    return out
