"""The bundle's own text (cover, contents, crosswalk, page stamps) set by Qt in DejaVu Sans.

Qt shapes the text (Vietnamese marks, Arabic joining, bidi runs) and writes it to PDF with the
font embedded as a subset and a ToUnicode map, so every name prints and extracts exactly; the
standard Helvetica the bundle used before has no glyph beyond Latin-1. The fonts ship in
``resources/fonts`` (DejaVu, free licence beside them), never taken from the system, so a
bundle looks the same on every machine.

Drawings are described as ``Sheet`` objects (PDF coordinates, y up), rendered by Qt into one
small PDF per batch, and each page of that PDF is copied into the bundle as a form XObject by
``Imported`` (through the sanitizing ``Copier``), so fonts are embedded once per batch.
"""

from __future__ import annotations

import io
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from ..document.qt_support import ensure_gui_app
from ..paths import resources_dir
from ..textclean import clean_text
from ..wrapping import greedy_wrap
from .copier import Copier, resolve
from .pdfsink import PdfSink, num

FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
ELLIPSIS = "\u2026"
_lock = threading.RLock()
_family: str | None = None
_metrics: dict[tuple[float, bool], QFontMetricsF] = {}
_device: QPdfWriter | None = None
_device_buffer = QBuffer()  # the metrics device's output: never written, kept alive with it
_char_widths: dict[tuple[float, bool], dict[str, float]] = {}


class FontMissing(RuntimeError):
    """The bundled fonts are not where the package says (a broken install)."""


def family() -> str:
    """Register the bundled DejaVu Sans (regular and bold) once; its family name."""
    global _family
    with _lock:
        if _family is None:
            ensure_gui_app()
            names: set[str] = set()
            for name in FONT_FILES.values():
                path = resources_dir() / "fonts" / name
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id < 0:
                    raise FontMissing(f"cannot load the bundled font {path}")
                names.update(QFontDatabase.applicationFontFamilies(font_id))
            if len(names) != 1:
                raise FontMissing(f"bundled fonts name unexpected families: {sorted(names)}")
            _family = names.pop()
        return _family


def qfont(size: float, bold: bool = False) -> QFont:
    font = QFont(family())
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
    # Latin ligatures (fi, fl) would extract as one presentation-form character and break a
    # search for "confirmed"; Arabic joining is shaping, not these optional features.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def metrics(size: float, bold: bool = False) -> QFontMetricsF:
    """Metrics in points (measured against a 72 dpi PDF device, not the screen)."""
    global _device
    key = (size, bold)
    found = _metrics.get(key)
    if found is None:
        family()
        with _lock:
            if _device is None:
                _device = QPdfWriter(_device_buffer)
                _device.setResolution(72)
            found = QFontMetricsF(qfont(size, bold), _device)
            _metrics[key] = found
    return found


def text_width(value: str, size: float, bold: bool = False) -> float:
    """Width of ``value`` in points, shaped as it will be drawn."""
    return metrics(size, bold).horizontalAdvance(value) if value else 0.0


def _char_width(ch: str, size: float, bold: bool) -> float:
    table = _char_widths.setdefault((size, bold), {})
    width = table.get(ch)
    if width is None:
        width = table[ch] = metrics(size, bold).horizontalAdvance(ch)
    return width


def _split_long(word: str, width: float, size: float, bold: bool) -> list[str]:
    """Cut a word wider than ``width`` into pieces that fit. Linear: each character's advance is
    looked up once (per distinct character) and each piece is measured once shaped, so a
    100,000-character word costs no more than its length."""
    pieces: list[str] = []
    start, n = 0, len(word)
    while start < n:
        used, end = 0.0, start
        while end < n:
            step = _char_width(word[end], size, bold)
            if used + step > width and end > start:
                break
            used += step
            end += 1
        # never separate a base letter from its combining marks
        while start + 1 < end < n and unicodedata.combining(word[end]):
            end -= 1
        # the shaped piece may be a little wider than the sum (kerning, joining): give back
        # characters until it fits; a handful at most
        while end - start > 1 and text_width(word[start:end], size, bold) > width:
            end -= 1
        pieces.append(word[start:end])
        start = end
    return pieces


