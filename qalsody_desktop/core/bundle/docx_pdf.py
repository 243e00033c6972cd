"""A DOCX attachment as PDF with the app's own renderer, where LibreOffice is not installed.

The Word file is read with python-docx into the letter document model (headings, paragraphs
with bold and italic, bullet lists, tables, page breaks; header text first, footers last) and
drawn by ``core.document.pdf_render`` (QtGui). The text, its order and its emphasis survive;
fonts, exact layout and pictures do not, which the manifest says ("converted ... with the
app's text renderer"). LibreOffice, when present, is still preferred for fidelity.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..document import BulletList, Document, Heading, PageBreak, Paragraph, Run, Table
from ..document.model import Block

ENGINE = "the app's text renderer (LibreOffice is not installed; layout and pictures simplified)"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_BLOCKS = 20_000


def docx_to_document(data: bytes, title: str) -> tuple[Document, list[str]]:
    """The document model of a DOCX and what was simplified away (for the manifest)."""
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    source = docx.Document(io.BytesIO(data))
    notes: list[str] = []
    blocks: list[Block] = []
    bullets: list[list[Run]] = []

    def flush() -> None:
        if bullets:
            blocks.append(BulletList([tuple(b) for b in bullets]))
            bullets.clear()

    for section in source.sections[:1]:
        for paragraph in section.header.paragraphs:
            if paragraph.text.strip():
                blocks.append(Paragraph(_runs(paragraph), style="small"))
    for item in source.iter_inner_content():
        if len(blocks) > MAX_BLOCKS:
            notes.append("the rest of a very long document was left out")
            break
        if isinstance(item, DocxParagraph):
            style = (item.style.name if item.style is not None else "") or ""
            runs = _runs(item)
            if _is_list(item, style) and runs:
                bullets.append(runs)
                continue
            flush()
            if runs:
                level = _heading_level(style)
                blocks.append(Heading(runs, level) if level else Paragraph(runs))
            if _has_page_break(item):
                blocks.append(PageBreak())
        elif isinstance(item, DocxTable):
            flush()
            table = _table(item)
            if table is not None:
                blocks.append(table)
    flush()
    for section in source.sections[:1]:
        for paragraph in section.footer.paragraphs:
            if paragraph.text.strip():
                blocks.append(Paragraph(_runs(paragraph), style="small"))
    if source.inline_shapes:
        notes.append(f"{len(source.inline_shapes)} picture(s) not shown")
    if not blocks:
        blocks.append(Paragraph("(no text in this document)", style="small"))
    return Document(title=title, blocks=blocks), notes


def render_docx_pdf(source: Path, target: Path, title: str) -> list[str]:
    """Write ``source`` (DOCX) as a PDF to ``target``; returns what was simplified."""
    from ..document.pdf_render import render_pdf

    document, notes = docx_to_document(source.read_bytes(), title)
    render_pdf(document, target)
    return notes


def _runs(paragraph: Any) -> list[Run]:
    runs: list[Run] = []
    for run in paragraph.runs:
        text = run.text
        if text:
            runs.append(Run(text, bold=bool(run.bold), italic=bool(run.italic)))
    if not runs and paragraph.text.strip():  # text in hyperlinks or fields
        runs.append(Run(paragraph.text))
    return runs


def _heading_level(style: str) -> int:
    name = style.lower()
    if name == "title":
        return 1
    if name.startswith("heading "):
        try:
            return min(3, max(1, int(name.split()[1])))
        except (IndexError, ValueError):
            return 2
    return 0


def _is_list(paragraph: Any, style: str) -> bool:
    if style.lower().startswith("list"):
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(f"{_W}numPr") is not None


def _has_page_break(paragraph: Any) -> bool:
    return any(br.get(f"{_W}type") == "page" for br in paragraph._p.iter(f"{_W}br"))


def _table(table: Any) -> Table | None:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if not cells or text != cells[-1] or not text:  # merged cells repeat themselves
                cells.append(text)
        rows.append(cells)
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return None
    width = max(len(r) for r in rows)
    padded = [r + [""] * (width - len(r)) for r in rows]
    return Table(padded[0], padded[1:])
