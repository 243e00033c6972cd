"""Text plumbing shared by the extractors: sentences, evidence snippets, negation, dates.

Extracted PDF text keeps the layout's line breaks, so a "segment" is a sentence inside one
line: a table row or a labelled line stays whole, prose splits at sentence ends.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from .dates import DATE_RE, DateMatch, find_dates
from .scan import scan

EVIDENCE_CHARS = 160
# Between a value and a later date: another value or a word that hands the date to an earlier
# result ("33/48 (previously 41 on 2025-01-10)"), so that date does not belong to this value.
_OTHER_VALUE = re.compile(
    r"\d{2,}|\b(?:previous(?:ly)?|prior|baseline|down\s+from|up\s+from|compared|last)\b",
    re.IGNORECASE,
)
# The abbreviation checks follow the stop (same text checked) so the scan can skip to stops
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b[A-Z][.!?])(?<!\bDr[.!?])(?<!\bMr[.!?])(?<!\bMs[.!?])(?<!\bMrs[.!?])"
    r"(?<!\bvs[.!?])\s+"
)
_LINE_ENDS = re.compile(r"[.:;!?]\s*$|\s{2,}\S+\s*$")  # a line that ends a sentence or a row
_CONTINUES = re.compile(r"\s?[a-z(]")  # a next line that carries on a wrapped sentence
_NEGATION = re.compile(
    r"(?:\b(?:no|not|non|never|without|negative\s+for|absence\s+of|ruled?\s+out|rules\s+out"
    r"|neither|nor)\b|n't\b)[\s\w'-]*$",
    re.IGNORECASE,
)
_DOB_LABEL = re.compile(
    r"(?:\bDOB|\bD\.O\.B\.?|date\s+of\s+birth|\bbirth\s*date|\bborn(?:\s+on)?)\s*[:#\-]?\s*$",
    re.IGNORECASE,
)
# Labels that date a whole note or report; used when a measurement's own sentence has no date.
_DOC_DATE = re.compile(
    r"(?:date\s+of\s+(?:service|visit|exam(?:ination)?|assessment|test(?:ing)?|report|evaluation"
    r"|encounter|study|collection)|(?:visit|service|exam|encounter|assessment|test|report|study"
    r"|evaluation|collection|clinic)\s+date|\bDOS\b|\bcollected(?:\s+on)?|\bdrawn|\breported"
    r"|^\s*date)\s*[:#]?\s*(?P<d>" + DATE_RE + ")",
    re.IGNORECASE | re.MULTILINE,
)

# Where in lower-cased text a ``_DOC_DATE`` match can start: a line start or a label's letters
_DOC_DATE_START = re.compile(
    r"^|date|visit|service|exam|encounter|assessment|test|report|study|evaluation|collect"
    r"|clinic|dos|drawn",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Segment:
    start: int
    end: int


class Doc:
    """One text with its segments and dates computed once."""

    def __init__(
        self, text: str, page_starts: list[int] | None = None, today: date | None = None
    ) -> None:
        self.text = text
        self.page_starts = page_starts or []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.segments = list(_segments(text))
        self._seg_starts = [s.start for s in self.segments]
        self.dates = [d for d in find_dates(text, today=today) if not self._is_dob(d)]
        self._date_starts = [d.start for d in self.dates]
        self.lower = text.lower()
        self.doc_dates = [
            (m.start("d"), d.value)
            for m in scan(_DOC_DATE, _DOC_DATE_START, text, self.lower)
            for d in find_dates(m.group("d"), today=today)[:1]
        ]
        self._doc_date_starts = [p for p, _ in self.doc_dates]

    def _is_dob(self, d: DateMatch) -> bool:
        return bool(_DOB_LABEL.search(self.text[max(0, d.start - 25) : d.start]))

    def segment_at(self, pos: int) -> Segment:
        i = bisect_right(self._seg_starts, pos) - 1
        return self.segments[max(i, 0)] if self.segments else Segment(0, len(self.text))

    def line_at(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding ``pos``, end excluding the newline."""
        i = bisect_right(self._line_starts, pos) - 1
        nxt = self._line_starts[i + 1] - 1 if i + 1 < len(self._line_starts) else len(self.text)
        return self._line_starts[i], nxt

    def previous_line(self, pos: int) -> str:
        start, _ = self.line_at(pos)
        return self.text[slice(*self.line_at(start - 1))] if start > 0 else ""

    def evidence(self, start: int, end: int) -> str:
        """The segment around a match, whitespace collapsed, trimmed to ~160 characters."""
        seg = self.segment_at(start)
        s, e = seg.start, max(seg.end, end)
        if e - s > EVIDENCE_CHARS:
            s = max(s, start - EVIDENCE_CHARS // 3)
            e = min(e, s + EVIDENCE_CHARS)
        snippet = " ".join(self.text[s:e].split())
        if s > seg.start:
            snippet = "…" + snippet
        if e < seg.end:
            snippet += "…"
        return snippet

    def date_near(self, start: int, end: int) -> date | None:
        """The date in the same segment nearest the match (not a date of birth)."""
        seg = self.segment_at(start)
        seg_end = max(seg.end, end)
        i = bisect_left(self._date_starts, start)
        # dates do not overlap, so the nearest ones sit right around the match's position
        around = self.dates[max(i - 2, 0) : i + 2]
        inside = [
            d
            for d in around
            if d.start >= seg.start
            and d.end <= seg_end
            and not (d.start >= end and _OTHER_VALUE.search(self.text, end, d.start))
        ]
        if not inside:
            return None
        return min(inside, key=lambda d: min(abs(d.start - end), abs(start - d.end))).value

    def dates_in(self, start: int, end: int) -> list[DateMatch]:
        i, out = bisect_left(self._date_starts, start), []
        while i < len(self.dates) and self.dates[i].start < end:
            if self.dates[i].end <= end:
                out.append(self.dates[i])
            i += 1
        return out

    def page_of(self, pos: int) -> int | None:
        """1-based page of an offset when the text was joined from pages, else None."""
        return bisect_right(self.page_starts, pos) if self.page_starts else None

    def page_bounds(self, pos: int) -> tuple[int, int]:
        page = self.page_of(pos)
        if page is None:
            return 0, len(self.text)
        end = self.page_starts[page] if page < len(self.page_starts) else len(self.text)
        return self.page_starts[page - 1], end

    def fallback_date(self, pos: int) -> date | None:
        """The labelled document date (visit, service, collection...) governing ``pos``.

        The nearest one before it on the same page, else the first one on the page, else the
        nearest one before it anywhere: a multi-visit PDF dates each note by its own header.
        """
        lo, hi = self.page_bounds(pos)
        first_on_page = bisect_left(self._doc_date_starts, lo)
        last_before = bisect_right(self._doc_date_starts, pos) - 1
        if last_before >= first_on_page:
            return self.doc_dates[last_before][1]  # nearest before, same page
        if first_on_page < len(self.doc_dates) and self.doc_dates[first_on_page][0] < hi:
            return self.doc_dates[first_on_page][1]  # first on the page
        return self.doc_dates[last_before][1] if last_before >= 0 else None

    def negated(self, start: int) -> bool:
        """True when the words just before ``start`` in its clause negate it ("not", "no")."""
        lo = max(0, start - 80)
        window = self.text[lo:start]
        cut = max(window.rfind(ch) for ch in (".", ";", ",", ":", "\n", "(", "!", "?"))
        words = window[cut + 1 :].split()[-6:]
        return bool(_NEGATION.search(" ".join(words)))


def _segments(text: str) -> list[Segment]:
    """Sentences; a line wrapped mid-sentence (next line starts in lower case) is joined."""
    out: list[Segment] = []
    block_start = pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        end = pos + len(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        wrapped = (  # the cheap test on the next line first: most lines are not wrapped
            line.strip() and _CONTINUES.match(nxt) and not _LINE_ENDS.search(line)
        )
        if not wrapped:
            cut = block_start
            for m in _SENTENCE_END.finditer(text, block_start, end):
                out.append(Segment(cut, m.end()))
                cut = m.end()
            out.append(Segment(cut, end))
            block_start = end + 1
        pos = end + 1
    return out


COMPARATOR_BEFORE = re.compile(
    r"(?:>=?|<=?|≥|≤|=>|at\s+least|equal\s+to|greater\s+than|more\s+than|less\s+than|above|below|over|under"
    r"|minimum(?:\s+of)?|maximum(?:\s+of)?|exceed(?:s|ing)?|by|from|threshold(?:\s+of)?)\s*$",
    re.IGNORECASE,
)
COMPARATOR_AFTER = re.compile(
    r"^\s*(?:\+|or\s+(?:more|greater|higher|above|less|lower|below|better)|and\s+(?:above|over)"
    r"|(?:points?\s+)?(?:to|->|→)\s*\d|%?\s*or\s+(?:more|greater|higher|above))",
    re.IGNORECASE,
)


def is_threshold(text: str, start: int, end: int) -> bool:
    """True when a number reads as a rule or a change ("at least 24", "65% or more", "by 3")."""
    return bool(
        COMPARATOR_BEFORE.search(text[max(0, start - 20) : start])
        or COMPARATOR_AFTER.search(text[end : end + 20])
    )
