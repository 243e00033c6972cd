"""Build a ``QTextDocument`` from the model with the QTextCursor API.

The cursor API (not HTML) means no text is ever parsed as markup, so ``<``, ``&`` and quotes in
patient data are just characters. Blocks that must not be separated from what follows carry
``KEEP_WITH_NEXT`` so the paginator (``pdf_render.keep_with_next``) can move them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
    QTextListFormat,
)

from .inline import Inlines, Placeholder, Run, png_size
from .model import (
    Block,
    BulletList,
    Document,
    Heading,
    Image,
    Letterhead,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
)
from .pdf_formats import (
    ACCENT,
    ALWAYS_BEFORE,
    GREY,
    HEADER_FILL,
    HEADING_PT,
    HIGHLIGHT,
    PX_PER_IN,
    PX_PER_PT,
    base_font,
    block_format,
    char_format,
    horizontal_scale,
    style_cell,
    table_format,
)


def build_text_document(doc: Document, text_width_in: float, device: QPaintDevice) -> QTextDocument:
    """The letter body (letterhead first) as one flowing ``QTextDocument`` laid out for
    ``device`` (the PDF writer), so line breaks do not depend on the screen."""
    qdoc = QTextDocument()
    qdoc.documentLayout().setPaintDevice(device)
    qdoc.setDocumentMargin(0)
    qdoc.setDefaultFont(base_font())
    builder = _Builder(qdoc, text_width_in, horizontal_scale(device))
    if doc.letterhead is not None:
        builder.letterhead(doc.letterhead)
    for block in doc.blocks:
        builder.block(block)
    return qdoc


class _Builder:
    def __init__(self, qdoc: QTextDocument, text_width_in: float, h_scale: float):
        self.qdoc = qdoc
        self.text_width_px = text_width_in * PX_PER_IN
        self.h_scale = h_scale
        self.cursor = QTextCursor(qdoc)
        self.fresh = True  # the cursor sits in an empty block that the next block can reuse
        self.break_pending = False
        self.images = 0

    # -- primitives ------------------------------------------------------------------------
    def new_block(self, bf: QTextBlockFormat, cf: QTextCharFormat) -> None:
        if self.break_pending:
            bf.setPageBreakPolicy(ALWAYS_BEFORE)
            self.break_pending = False
        if self.fresh:
            self.cursor.setBlockFormat(bf)
            self.cursor.setBlockCharFormat(cf)
            self.fresh = False
        else:
            self.cursor.insertBlock(bf, cf)

    def inlines(self, cursor: QTextCursor, content: Inlines, base: QTextCharFormat) -> None:
        for item in content:
            f = QTextCharFormat(base)
            if isinstance(item, Placeholder):
                f.setBackground(QBrush(HIGHLIGHT))
                f.setFontWeight(QFont.Weight.Bold)
            else:
                if item.bold:
                    f.setFontWeight(QFont.Weight.Bold)
                if item.italic:
                    f.setFontItalic(True)
            # U+2028 is a line break inside the block; "\n" would start a new block.
            cursor.insertText(item.text.replace("\n", "\u2028"), f)

    def paragraph(self, content: Inlines, bf: QTextBlockFormat, cf: QTextCharFormat) -> None:
        self.new_block(bf, cf)
        self.inlines(self.cursor, content, cf)

    def rule(self, color: QColor, width_in: float, after_pt: float) -> None:
        """A thin bar: an empty block with a background, narrowed by its right margin.
        (Not directly after a table: Qt 6 mis-places such a block.)"""
        bf = block_format(after_pt, keep=True)
        bf.setBackground(QBrush(color))
        bf.setLineHeight(1.1 * PX_PER_PT, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        bf.setRightMargin(max(self.text_width_px - width_in * PX_PER_IN, 0) * self.h_scale)
        self.new_block(bf, char_format(1))

    def image(self, png: bytes, width_in: float, height_in: float) -> QTextImageFormat:
        self.images += 1
        url = QUrl(f"qalsody-image:{self.images}")
        self.qdoc.addResource(QTextDocument.ResourceType.ImageResource, url, QImage.fromData(png))
        f = QTextImageFormat()
        f.setName(url.toString())
        f.setWidth(width_in * PX_PER_IN)
        f.setHeight(height_in * PX_PER_IN)
        return f

    def before_table(self) -> None:
        """A table goes after the cursor's block; an unused empty one must take no room."""
        if self.fresh:
            bf = QTextBlockFormat()
            bf.setLineHeight(0.01, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            if self.break_pending:
                bf.setPageBreakPolicy(ALWAYS_BEFORE)
                self.break_pending = False
            self.cursor.setBlockFormat(bf)
            self.cursor.setBlockCharFormat(char_format(1))
            self.fresh = False

    def after_table(self) -> None:
        self.cursor = QTextCursor(self.qdoc)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.fresh = True

    # -- blocks ----------------------------------------------------------------------------
    def block(self, block: Block) -> None:
        if isinstance(block, PageBreak):
            self.break_pending = True
        elif isinstance(block, Heading):
            bf = block_format(4, 12 if block.level == 1 else 9, 100, keep=True)
            bf.setHeadingLevel(block.level)
            color = ACCENT if block.level < 3 else GREY
            cf = char_format(HEADING_PT[block.level], True, color=color)
            self.paragraph(block.content, bf, cf)
        elif isinstance(block, Paragraph):
            self.body_paragraph(block)
        elif isinstance(block, BulletList):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Image):
            self.picture(block)
        else:
            self.signature(block)

    def body_paragraph(self, block: Paragraph) -> None:
        bf = block_format(keep=block.keep_with_next)
        cf = char_format()
        if block.style == "quote":
            bf.setLeftMargin(0.4 * PX_PER_IN * self.h_scale)
            bf.setRightMargin(0.4 * PX_PER_IN * self.h_scale)
            cf = char_format(italic=True, color=GREY)
        elif block.style == "small":
            cf = char_format(8.5, color=GREY)
        self.paragraph(block.content, bf, cf)

    def bullets(self, block: BulletList) -> None:
        lf = QTextListFormat()
        lf.setStyle(QTextListFormat.Style.ListDisc)
        lf.setIndent(1)
        text_list = None
        for i, item in enumerate(block.items):
            self.paragraph(item, block_format(3 if i < len(block.items) - 1 else 7), char_format())
            if text_list is None:
                text_list = self.cursor.createList(lf)
            else:
                text_list.add(self.cursor.block())

    def table(self, block: Table) -> None:
        if block.caption:
            bf = block_format(4, 4, 100, keep=True)
            self.paragraph((Run(block.caption),), bf, char_format(9, True, color=GREY))
        rows = ([block.header] if block.header else []) + list(block.rows)
        tf = table_format([w * 100 for w in block.col_widths], grid=True)
        tf.setHeaderRowCount(1 if block.header else 0)  # repeated on each page
        if self.break_pending and not self.fresh:
            tf.setPageBreakPolicy(ALWAYS_BEFORE)
            self.break_pending = False
        self.before_table()
        table = self.cursor.insertTable(len(rows), block.ncols, tf)
        for r, row in enumerate(rows):
            header = bool(block.header) and r == 0
            for c, value in enumerate(row):
                cell = table.cellAt(r, c)
                cursor = cell.firstCursorPosition()
                cf = char_format(9.5, bold=header)
                cursor.setBlockFormat(block_format(0, 0, 100))
                cursor.setBlockCharFormat(cf)  # also sizes an empty cell's line
                self.inlines(cursor, value, cf)
                style_cell(cell, grid=True, fill=HEADER_FILL if header else None)
        self.after_table()

    def picture(self, block: Image) -> None:
        width = block.fitted_width_in(self.text_width_px / PX_PER_IN)
        height = width * block.height_in / block.width_in
        bf = block_format(4 if block.caption else 9, 4, 100, keep=bool(block.caption))
        bf.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.new_block(bf, char_format())
        self.cursor.insertImage(self.image(block.png_bytes, width, height))
        if block.caption:
            cap = block_format(9, 0, 100)
            cap.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.paragraph((Run(block.caption),), cap, char_format(9, True, color=GREY))

    def signature(self, block: SignatureBlock) -> None:
        """Signature image (or room for ink) on a 3-inch line, then name, NPI and date."""
        top = block_format(2, 6, 100, keep=True)
        if block.signature_png is not None:
            w, h = png_size(block.signature_png)
            width = min(2.4, 0.7 * w / h)
            self.new_block(top, char_format())
            self.cursor.insertImage(self.image(block.signature_png, width, width * h / w))
        else:
            top.setTopMargin(30 * PX_PER_PT)  # room for a wet signature
            self.new_block(top, char_format(1))
        self.rule(GREY, 3, 3)
        lines = block.lines()
        for i, line in enumerate(lines):
            last = i == len(lines) - 1
            bf = block_format(9 if last else 0, 0, 105, keep=not last)
            self.paragraph(line, bf, char_format(bold=(i == 0)))

    def letterhead(self, lh: Letterhead) -> None:
        """Logo (if any) left; practice name, address, phone/fax right; an accent rule below
        (the cells' bottom border)."""
        lines = lh.lines()
        formats = [char_format(15, True, color=ACCENT)]
        formats += [char_format(9, color=GREY)] * (len(lines) - 1)
        widths = [100.0]
        if lh.logo_png is not None:
            w, h = png_size(lh.logo_png)
            logo_w = min(1.8, 0.8 * w / h)
            logo_pct = (logo_w + 0.15) * PX_PER_IN / self.text_width_px * 100
            widths = [logo_pct, 100 - logo_pct]
        self.before_table()
        table = self.cursor.insertTable(1, len(widths), table_format(widths, grid=False))
        if lh.logo_png is not None:
            logo = table.cellAt(0, 0).firstCursorPosition()
            logo.insertImage(self.image(lh.logo_png, logo_w, logo_w * h / w))
        cursor = table.cellAt(0, len(widths) - 1).firstCursorPosition()
        for i, (line, cf) in enumerate(zip(lines, formats, strict=True)):
            bf = block_format(2 if i == 0 else 0, 0, 100)
            if lh.logo_png is not None:
                bf.setAlignment(Qt.AlignmentFlag.AlignRight)
            if i == 0:
                cursor.setBlockFormat(bf)
                cursor.setBlockCharFormat(cf)
            else:
                cursor.insertBlock(bf, cf)
            cursor.insertText(line, cf)
        for c in range(len(widths)):
            style_cell(table.cellAt(0, c), rule_below=ACCENT)
        self.after_table()
