"""Damaged compressed streams: find them, repair what can be decoded, else draw the page as an
image.

Real-world PDFs carry Flate streams a viewer shrugs off (a wrong zlib header, a cut-off tail)
but a strict reader cannot decode; copied as stored they make the bundle fail ``qpdf --check``
and some fax software refuse it. Every Flate stream the bundle copies is test-decoded
(streaming, in bounded chunks, so a bomb costs time but no memory). A bad header or checksum is
repaired by inflating the raw deflate data; a page whose content cannot be decoded whole is
rendered by PDFium (QtPdf) into an image page, and both are reported. The zlib checks
themselves are in ``core.pdfstreams`` (intake uses them too).
"""

from __future__ import annotations

from pathlib import Path

from .geometry import Box
from .pdfsink import PdfSink, num

RASTER_DPI = 150
DAMAGED_PAGE = (
    "page {page}: its content is damaged beyond repair; the page is an image drawn from it"
    " by PDFium (check it against the original)"
)
REPAIRED = "a damaged compressed stream was repaired (its data was recovered whole)"
PART_LOST = "a damaged compressed stream was only partly recovered (a picture or font may be off)"


class DamagedPage(Exception):
    """A page's own drawing cannot be decoded; the page must be drawn from an image."""


def render_page(path: Path, index: int) -> tuple[bytes, bytes, float, float]:
    """Page ``index`` (0-based) of ``path`` drawn by PDFium as shown (its crop box, its own
    rotation): (image entries, JPEG data, width and height in points)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    from ..document.qt_support import ensure_gui_app

    ensure_gui_app()
    document = QPdfDocument()
    try:
        document.load(str(path))
        if document.status() != QPdfDocument.Status.Ready or index >= document.pageCount():
            raise DamagedPage("the page cannot be rendered either")
        points = document.pagePointSize(index)
        width, height = max(points.width(), 1.0), max(points.height(), 1.0)
        size = QSize(round(width * RASTER_DPI / 72), round(height * RASTER_DPI / 72))
        rendered = document.render(index, size)
        if rendered.isNull():
            raise DamagedPage("the page cannot be rendered either")
        image = QImage(rendered.size(), QImage.Format.Format_RGB888)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
    finally:
        document.close()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)  # type: ignore[call-overload]  # the stubs want bytes; Qt wants str
    buffer.close()
    entries = (
        b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB"
        b" /BitsPerComponent 8 /Filter /DCTDecode" % (image.width(), image.height())
    )
    return entries, bytes(data.data()), width, height


def draw_as_image(sink: PdfSink, form: int, path: Path, number: int) -> Box:
    """Write form ``form`` as page ``number`` (1-based) of ``path`` rendered to an image; the
    box it covers (already turned by the page's own rotation)."""
    entries, data, width, height = render_page(path, number - 1)
    image = sink.add_stream(entries, data)
    ops = b"q %s 0 0 %s 0 0 cm /QIm Do Q" % (num(width), num(height))
    sink.write_stream(
        form,
        b" /Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources << /XObject << /QIm %d 0 R"
        b" >> >>" % (num(width), num(height), image),
        ops,
    )
    return Box(0.0, 0.0, width, height)
