"""Reading a payer letter's text: its sentences, its date, its reference number, its windows.

PDF text keeps the layout's line breaks, so a sentence is rebuilt across wrapped lines while
headings and bullets stay apart. The date is the one the letter is dated (a date alone on a
line near the top, or a "Date:" label), never a birth date or the date a request was received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..extract.dates import DATE_RE, parse_date

_BULLET = re.compile(r"^\s*(?:[-\u2022*\u25aa\u25cf]|\d{1,2}[.)]|\([a-z0-9]\))\s+")
_END = re.compile(r"[.!?:;]['\")\]]?\s*$")
_SPLIT = re.compile(
    r"(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bvs)(?<!\bNo)(?<=[.!?])\s+(?=[\"'(A-Z0-9])"
)
_DATE_LABEL = re.compile(
    r"^\s*(?:date(?:\s+of\s+(?:this\s+)?(?:notice|letter|decision|determination))?|"
    r"(?:notice|letter|decision|determination|mail(?:ing)?)\s+date|date\s+mailed|sent)"
    r"\s*[:#]?\s*(?P<d>" + DATE_RE + r")\s*$",
    re.IGNORECASE,
)
# a label on the line before a lone date (table cells come out one per line) that makes it
# some other date than the letter's
_OTHER_DATE_LABEL = re.compile(
    r"(?:birth|\bDOB|born|service|received|submitted|request(?:ed)?|effective|from|through|"
    r"to|start|end|expir\w*|valid)\s*[:#]?\s*$",
    re.IGNORECASE,
)
_REF = re.compile(
    r"\b(?:reference|ref\.?|case|authorization|auth\.?|tracking|review|appeal|request|claim)"
    r"\s*(?:number|no\.?|num\.?|#|id)\s*[:#]?\s*(?P<ref>[A-Z0-9][A-Z0-9\-./]{3,39})",
    re.IGNORECASE,
)
_WINDOW = re.compile(
    r"\b(?:within|have|has|up\s+to|no\s+later\s+than|no\s+more\s+than)\s+"
    r"(?:[a-z\-]+\s+){0,3}?\(?(?P<n>\d{1,3})\)?\s+"
    r"(?P<kind>calendar\s+|business\s+|working\s+)?(?P<unit>days?|months?)\b",
    re.IGNORECASE,
)
_FROM_RECEIPT = re.compile(r"\b(?:receive|received|receipt|get\s+this|you\s+get)\b", re.IGNORECASE)
_FROM_LETTER = re.compile(
    r"\b(?:date\s+(?:of|on)\s+(?:this|the)\s+(?:letter|notice|decision)|"
    r"(?:this|the)\s+(?:letter|notice)'?s?\s+date|date\s+(?:we|this\s+letter\s+was)\s+"
    r"(?:sent|mailed))\b",
    re.IGNORECASE,
)


def blocks(text: str) -> list[str]:
    """Paragraphs, bullets and headings, each on one line (wrapped lines joined)."""
    out: list[str] = []
    current: list[str] = []
    lines = [ln.rstrip() for ln in text.splitlines()]
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            _flush(out, current)
            continue
        if _BULLET.match(stripped) or _heading(stripped, lines[i + 1 : i + 2]):
            _flush(out, current)
        current.append(stripped)
        ends_label = stripped.endswith(":") and len(stripped) <= 70
        if ends_label or _heading(stripped, lines[i + 1 : i + 2]) or _labelled(stripped):
            _flush(out, current)
    _flush(out, current)
    return out


def _flush(out: list[str], current: list[str]) -> None:
    if current:
        out.append(" ".join(current))
        current.clear()


def _heading(line: str, following: list[str]) -> bool:
    """A short line with no closing punctuation followed by a capitalised line."""
    if len(line) > 70 or _END.search(line) or _BULLET.match(line) or line.endswith(","):
        return False
    nxt = following[0].strip() if following else ""
    return not nxt or nxt[0].isupper() or bool(_BULLET.match(nxt))


def _labelled(line: str) -> bool:
    """ "Reference number: X" and other label rows end where they end."""
    return bool(re.match(r"^[A-Za-z][\w #./()-]{0,40}:\s*\S", line)) and len(line) < 90


def sentences(block: str) -> list[str]:
    body = _BULLET.sub("", block).strip()
    return [s.strip() for s in _SPLIT.split(body) if s.strip()]


def letter_date(text: str, *, today: date | None = None) -> date | None:
    """The date the letter is dated: a "Date:" label, else a date alone on one of the top lines."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines[:40]:
        m = _DATE_LABEL.match(line)
        if m:
            return parse_date(m.group("d"), today=today)
    for i, line in enumerate(lines[:25]):
        found = parse_date(line, today=today)
        if found and not (i and _OTHER_DATE_LABEL.search(lines[i - 1])):
            return found
    return None


def reference_number(text: str) -> str | None:
    for m in _REF.finditer(text):
        ref = m.group("ref").rstrip(".-/")
        if any(c.isdigit() for c in ref):
            return ref
    return None


@dataclass(frozen=True)
class Window:
    """A time limit a letter states: ``amount`` ``unit`` counted from receipt or its date."""

    amount: int
    unit: str  # days | months
    day_kind: str  # calendar | business | unspecified
    counted_from: str  # receipt | letter_date | unspecified
    sentence: str
    about: str  # appeal | external_review | other

    def to_json(self) -> dict[str, object]:
        return {
            "amount": self.amount,
            "unit": self.unit,
            "day_kind": self.day_kind,
            "from": self.counted_from,
            "sentence": self.sentence,
            "about": self.about,
        }


def windows(text: str) -> list[Window]:
    """Every "within N days/months" the letter states, with what it is about."""
    out = []
    for block in blocks(text):
        for sentence in sentences(block):
            for m in _WINDOW.finditer(sentence):
                unit = "months" if m.group("unit").lower().startswith("month") else "days"
                kind = (m.group("kind") or "").strip().lower() or "unspecified"
                kind = "business" if kind == "working" else kind
                tail = sentence[m.end() : m.end() + 90]
                if _FROM_LETTER.search(tail):
                    counted = "letter_date"
                elif _FROM_RECEIPT.search(tail):
                    counted = "receipt"
                else:
                    counted = "unspecified"
                out.append(
                    Window(int(m.group("n")), unit, kind, counted, sentence, _about(sentence))
                )
    return out


def _about(sentence: str) -> str:
    low = sentence.lower()
    if "external review" in low or "independent review" in low:
        return "external_review"
    if re.search(r"\bappeal|reconsideration|redetermination|grievance\b", low):
        return "appeal"
    return "other"
