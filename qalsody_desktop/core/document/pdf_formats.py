"""Text formats for the PDF: the look of the letter (fonts, colours, spacing) in one place.

Values mirror the DOCX template's styles so both renderings look alike. Lengths are CSS
pixels (1/96 in), which Qt scales to the paint device for vertical spacing, borders and
images; horizontal block margins are the exception (see ``horizontal_scale``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTableCell,
    QTextTableFormat,
)

from .qt_support import font_family

PX_PER_PT = 96 / 72
PX_PER_IN = 96
KEEP_WITH_NEXT = QTextFormat.Property.UserProperty + 1
ALWAYS_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
ACCENT = QColor(0x1F, 0x4E, 0x79)
GREY = QColor(0x40, 0x40, 0x40)
HIGHLIGHT = QColor(0xFF, 0xF2, 0x00)
HEADER_FILL = QColor(0xDC, 0xE6, 0xF1)
RULE = QColor(0xA6, 0xA6, 0xA6)
BODY_PT = 10.5
HEADING_PT = {1: 13.0, 2: 11.5, 3: 10.5}
SOLID = QTextFrameFormat.BorderStyle.BorderStyle_Solid


def base_font() -> QFont:
    f = QFont(font_family())
    f.setPointSizeF(BODY_PT)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def horizontal_scale(device: QPaintDevice) -> float:
    """Factor turning CSS px into what Qt wants for left/right block margins.

    Qt 6 scales vertical margins to the device but takes horizontal ones as device pixels;
    measure instead of assuming, so a Qt that changes this keeps the same layout.
    """
    probe = QTextDocument()
    probe.documentLayout().setPaintDevice(device)
    probe.setDocumentMargin(0)
    cursor = QTextCursor(probe)
    bf = QTextBlockFormat()
    bf.setLeftMargin(100)
    cursor.setBlockFormat(bf)
    cursor.insertText("x")
    probe.setTextWidth(device.logicalDpiX() * 20)
    line = probe.begin().layout().lineAt(0)
    wanted = 100 * device.logicalDpiX() / PX_PER_IN
    return wanted / line.x() if line.isValid() and line.x() > 0 else 1.0


def char_format(
    size: float = BODY_PT, bold: bool = False, italic: bool = False, color: QColor | None = None
) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setFontFamilies([font_family()])
    f.setFontPointSize(size)
    f.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    f.setFontItalic(italic)
    f.setForeground(QBrush(color or QColor("black")))
    return f


def block_format(
    after_pt: float = 7, before_pt: float = 0, line: int = 112, keep: bool = False
) -> QTextBlockFormat:
    """Spacing in points; ``line`` is the line height in percent; ``keep``: keep with next."""
    f = QTextBlockFormat()
    f.setTopMargin(before_pt * PX_PER_PT)
    f.setBottomMargin(after_pt * PX_PER_PT)
    f.setLineHeight(line, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    if keep:
        f.setProperty(KEEP_WITH_NEXT, True)
    return f


def table_format(percent_widths: Sequence[float], grid: bool) -> QTextTableFormat:
    """Full-width table; ``grid`` draws thin grey lines (data tables), else none (layout)."""
    tf = QTextTableFormat()
    tf.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    tf.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.PercentageLength, p) for p in percent_widths]
    )
    tf.setBorderCollapse(True)
    tf.setCellSpacing(0)
    if grid:
        tf.setBorder(0.75)
        tf.setBorderBrush(QBrush(RULE))
        tf.setBorderStyle(SOLID)
        tf.setCellPadding(4)
        tf.setTopMargin(2 * PX_PER_PT)
        tf.setBottomMargin(9 * PX_PER_PT)
    else:
        tf.setBorder(0)
        tf.setCellPadding(0)
        tf.setBottomMargin(14 * PX_PER_PT)
    return tf


def style_cell(
    cell: QTextTableCell, *, grid: bool = False, fill: QColor | None = None,
    rule_below: QColor | None = None,
) -> None:  # fmt: skip
    """Borders and fill of a cell. Call after filling it: Qt keeps a cell's format in its
    first character, which inserting text with a block char format would overwrite."""
    f = cell.format().toTableCellFormat()
    if grid:
        f.setBorder(0.75)
        f.setBorderStyle(SOLID)
        f.setBorderBrush(QBrush(RULE))
    if fill is not None:
        f.setBackground(QBrush(fill))
    if rule_below is not None:
        f.setBottomBorder(1.2 * PX_PER_PT)
        f.setBottomBorderStyle(SOLID)
        f.setBottomBorderBrush(QBrush(rule_below))
        f.setBottomPadding(6 * PX_PER_PT)
    cell.setFormat(f)
