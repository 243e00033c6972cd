"""Raw WordprocessingML that python-docx has no API for: fields, bookmarks, borders.

Isolated here so the renderer reads as "what goes where" and the XML details are in one place.
"""

from __future__ import annotations

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

# pPr children that must come after pBdr (ECMA-376 CT_PPrBase order).
_PBDR_SUCCESSORS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_TBLBORDERS_SUCCESSORS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")


def add_field(paragraph: DocxParagraph, instruction: str, cached: str = "1") -> None:
    """A complex field (``PAGE``, ``NUMPAGES``); Word and LibreOffice compute it per page."""
    style = paragraph.runs[-1].style if paragraph.runs else None
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", cached), ("end", None)):  # fmt: skip
        run = paragraph.add_run()
        if style is not None:
            run.style = style
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)


def add_bookmark(first: DocxParagraph, last: DocxParagraph, name: str, bookmark_id: int) -> None:
    """Mark a block by its model id so an editor (or a later step) can find it in the DOCX."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>')
    p_pr = first._p.pPr
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        first._p.insert(0, start)
    last._p.append(end)


def bookmark_names(element) -> list[str]:
    return [b.get(qn("w:name")) for b in element.iter(qn("w:bookmarkStart"))]


def border(paragraph: DocxParagraph, side: str = "bottom", color: str = "404040", size: int = 6,
           space: int = 1) -> None:  # fmt: skip
    """A rule above or below a paragraph: letterhead divider, signature line, footer rule."""
    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="{size}" w:space="{space}" '
        f'w:color="{color}"/></w:pBdr>'
    )
    # Word rejects out-of-order children, so insert before pBdr's schema successors.
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_PBDR_SUCCESSORS)


def repeat_header_row(table: DocxTable) -> None:
    """The header row repeats on each page and no row splits across a page break."""
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))


def no_borders(table: DocxTable) -> None:
    """A layout table (the letterhead): no lines, no cell margins."""
    edges = "".join(
        f'<w:{e} w:val="nil"/>' for e in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>")
    table._tbl.tblPr.insert_element_before(borders, *_TBLBORDERS_SUCCESSORS)
    # No cell margins either, so a right-aligned letterhead ends flush with the text.
    margins = parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/>'
        '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
    )
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption")


def set_alt_text(run: DocxRun, alt: str) -> None:
    """Alt text on an inline picture, for screen readers and for fax-to-text tools."""
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", alt)
