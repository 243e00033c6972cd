"""The line printed along the bottom of every bundle page.

Patient name, date of birth and member ID let a payer file any loose page; "Page X of Y"
shows a page is missing; an optional Bates number (prefix + running number) identifies each
page for good. It sits in the band ``geometry.BAND`` that the page content never covers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..synthetic.pdfwriter import text_width
from .layout import REGULAR
from .pdfsink import num, text

SIZE = 7.5
SIDE = 36.0
BASELINE = 14.0
RULE_Y = 27.0
BATES_DIGITS = 6
WITHHELD = "Patient identifiers not stamped: this page names another person"


@dataclass(frozen=True)
class StampInfo:
    patient: str
    dob: str
    member_id: str
    total: int
    parts: int = 1
    bates_prefix: str | None = None
    bates_start: int = 1

    def bates(self, number: int) -> str | None:
        if self.bates_prefix is None:
            return None
        return f"{self.bates_prefix}{self.bates_start + number - 1:0{BATES_DIGITS}d}"


def stamp_texts(info: StampInfo, number: int, part: int) -> tuple[str, str]:
    left = f"{info.patient}  |  DOB {info.dob}  |  Member ID {info.member_id}"
    right = f"Page {number} of {info.total}"
    if info.parts > 1:
        right += f"  |  Part {part} of {info.parts}"
    bates = info.bates(number)
    if bates:
        right += f"  |  {bates}"
    return left, right


_WIDTHS = [text_width(chr(c), 1000.0) for c in range(256)]


def _width(value: str) -> float:
    """``text_width`` at 1000 pt, by table (a stamp is measured on every page)."""
    return sum(map(_WIDTHS.__getitem__, value.encode("latin-1", "replace")))


class Stamper:
    """Stamp operators for every page of one build; the patient line is fitted once."""

    def __init__(self, info: StampInfo):
        self.info = info
        self._left: dict[float, str] = {}

    def _fitted_left(self, page_width: float) -> str:
        if page_width not in self._left:
            left, widest = stamp_texts(self.info, self.info.total, self.info.parts)
            room = (page_width - 2 * SIDE - 12) * 1000 / SIZE - _width(widest)
            while left and _width(left) > room:
                left = left[:-2] + "~"  # never overlap the page number; a shortened name shows
            self._left[page_width] = left
        return self._left[page_width]

    def ops(self, number: int, part: int, page_width: float, *, identify: bool = True) -> bytes:
        """``identify=False``: a page whose own identifiers are another person's gets no
        patient identifiers of ours, only its page number."""
        _, right = stamp_texts(self.info, number, part)
        right_w = _width(right) * SIZE / 1000
        rule = b"q 0.5 w 0.55 G %s %s m %s %s l S Q" % (
            num(SIDE),
            num(RULE_Y),
            num(page_width - SIDE),
            num(RULE_Y),
        )
        left = _line(SIDE, self._fitted_left(page_width) if identify else WITHHELD)
        return b"\n".join([rule, left, _line(page_width - SIDE - right_w, right)])


def _line(x: float, value: str) -> bytes:
    return b"BT 0 g %s %s Tf 1 0 0 1 %s %s Tm %s Tj ET" % (
        REGULAR,
        num(SIZE),
        num(x),
        num(BASELINE),
        text(value),
    )
