"""A tiny PDF writer with no dependencies: text pages in Helvetica, headings, image-only pages.

Synthetic test and demo documents must be real PDFs (qpdf-clean, readable by pypdf and
viewers) without pulling a PDF library into the app; standard Helvetica needs no embedded
font, and an image-only page is exactly what a scan without OCR looks like.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..wrapping import greedy_wrap

LETTER = (612.0, 792.0)

# Helvetica advance widths (1/1000 em) for ASCII 32..126, from the standard AFM metrics.
_HELV = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip
_BOLD_FACTOR = 1.08  # Helvetica-Bold is about this much wider; wrapping keeps a margin anyway
_REPLACE = {"≥": ">=", "≤": "<=", "→": "->", "×": "x", "−": "-", "☐": "[ ]", "☒": "[X]"}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points when set in Helvetica (Bold) at ``size``."""
    units = sum(_HELV[ord(c) - 32] if 32 <= ord(c) <= 126 else 556 for c in text)
    return units * size / 1000 * (_BOLD_FACTOR if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width`` points in Helvetica (no kerning here, so widths add up
    exactly and a long word is cut character by character)."""
    return greedy_wrap(text, width, lambda value: text_width(value, size, bold))


def pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi: parentheses and backslashes escaped, 8-bit as octal."""
    for src, dst in _REPLACE.items():
        text = text.replace(src, dst)
    raw = text.encode("cp1252", errors="replace")
    out = bytearray(b"(")
    for b in raw:
        if b in b"()\\":
            out += b"\\" + bytes([b])
        elif b < 32 or b > 126:
            out += b"\\%03o" % b
        else:
            out.append(b)
    out += b")"
    return bytes(out)


@dataclass
class _Page:
    ops: list[bytes] = field(default_factory=list)
    image: tuple[int, int, bytes] | None = None  # width, height, 8-bit gray pixels


class PdfWriter:
    """Flowing text on Letter pages: call heading/paragraph/rows/table, then ``to_bytes``."""

    def __init__(
        self,
        *,
        title: str = "",
        author: str = "",
        footer: str | None = None,
        page_size: tuple[float, float] = LETTER,
        margin: float = 54.0,
        font_size: float = 10.0,
        creation_date: str | None = None,
        compress: bool = True,
    ) -> None:
        self.title, self.author, self.footer = title, author, footer
        self.width, self.height = page_size
        self.margin, self.size = margin, font_size
        self.creation_date, self.compress = creation_date, compress
        self.pages: list[_Page] = []
        self.y = 0.0
        self._new_page()

    # -- layout --------------------------------------------------------------------------

    @property
    def line_width(self) -> float:
        return self.width - 2 * self.margin

    def _new_page(self) -> None:
        self.pages.append(_Page())
        self.y = self.height - self.margin

    def _room(self, needed: float) -> None:
        if self.y - needed < self.margin + 18:  # keep the footer band clear
            self._new_page()

    def _text(self, x: float, y: float, text: str, size: float, bold: bool) -> None:
        font = b"/F2" if bold else b"/F1"
        self.pages[-1].ops.append(
            b"BT %s %.1f Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (font, size, x, y, pdf_string(text))
        )

    def heading(self, text: str, level: int = 1) -> None:
        """A bold heading: level 1 large, 2 medium, 3 body-size."""
        size = {1: 16.0, 2: 12.5}.get(level, self.size + 0.5)
        self.spacer(size * 0.4 if self.y < self.height - self.margin else 0)
        for line in wrap(text, self.line_width, size, bold=True):
            self._room(size * 1.3)
            self.y -= size * 1.25
            self._text(self.margin, self.y, line, size, True)
        self.y -= size * 0.35

    def paragraph(
        self, text: str, *, bold: bool = False, size: float | None = None, indent: float = 0
    ) -> None:
        """Wrapped text; newlines in ``text`` start new lines."""
        size = size or self.size
        for line in wrap(text, self.line_width - indent, size, bold):
            self._room(size * 1.35)
            self.y -= size * 1.35
            if line:
                self._text(self.margin + indent, self.y, line, size, bold)
        self.y -= size * 0.5

    def rows(self, pairs: list[tuple[str, str]], label_width: float = 150) -> None:
        """Label/value rows, the label bold; long values wrap under themselves."""
        for label, value in pairs:
            lines = wrap(value, self.line_width - label_width, self.size)
            self._room(self.size * 1.35 * len(lines))
            for i, line in enumerate(lines):
                self.y -= self.size * 1.35
                if i == 0:
                    self._text(self.margin, self.y, label, self.size, True)
                if line:
                    self._text(self.margin + label_width, self.y, line, self.size, False)
        self.y -= self.size * 0.5

    def table(self, header: list[str], body: list[list[str]], widths: list[float]) -> None:
        """A simple grid: bold header row, one line per row, cells clipped to their width."""
        for r, row in enumerate([header, *body]):
            self._room(self.size * 1.4)
            self.y -= self.size * 1.4
            x = self.margin
            for cell, w in zip(row, widths, strict=False):
                text = cell
                while text and text_width(text, self.size, r == 0) > w - 4:
                    text = text[:-1]
                if text:
                    self._text(x, self.y, text, self.size, r == 0)
                x += w
            if r == 0:
                self.rule(gap=2)
        self.y -= self.size * 0.5

    def rule(self, gap: float = 4) -> None:
        """A thin horizontal line across the text width."""
        self.y -= gap
        x1, x2 = self.margin, self.width - self.margin
        self.pages[-1].ops.append(b"0.5 w %.2f %.2f m %.2f %.2f l S" % (x1, self.y, x2, self.y))
        self.y -= gap

    def spacer(self, points: float = 8) -> None:
        self.y -= points

    def page_break(self) -> None:
        self._new_page()

    def image_page(self, width: int, height: int, gray: bytes) -> None:
        """A page holding only a full-page 8-bit grayscale image: a scan with no text layer."""
        if len(gray) != width * height:
            raise ValueError("gray must hold width * height bytes")
        last = self.pages[-1]
        if last.ops or last.image:
            self._new_page()
        self.pages[-1].image = (width, height, gray)
        self._new_page()

    # -- output --------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The finished PDF; blank trailing pages left by the flow are dropped."""
        pages = [p for p in self.pages if p.ops or p.image] or [_Page()]
        objects: list[bytes] = [b"", b"", _font(b"Helvetica"), _font(b"Helvetica-Bold")]
        kids = []
        for number, page in enumerate(pages, start=1):
            content, resources = self._page_content(page, number, len(pages), objects)
            objects.append(self._stream(b"", content))
            page_obj = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] " % (
                _num(self.width),
                _num(self.height),
            )
            objects.append(
                page_obj + b"/Resources %s /Contents %d 0 R >>" % (resources, len(objects))
            )
            kids.append(len(objects))
        objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
        refs = b" ".join(b"%d 0 R" % k for k in kids)
        objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
        info = [b"/Producer (Qalsody PA Desk synthetic)"]
        if self.title:
            info.append(b"/Title " + pdf_string(self.title))
        if self.author:
            info.append(b"/Author " + pdf_string(self.author))
        if self.creation_date:
            info.append(b"/CreationDate " + pdf_string(f"D:{self.creation_date}"))
        objects.append(b"<< " + b" ".join(info) + b" >>")
        return _serialize(objects, info_ref=len(objects))

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_bytes(self.to_bytes())
        return path

    def _page_content(
        self, page: _Page, number: int, total: int, objects: list[bytes]
    ) -> tuple[bytes, bytes]:
        ops = list(page.ops)
        if page.image:
            w, h, gray = page.image
            objects.append(
                self._stream(
                    b"/Type /XObject /Subtype /Image /Width %d /Height %d "
                    b"/ColorSpace /DeviceGray /BitsPerComponent 8 " % (w, h),
                    gray,
                    force=True,
                )
            )
            ops = [b"q %s 0 0 %s 0 0 cm /Im1 Do Q" % (_num(self.width), _num(self.height))]
            return b"\n".join(ops), b"<< /XObject << /Im1 %d 0 R >> >>" % len(objects)
        if self.footer:
            text = self.footer.format(page=number, pages=total)
            ops.append(
                b"BT /F1 8 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET"
                % (self.margin, self.margin - 24, pdf_string(text))
            )
        return b"\n".join(ops), b"<< /Font << /F1 3 0 R /F2 4 0 R >> >>"

    def _stream(self, dict_body: bytes, data: bytes, force: bool = False) -> bytes:
        if self.compress or force:
            data = zlib.compress(data, 9)
            dict_body += b"/Filter /FlateDecode "
        return b"<< %s/Length %d >>\nstream\n%s\nendstream" % (dict_body, len(data), data)


def _font(name: bytes) -> bytes:
    return b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name


def _num(value: float) -> bytes:
    return (b"%.2f" % value).rstrip(b"0").rstrip(b".")


def _serialize(objects: list[bytes], info_ref: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    digest = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().encode()
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        info_ref,
        digest,
        digest,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
