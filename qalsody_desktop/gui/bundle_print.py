"""The real "Open folder" and "Print…" of the Bundle tab (tests inject stand-ins instead).

Printing renders each page with QtPdf at a fixed resolution (not the printer's, which would make
page images of hundreds of megabytes) and scales it onto the printable area.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

log = logging.getLogger(__name__)
PRINT_DPI = 300


def folder_url(path: Path) -> QUrl:
    """A file:// URL of the folder holding ``path`` (local only: never a network address)."""
    return QUrl.fromLocalFile(str(Path(path).resolve().parent))


def open_url(url: QUrl) -> bool:
    if not url.isLocalFile():
        log.warning("refused to open a non-local URL")
        return False
    return bool(QDesktopServices.openUrl(url))


def print_pdf(path: Path, parent: QWidget | None) -> bool:
    """Ask for a printer (with a page range) and print ``path``; False when cancelled.

    Raises OSError when the file cannot be read as a PDF or the printer cannot start.
    """
    document = _open(path)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(path).name)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print the bundle")
        dialog.setMinMax(1, document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        print_document(document, printer)
        return True
    finally:
        document.close()


def _open(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready:
        document.close()
        raise OSError(f"{Path(path).name} cannot be opened for printing")
    return document


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint the printer's page range (all pages when none is set); the pages printed."""
    count = document.pageCount()
    first = max(printer.fromPage(), 1)
    last = min(printer.toPage() or count, count)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        for page in range(first - 1, last):
            if page > first - 1:
                printer.newPage()
            _paint_page(painter, document, page)
    finally:
        painter.end()
    return max(last - first + 1, 0)


def _paint_page(painter: QPainter, document: QPdfDocument, page: int) -> None:
    points = document.pagePointSize(page)
    pixels = QSize(round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72))
    image = document.render(page, pixels)
    area = QRectF(painter.viewport())
    scale = min(area.width() / max(image.width(), 1), area.height() / max(image.height(), 1))
    width, height = image.width() * scale, image.height() * scale
    target = QRectF(
        area.x() + (area.width() - width) / 2,
        area.y() + (area.height() - height) / 2,
        width,
        height,
    )
    painter.drawImage(target, image)
