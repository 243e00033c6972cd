"""DOCX page furniture: the letterhead in the first-page header and the footers.

The letterhead goes where the template has the ``{{letterhead}}`` marker, or into an empty
first-page header; a template whose header already has text is the clinic's printed letterhead
and is left alone. Footers always come from the model: optional text on the left, "Page X of Y"
(PAGE / NUMPAGES fields, so Word and LibreOffice number the pages themselves) on the right.
"""

from __future__ import annotations

import io
from typing import Any, Protocol

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from . import docx_xml as xml
from .docx_styles import FALLBACK, apply_fallback, has_style
from .inline import Inlines, Run, png_size
from .model import Letterhead

LETTERHEAD_MARKER = "{{letterhead}}"


class Writer(Protocol):
    d: DocxDocument
    text_width: Emu

    def para_in(self, parent: Any, style: str, content: Inlines, bold: bool) -> DocxParagraph: ...


def write_letterhead(w: Writer, letterhead: Letterhead | None) -> None:
    section = w.d.sections[0]
    header = section.first_page_header
    marker = next((p for p in header.paragraphs if p.text.strip() == LETTERHEAD_MARKER), None)
    has_own = any(p.text.strip() for p in header.paragraphs) or bool(header.tables)
    if marker is None and (has_own or letterhead is None):
        return  # the clinic's template carries its own letterhead
    anchor = marker or (header.paragraphs[0] if header.paragraphs else header.add_paragraph())
    if letterhead is not None:
        section.different_first_page_header_footer = True
        for element in _letterhead_elements(w, header, letterhead):
            anchor._p.addprevious(element)
    anchor._p.getparent().remove(anchor._p)
    if not header.paragraphs and not header.tables:
        header.add_paragraph()  # a header part needs at least one paragraph


def _letterhead_elements(w: Writer, header: Any, lh: Letterhead) -> list[Any]:
    """Name, address and phone/fax (right of the logo, if any), then an accent rule."""
    built: list[Any] = []
    holder = header
    if lh.logo_png is not None:
        table = header.add_table(rows=1, cols=2, width=w.text_width)
        xml.no_borders(table)
        logo_cell, holder = table.rows[0].cells
        px_w, px_h = png_size(lh.logo_png)
        logo_w = min(1.8, 0.8 * px_w / px_h)
        widths = (Inches(logo_w + 0.1), Emu(w.text_width - Inches(logo_w + 0.1)))
        table.autofit = False
        for column, cell, width in zip(table.columns, (logo_cell, holder), widths, strict=True):
            column.width = cell.width = width
        logo_cell.paragraphs[0].add_run().add_picture(io.BytesIO(lh.logo_png), width=Inches(logo_w))
        built.append(table._tbl)
    for i, line in enumerate(lh.lines()):
        style = "Letterhead Name" if i == 0 else "Letterhead"
        p = w.para_in(holder, style, (Run(line),), False)
        if holder is not header:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            built.append(p._p)
    if holder is not header:
        first = holder.paragraphs[0]  # the cell's own empty paragraph
        if not first.text:
            first._p.getparent().remove(first._p)
    rule = w.para_in(header, "Letterhead", (), False)
    rule.paragraph_format.space_after = Pt(6)
    rule.add_run().font.size = Pt(2)
    xml.border(rule, "bottom", color="1F4E79", size=8)
    return [*built, rule._p]


def write_footers(w: Writer, footer_text: str | None) -> None:
    for section in w.d.sections:
        footers = [section.footer]
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        for footer in footers:
            for child in list(footer._element):
                if child.tag in (qn("w:p"), qn("w:tbl")):
                    footer._element.remove(child)
            p = w.para_in(footer, "Footer", (), False)
            p.paragraph_format.tab_stops.add_tab_stop(w.text_width, WD_TAB_ALIGNMENT.RIGHT)
            xml.border(p, "top", color="A6A6A6", size=4, space=4)
            p.add_run(f"{footer_text}\t" if footer_text else "\t")
            p.add_run("Page ")
            xml.add_field(p, "PAGE")
            p.add_run(" of ")
            xml.add_field(p, "NUMPAGES")
            if not has_style(w.d, "Footer"):
                apply_fallback(p, FALLBACK["Footer"])
