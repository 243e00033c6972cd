"""Render a ``Document`` to DOCX with python-docx, so the office can edit before signing.

Everything visual comes from the template's styles, looked up by name (``docx_styles``); the
letterhead and footers are in ``docx_page``. Each block with an ``id`` is wrapped in a bookmark
of that name, so a later step can find it in the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from ..errors import QalsodyError
from ..paths import resources_dir
from ..userfile import UserFileError, read_limited
from . import docx_xml as xml
from .docx_page import write_footers, write_letterhead
from .docx_styles import FALLBACK, PARAGRAPH_STYLE, T, apply_fallback, has_style
from .inline import Inlines, Placeholder, Run, png_size
from .model import (
    Block,
    BulletList,
    Document,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
    block_id,
)
from .output import document_date, normalize_zip, write_output

DEFAULT_TEMPLATE = resources_dir() / "templates" / "letter-base.docx"
Span = tuple[DocxParagraph, DocxParagraph]


def render_docx(doc: Document, out: Path, template: Path | None = None) -> None:
    """Write ``doc`` to ``out`` atomically, starting from ``template`` (default: the base)."""
    write_output(Path(out), docx_bytes(doc, template))


def docx_bytes(doc: Document, template: Path | None = None) -> bytes:
    """The DOCX file as bytes; reproducible when ``SOURCE_DATE_EPOCH`` is set."""
    d = open_template(Path(template) if template else DEFAULT_TEMPLATE)
    _Writer(d).write(doc)
    buf = io.BytesIO()
    d.save(buf)
    return normalize_zip(buf.getvalue(), document_date())


def open_template(path: Path) -> DocxDocument:
    """Open a .docx (or a Word .dotx, relabelled as a document) and empty its body."""
    try:
        data = read_limited(path, 50 * 1024 * 1024)  # a clinic's file: regular, bounded
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if b"wordprocessingml.template.main+xml" in z.read("[Content_Types].xml"):
                data = _dotx_as_docx(data)
        d = docx.Document(io.BytesIO(data))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, UserFileError) as exc:
        raise QalsodyError(f"the letter template {path.name} is not a usable Word file") from exc
    body = d.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return d


def _dotx_as_docx(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"template.main+xml", b"document.main+xml")
            dst.writestr(info, blob)
    return out.getvalue()


class _Writer:
    def __init__(self, d: DocxDocument):
        self.d = d
        section = d.sections[0]
        width = (section.page_width or Inches(8.5)) - (section.left_margin or 0)
        self.text_width = Emu(width - (section.right_margin or 0))
        self.break_pending = False
        self.follows_table = False
        self.bookmarks = 0

    def write(self, doc: Document) -> None:
        write_letterhead(self, doc.letterhead)
        write_footers(self, doc.footer_text)
        for block in doc.blocks:
            span = self.block(block)
            bid = block_id(block)
            if bid and span:
                self.bookmarks += 1
                xml.add_bookmark(*span, bid, self.bookmarks)
        props = self.d.core_properties
        props.title = doc.title
        props.author = props.last_modified_by = doc.metadata.get("author", "")
        for key in ("subject", "keywords", "category", "comments"):
            setattr(props, key, doc.metadata.get(key, ""))
        props.created = props.modified = document_date().replace(tzinfo=None)
        props.revision = 1

    def block(self, block: Block) -> Span | None:
        if isinstance(block, PageBreak):
            self.break_pending = True
            return None
        if isinstance(block, Heading):
            p = self.para(f"Heading {block.level}", block.content)
            return p, p
        if isinstance(block, Paragraph):
            p = self.para(PARAGRAPH_STYLE[block.style], block.content)
            if block.keep_with_next:
                p.paragraph_format.keep_with_next = True
            return p, p
        if isinstance(block, BulletList):
            items = [self.para("List Bullet", item) for item in block.items]
            return items[0], items[-1]
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Image):
            return self.image(block)
        return self.signature(block)

    # -- paragraphs and runs ---------------------------------------------------------------
    def para(self, style: str, content: Inlines = (), bold: bool = False) -> DocxParagraph:
        return self.para_in(self.d, style, content, bold)

    def para_in(self, parent: Any, style: str, content: Inlines, bold: bool) -> DocxParagraph:
        """A paragraph in ``parent`` (body, header, footer or cell) styled by name."""
        ok = has_style(self.d, style)
        p = parent.add_paragraph(style=style if ok else None)
        if parent is self.d:
            if self.break_pending:
                p.paragraph_format.page_break_before = True
                self.break_pending = False
            if self.follows_table:  # a table has no space after; the PDF has 9 pt there
                p.paragraph_format.space_before = Pt(9)
                self.follows_table = False
        fallback = {} if ok else FALLBACK.get(style, {})
        if fallback.get("bullet"):
            p.add_run("•\t")
        self.inlines(p, content, bold)
        if fallback:
            apply_fallback(p, fallback)
        return p

    def inlines(self, p: DocxParagraph, content: Inlines, bold: bool = False) -> None:
        for item in content:
            run = p.add_run(item.text)  # python-docx turns \n and \t into <w:br/>, <w:tab/>
            if isinstance(item, Placeholder):
                if has_style(self.d, "Placeholder"):
                    run.style = self.d.styles["Placeholder"]
                else:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                    run.bold = True
                continue
            if item.bold or bold:
                run.bold = True
            if item.italic:
                run.italic = True

    def flush_break(self) -> None:
        """A break before a table needs a paragraph of its own (a table has no such flag)."""
        if self.break_pending:
            p = self.d.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run()
            run.font.size = Pt(1)
            run.add_break(WD_BREAK.PAGE)
            self.break_pending = False

    # -- composite blocks ------------------------------------------------------------------
    def table(self, block: Table) -> Span:
        caption = self.para("Caption", (Run(block.caption),)) if block.caption else None
        if caption is not None:
            caption.paragraph_format.keep_with_next = True
        self.flush_break()
        rows = ([block.header] if block.header else []) + list(block.rows)
        table = self.d.add_table(rows=len(rows), cols=block.ncols)
        for name in ("Letter Table", "Table Grid"):
            if name in self.d.styles and self.d.styles[name].type == T:
                table.style = self.d.styles[name]
                break
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        widths = [Emu(int(self.text_width * f)) for f in block.col_widths]
        for col, width in zip(table.columns, widths, strict=True):
            col.width = width
        for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
            for cell, width, value in zip(row.cells, widths, values, strict=True):
                cell.width = width
                p = cell.paragraphs[0]
                if has_style(self.d, "Table Text"):
                    p.style = self.d.styles["Table Text"]
                self.inlines(p, value, bold=bool(block.header) and r == 0)
                if not has_style(self.d, "Table Text"):
                    apply_fallback(p, FALLBACK["Table Text"])
        if block.header:
            xml.repeat_header_row(table)
        self.follows_table = True
        first = caption or table.rows[0].cells[0].paragraphs[0]
        return first, table.rows[-1].cells[-1].paragraphs[-1]

    def image(self, block: Image) -> Span:
        p = self.para("Normal")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run()
        width_in = block.fitted_width_in(self.text_width / Inches(1))
        run.add_picture(io.BytesIO(block.png_bytes), width=Inches(width_in))
        xml.set_alt_text(run, block.alt)
        if not block.caption:
            return p, p
        p.paragraph_format.keep_with_next = True
        cap = self.para("Caption", (Run(block.caption),))
        cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cap.paragraph_format.keep_with_next = False
        return p, cap

    def signature(self, block: SignatureBlock) -> Span:
        """Signature image (or room for ink) on a 3-inch line, then name, NPI and date."""
        sig = self.para("Signature")
        fmt = sig.paragraph_format
        fmt.keep_with_next = True
        fmt.space_before = Pt(6)
        fmt.right_indent = Emu(max(self.text_width - Inches(3), 0))
        if block.signature_png is not None:
            w, h = png_size(block.signature_png)
            width = min(2.4, 0.7 * w / h)
            sig.add_run().add_picture(io.BytesIO(block.signature_png), width=Inches(width))
        else:
            fmt.space_before = Pt(30)  # room for a wet signature
        xml.border(sig, "bottom")
        lines = [self.para("Signature", ln, bold=(i == 0)) for i, ln in enumerate(block.lines())]
        for p in lines[:-1]:
            p.paragraph_format.keep_with_next = True
        lines[-1].paragraph_format.keep_with_next = False
        lines[-1].paragraph_format.space_after = Pt(9)
        return sig, lines[-1]