def wrap(value: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width`` points, as set by Qt; a word longer than a line is cut
    where its shaped pieces fit (see ``_split_long``)."""
    return greedy_wrap(
        value,
        width,
        lambda text: text_width(text, size, bold),
        lambda word: _split_long(word, width, size, bold),
    )


def elide(value: str, width: float, size: float, bold: bool = False) -> str:
    """``value`` cut at the end with an ellipsis to fit ``width`` (Qt's elision is linear)."""
    if text_width(value, size, bold) <= width:
        return value
    return metrics(size, bold).elidedText(value, Qt.TextElideMode.ElideRight, max(width, 0.0))


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline, PDF coordinates (from the bottom)
    value: str
    size: float
    bold: bool = False
    align: str = "left"  # left: x is where it starts; right: x is where it ends


@dataclass(frozen=True)
class Rule:
    x0: float
    x1: float
    y: float
    weight: float = 0.5
    gray: float = 0.5


@dataclass
class Sheet:
    """One page of drawing, in points."""

    width: float
    height: float
    items: list[Text | Rule] = field(default_factory=list)

    def text(self, *args: object, **kw: object) -> None:
        self.items.append(Text(*args, **kw))  # type: ignore[arg-type]


def render(sheets: Sequence[Sheet]) -> bytes:
    """A PDF with one page per sheet, text set by Qt with the bundled font embedded."""
    if not sheets:
        raise ValueError("nothing to render")
    family()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(72)
    writer.setCreator("Qalsody PA Desk")
    painter: QPainter | None = None
    try:
        for i, sheet in enumerate(sheets):
            layout = QPageLayout(
                QPageSize(
                    QSizeF(sheet.width, sheet.height),
                    QPageSize.Unit.Point,
                    "",
                    QPageSize.SizeMatchPolicy.ExactMatch,
                ),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Point,
            )
            writer.setPageLayout(layout)
            if i == 0:
                painter = QPainter(writer)
                # the bundle reads left to right: a right-to-left name is a run inside it (the
                # default, Auto, would turn "حداد, Layla" into a right-to-left line)
                painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            else:
                writer.newPage()
            assert painter is not None
            _paint(painter, sheet)
    finally:
        if painter is not None:
            painter.end()
        buffer.close()
    return bytes(data.data())


def _paint(painter: QPainter, sheet: Sheet) -> None:
    for item in sheet.items:
        if isinstance(item, Rule):
            pen = QPen(QColor.fromRgbF(item.gray, item.gray, item.gray))
            pen.setWidthF(item.weight)
            painter.setPen(pen)
            y = sheet.height - item.y
            painter.drawLine(QPointF(item.x0, y), QPointF(item.x1, y))
            continue
        value = clean_text(item.value).replace("\n", " ").replace("\t", " ")
        if not value:
            continue
        painter.setPen(QColor(0, 0, 0))
        painter.setFont(qfont(item.size, item.bold))
        x = item.x
        if item.align == "right":
            x -= text_width(value, item.size, item.bold)
        painter.drawText(QPointF(x, sheet.height - item.y), value)


# Presentation forms (the shaped glyphs' own code points: Arabic initial/medial/final forms,
# Latin ligatures) read back as the letters they show, so a search for a name finds it:
# U+FB00-FDFF and U+FE70-FEFF, mapped by NFKC.
_TOUNICODE_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _plain_letter(match: re.Match[bytes]) -> bytes:
    code = int(match.group(1), 16)
    if code == 0x09:
        return b"<0020>"
    if 0xFB00 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        letters = unicodedata.normalize("NFKC", chr(code)).strip() or chr(code)
        return b"<" + letters.encode("utf-16-be").hex().upper().encode() + b">"
    return match.group(0)


def _plain_text(cmap: bytes) -> bytes:
    """A ToUnicode map with shaped forms as letters, and the space glyph as a space (DejaVu
    maps tab and space to one glyph, and Qt names it by the first, U+0009)."""
    return _TOUNICODE_HEX.sub(_plain_letter, cmap)


class Imported:
    """Pages of a rendered PDF drawn into one bundle file as form XObjects.

    The reader and its copier live as long as the bundle file, so the font the pages share is
    copied into that file once, however many pages use it.
    """

    def __init__(self, pdf: bytes, sink: PdfSink):
        self.reader = PdfReader(io.BytesIO(pdf))
        self.sink = sink
        self.copier = Copier(self.reader, sink)
        self._forms: dict[int, int] = {}
        self._fonts_seen: set[int] = set()

    def __len__(self) -> int:
        return len(self.reader.pages)

    def size(self, index: int) -> tuple[float, float]:
        box = self.reader.pages[index].mediabox
        return float(box.width), float(box.height)

    def form(self, index: int) -> int:
        """The object number of page ``index`` as a form XObject (written on first use)."""
        number = self._forms.get(index)
        if number is None:
            page = self.reader.pages[index]
            width, height = self.size(index)
            number = self.sink.reserve()
            filters, data = self.copier.content_stream(page, [])
            resources = dict.get(page, "/Resources")
            self._fix_fonts(resolve(resources))
            entries = b" /Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources %s" % (
                num(width),
                num(height),
                self.copier.serialize(resources)
                if isinstance(resources, DictionaryObject | IndirectObject)
                else b"<< >>",
            )
            self.sink.write_stream(number, entries + filters, data)
            self.copier.flush()
            self._forms[index] = number
        return number

    def _fix_fonts(self, resources: object) -> None:
        """Correct each font's ToUnicode map (see ``_plain_text``) before it is copied."""
        fonts = resolve(resources.get("/Font")) if isinstance(resources, DictionaryObject) else None
        if not isinstance(fonts, DictionaryObject):
            return
        for ref in fonts.values():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key in self._fonts_seen:
                continue
            self._fonts_seen.add(key)
            font = resolve(ref)
            cmap = resolve(font.get("/ToUnicode")) if isinstance(font, DictionaryObject) else None
            if isinstance(cmap, StreamObject):
                old = cmap.get_data()
                new = _plain_text(old)
                if new != old:
                    cmap.set_data(new)

    @staticmethod
    def draw(name: bytes, dx: float = 0.0, dy: float = 0.0) -> bytes:
        """Operators drawing the form named ``name`` in the page resources, shifted by (dx, dy)."""
        if dx or dy:
            return b"q 1 0 0 1 %s %s cm %s Do Q" % (num(dx), num(dy), name)
        return b"%s Do" % name
