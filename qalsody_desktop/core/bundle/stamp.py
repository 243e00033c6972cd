"""The line printed along the bottom of every bundle page.

Patient name, date of birth and member ID let a payer file any loose page; "Page X of Y"
shows a page is missing; an optional Bates number (prefix + running number) identifies each
page for good. It sits in the band ``geometry.BAND`` that the page content never covers.

The text is set by Qt in the bundled Unicode font (``textengine``), so a name outside Latin-1
prints exactly. All stamps of one bundle file are rendered in one go into a small PDF: the
patient line once per page width, and one "Page X of Y" per page, all sharing one embedded
font; each page of the bundle then draws two small forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .geometry import LETTER_H, LETTER_W
from .pdfsink import PdfSink
from .textengine import Imported, Rule, Sheet, Text, elide, render, text_width

SIZE = 7.5
SIDE = 36.0
BASELINE = 14.0
RULE_Y = 27.0
BATES_DIGITS = 6
WITHHELD = "Patient identifiers not stamped: this page names another person"
SHEET_H = 36.0  # the stamp band
WIDTHS = (LETTER_W, LETTER_H)  # every bundle page is Letter, upright or turned
GAP = 12.0  # between the patient line and the page number
MIN_NAME = 60.0  # points a shortened name keeps, however long the rest


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
    return left, right_text(info, number, part)


def right_text(info: StampInfo, number: int, part: int) -> str:
    right = f"Page {number} of {info.total}"
    if info.parts > 1:
        right += f"  |  Part {part} of {info.parts}"
    bates = info.bates(number)
    if bates:
        right += f"  |  {bates}"
    return right


def left_items(info: StampInfo, page_width: float) -> list[Text]:
    """The patient line as separate runs: the name, then DOB and member ID after it.

    Drawn apart, a right-to-left name cannot pull the separators or the DOB into its run.
    Only the name is shortened (with an ellipsis) when the line would reach the page number.
    """
    widest = right_text(info, info.total, info.parts)
    room = page_width - 2 * SIDE - GAP - text_width(widest, SIZE)
    rest = f"  |  DOB {info.dob}  |  Member ID {info.member_id}"
    name = elide(info.patient, max(room - text_width(rest, SIZE), MIN_NAME), SIZE)
    used = text_width(name, SIZE)
    rest = elide(rest, max(room - used, 0.0), SIZE)
    return [Text(SIDE, BASELINE, name, SIZE), Text(SIDE + used, BASELINE, rest, SIZE)]


class Stamper:
    """Stamp overlays for the pages of one bundle file.

    ``bind`` renders the stamps of the given page numbers (one Qt run) and ties them to the
    file's sink; ``overlay`` then gives a page's operators and the forms they use.
    """

    def __init__(self, info: StampInfo):
        self.info = info
        self._imported: Imported | None = None
        self._index: dict[tuple[str, float | int], int] = {}

    def bind(self, sink: PdfSink, numbers: Iterable[int], part: int) -> None:
        sheets: list[Sheet] = []
        for width in WIDTHS:
            sheet = Sheet(width, SHEET_H, [Rule(SIDE, width - SIDE, RULE_Y, 0.5, 0.55)])
            sheet.items.extend(left_items(self.info, width))
            self._index[("left", width)] = len(sheets)
            sheets.append(sheet)
            withheld = Sheet(width, SHEET_H, [Rule(SIDE, width - SIDE, RULE_Y, 0.5, 0.55)])
            withheld.items.append(Text(SIDE, BASELINE, WITHHELD, SIZE))
            self._index[("withheld", width)] = len(sheets)
            sheets.append(withheld)
        for number in numbers:
            value = right_text(self.info, number, part)
            self._index[("right", number)] = len(sheets)
            sheets.append(
                Sheet(
                    LETTER_W,
                    SHEET_H,
                    [Text(LETTER_W - SIDE, BASELINE, value, SIZE, False, "right")],
                )
            )
        self._imported = Imported(render(sheets), sink)

    def overlay(
        self, number: int, page_width: float, *, identify: bool = True
    ) -> tuple[bytes, dict[bytes, int]]:
        """(operators, {resource name: form object}) stamping page ``number``.

        ``identify=False``: a page whose own identifiers are another person's gets no patient
        identifiers of ours, only its page number."""
        imported = self._imported
        if imported is None:
            raise RuntimeError("Stamper.bind must come first")
        width = min(WIDTHS, key=lambda w: abs(w - page_width))
        left = imported.form(self._index[("left" if identify else "withheld", width)])
        right = imported.form(self._index[("right", number)])
        ops = b"\n".join(
            [Imported.draw(b"/QSt1"), Imported.draw(b"/QSt2", dx=page_width - LETTER_W)]
        )
        return ops, {b"/QSt1": left, b"/QSt2": right}
