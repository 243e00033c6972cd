"""Flowing text onto Letter pages: the cover, contents and crosswalk.

The text is set by Qt in the bundled DejaVu Sans (``textengine``): any name a clinic serves
(Vietnamese, Spanish, Arabic script) prints as typed, embedded as a font subset, and extracts
as plain text, so a reviewer's software (and the tests) read exactly what is printed. Each
finished page is a one-page PDF that the writer draws as a form. Pages stop above the stamp
band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .geometry import BAND, LETTER_H, LETTER_W
from .textengine import Rule, Sheet, Text, render, text_width, wrap

MARGIN = 54.0
BOTTOM = BAND + 18.0


@dataclass(frozen=True)
class Column:
    width: float
    align: str = "left"  # left | right


class Composer:
    """Collects drawing page by page; ``pages()`` returns each page as a one-page PDF."""

    def __init__(self, size: float = 10.0):
        self.size = size
        self.left, self.right = MARGIN, LETTER_W - MARGIN
        self._sheets: list[Sheet] = [Sheet(LETTER_W, LETTER_H)]
        self.y = LETTER_H - MARGIN

    @property
    def width(self) -> float:
        return self.right - self.left

    def new_page(self) -> None:
        self._sheets.append(Sheet(LETTER_W, LETTER_H))
        self.y = LETTER_H - MARGIN

    def room(self, height: float) -> None:
        if self.y - height < BOTTOM and self._sheets[-1].items:
            self.new_page()

    def put(
        self, x: float, y: float, value: str, size: float, bold: bool = False, align: str = "left"
    ) -> None:
        self._sheets[-1].items.append(Text(x, y, value, size, bold, align))

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
                self.room(self.size * 1.4)
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
        tallest cell. A row never breaks across pages (unless it is taller than a page)."""
        size = size or self.size
        wrapped = []
        for i, (cell, col) in enumerate(zip(cells, columns, strict=True)):
            width = col.width - 6 - (indent if i == 0 else 0)
            wrapped.append(wrap(cell, width, size, bold) if cell else [])
        lines = max(1, *(len(w) for w in wrapped))
        per_page = max(1, int((LETTER_H - MARGIN - BOTTOM) // (size * 1.3)) - 1)
        for start in range(0, lines, per_page):  # a giant cell continues on the next page
            height = min(per_page, lines - start) * size * 1.3
            self.room(height + 2)
            x = self.left
            for i, (cell_lines, col) in enumerate(zip(wrapped, columns, strict=True)):
                y = self.y
                for line in cell_lines[start : start + per_page]:
                    y -= size * 1.3
                    if col.align == "right":
                        self.put(x + col.width - 6, y, line, size, bold, align="right")
                    else:
                        self.put(x + (indent if i == 0 else 0), y, line, size, bold)
                x += col.width
            self.y -= height + 3

    def rule(self, gap: float = 4.0, weight: float = 0.5) -> None:
        self.y -= gap
        self._sheets[-1].items.append(Rule(self.left, self.right, self.y, weight))
        self.y -= gap

    def spacer(self, points: float = 8.0) -> None:
        self.y -= points

    def pages(self) -> list[bytes]:
        """Each page drawn so far as a one-page PDF (a blank page if nothing was drawn)."""
        sheets = [s for s in self._sheets if s.items] or [Sheet(LETTER_W, LETTER_H)]
        return [render([sheet]) for sheet in sheets]


__all__ = ["Column", "Composer", "text_width"]
