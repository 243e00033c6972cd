"""Render a ``Document`` to PDF with QtGui (no QtWidgets), ready to fax.

The body is one ``QTextDocument`` (see ``pdf_build``) laid out for the PDF writer, paginated
at the body height and painted page by page, so the footer ("Page X of Y" and the footer text)
is drawn by us on every page. The letterhead is the start of the flow, hence page 1 only.

Reproducibility: Qt stamps the PDF with the wall clock and has no API to change it, so with
``SOURCE_DATE_EPOCH`` set the dates are rewritten in place (same byte length, so the xref
offsets stay valid) and the document id is derived from the content.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUuid
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from .model import Document
from .output import source_date, write_output
from .pdf_build import build_text_document
from .pdf_paginate import fix_page_breaks
from .qt_support import ensure_gui_app, font

DPI = 300
PAGE_W_IN, PAGE_H_IN = 8.5, 11.0
MARGIN_LEFT_IN = MARGIN_RIGHT_IN = 1.0
MARGIN_TOP_IN, MARGIN_BOTTOM_IN = 0.8, 0.95
FOOTER_RULE_IN = PAGE_H_IN - 0.7  # from the top of the page
TEXT_WIDTH_IN = PAGE_W_IN - MARGIN_LEFT_IN - MARGIN_RIGHT_IN


def render_pdf(doc: Document, out: Path) -> None:
    """Write ``doc`` as a US Letter PDF to ``out`` atomically."""
    write_output(Path(out), pdf_bytes(doc))


def pdf_bytes(doc: Document) -> bytes:
    """The PDF as bytes. Creates an offscreen ``QGuiApplication`` if none is running."""
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Inch,
        )
    )
    writer.setTitle(doc.title)
    writer.setAuthor(doc.metadata.get("author", ""))
    writer.setCreator("Qalsody PA Desk")
    when = source_date()
    writer.setDocumentId(QUuid(str(_document_id(doc, when))))
    _paint(doc, writer)
    buffer.close()
    pdf = bytes(data.data())
    return _stamp_dates(pdf, when) if when else pdf


def _document_id(doc: Document, when: datetime | None) -> uuid.UUID:
    if when is None:
        return uuid.uuid4()
    digest = hashlib.sha256((doc.title + "\n" + doc.plain_text()).encode()).hexdigest()
    return uuid.uuid5(uuid.NAMESPACE_OID, f"qalsody-pdf:{digest}:{when.isoformat()}")


def _paint(doc: Document, writer: QPdfWriter) -> None:
    qdoc = build_text_document(doc, TEXT_WIDTH_IN, writer)
    body = QSizeF(TEXT_WIDTH_IN * DPI, (PAGE_H_IN - MARGIN_TOP_IN - MARGIN_BOTTOM_IN) * DPI)
    qdoc.setPageSize(body)
    fix_page_breaks(qdoc, body.height())
    pages = qdoc.pageCount()
    painter = QPainter(writer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(MARGIN_LEFT_IN * DPI, MARGIN_TOP_IN * DPI - index * body.height())
            page = QRectF(0, index * body.height(), body.width(), body.height())
            qdoc.drawContents(painter, page)
            painter.restore()
            _footer(painter, index + 1, pages, doc.footer_text)
    finally:
        painter.end()


def _footer(painter: QPainter, page: int, pages: int, text: str | None) -> None:
    left, width = MARGIN_LEFT_IN * DPI, TEXT_WIDTH_IN * DPI
    rule_y = FOOTER_RULE_IN * DPI
    painter.setPen(QPen(QColor(0xA6, 0xA6, 0xA6), 0.6 * DPI / 72))
    painter.drawLine(int(left), int(rule_y), int(left + width), int(rule_y))
    f = font(8)
    painter.setFont(f)
    painter.setPen(QColor(0x40, 0x40, 0x40))
    metrics = QFontMetricsF(f, painter.device())
    label = f"Page {page} of {pages}"
    label_w = metrics.horizontalAdvance(label)
    top = rule_y + 4 * DPI / 72
    line = QRectF(left, top, width, metrics.height() * 2.2)
    painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, label)
    if text:
        room = QRectF(left, top, width - label_w - 0.3 * DPI, metrics.height() * 2.2)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(room, int(flags), text)


_INFO_DATE = re.compile(rb"/(CreationDate|ModDate) \((D:\d{14}(?:Z|[+-]\d{2}'\d{2}'))\)")
_XMP_DATE = re.compile(
    rb'(xmp:(?:CreateDate|ModifyDate|MetadataDate)=")'
    rb'(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2}))"'
)


def _stamp_dates(pdf: bytes, when: datetime) -> bytes:
    """Replace Qt's wall-clock dates by ``when``, keeping every byte offset unchanged."""

    def info(m: re.Match[bytes]) -> bytes:
        old = m.group(2)
        new = ("D:" + when.strftime("%Y%m%d%H%M%S")).encode() + (
            b"Z" if old.endswith(b"Z") else b"+00'00'"
        )
        return m.group(0).replace(old, new) if len(new) == len(old) else m.group(0)

    def xmp(m: re.Match[bytes]) -> bytes:
        old = m.group(2)
        new = when.strftime("%Y-%m-%dT%H:%M:%S").encode() + (
            b"Z" if old.endswith(b"Z") else b"+00:00"
        )
        return m.group(1) + (new if len(new) == len(old) else old) + b'"'

    return _XMP_DATE.sub(xmp, _INFO_DATE.sub(info, pdf))
