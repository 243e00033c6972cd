"""Flowing Helvetica text onto Letter pages: the cover, contents and crosswalk.

Standard Helvetica needs no embedded font and extracts as plain text, so a reviewer's
software (and the tests) read exactly what is printed. Pages stop above the stamp band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..synthetic.pdfwriter import text_width, wrap
from .geometry import BAND, LETTER_H, LETTER_W
from .pdfsink import num, text

REGULAR, BOLD = b"/QF1", b"/QF2"
MARGIN = 54.0
BOTTOM = BAND + 18.0


@dataclass(frozen=True)
class Column:
    width: float
    align: str = "left"  # left | right


class Composer:
    """Collects drawing operators page by page; ``pages()`` returns each page's content."""

    def __init__(self, size: float = 10.0):
        self.size = size
        self.left, self.right = MARGIN, LETTER_W - MARGIN
        self._pages: list[list[bytes]] = [[]]
        self.y = LETTER_H - MARGIN

    @property
    def width(self) -> float:
        return self.right - self.left

    def new_page(self) -> None:
        self._pages.append([])
        self.y = LETTER_H - MARGIN

    def room(self, height: float) -> None:
        if self.y - height < BOTTOM and self._pages[-1]:
            self.new_page()

    def put(self, x: float, y: float, value: str, size: float, bold: bool = False) -> None:
        font = BOLD if bold else REGULAR
        self._pages[-1].append(
            b"BT %s %s Tf 1 0 0 1 %s %s Tm %s Tj ET"
            % (font, num(size), num(x), num(y), text(value))
        )

    def heading(self, value: str, size: float = 16.0) -> None:
        for line in wrap(value, self.width, size, bold=True):
            self.room(size * 1.4)
            self.y -= size * 1.25
            self.put(self.left, self.y, line, size, bold=True)
        self.y -= size * 0.5

    def paragraph(
        self, value: str, *, size: float | None = None, bold: bool = False, indent: float = 0.0
    ) -> None:
        size = size or self.size
        for line in wrap(value, self.width - indent, size, bold):
            self.room(size * 1.35)
            self.y -= size * 1.35
            if line:
                self.put(self.left + indent, self.y, line, size, bold)
        self.y -= size * 0.45

    def fields(self, pairs: Sequence[tuple[str, str]], label_width: float = 110.0) -> None:
        """Bold labels with their values beside them; long values wrap under themselves."""
        for label, value in pairs:
            lines = wrap(value, self.width - label_width, self.size) or [""]
            self.room(self.size * 1.4 * len(lines))
            for i, line in enumerate(lines):
                self.y -= self.size * 1.4
                if i == 0:
                    self.put(self.left, self.y, label, self.size, bold=True)
                if line:
                    self.put(self.left + label_width, self.y, line, self.size)
        self.y -= self.size * 0.5

    def row(
        self,
        cells: Sequence[str],
        columns: Sequence[Column],
        *,
        bold: bool = False,
        indent: float = 0.0,
        size: float | None = None,
    ) -> None:
        """One table row; each cell wraps within its column and the row is as tall as its
        tallest cell. A row never breaks across pages."""
        size = size or self.size
        wrapped = []
        for i, (cell, col) in enumerate(zip(cells, columns, strict=True)):
            width = col.width - 6 - (indent if i == 0 else 0)
            wrapped.append(wrap(cell, width, size, bold) if cell else [])
        height = max(1, *(len(w) for w in wrapped)) * size * 1.3
        self.room(height + 2)
        x = self.left
        for i, (lines, col) in enumerate(zip(wrapped, columns, strict=True)):
            y = self.y
            for line in lines:
                y -= size * 1.3
                if col.align == "right":
                    self.put(x + col.width - 6 - text_width(line, size, bold), y, line, size, bold)
                else:
                    self.put(x + (indent if i == 0 else 0), y, line, size, bold)
            x += col.width
        self.y -= height + 3

    def rule(self, gap: float = 4.0, weight: float = 0.5) -> None:
        self.y -= gap
        self._pages[-1].append(
            b"q %s w 0.5 G %s %s m %s %s l S Q"
            % (num(weight), num(self.left), num(self.y), num(self.right), num(self.y))
        )
        self.y -= gap

    def spacer(self, points: float = 8.0) -> None:
        self.y -= points

    def pages(self) -> list[bytes]:
        return [b"\n".join(ops) for ops in self._pages if ops] or [b""]
