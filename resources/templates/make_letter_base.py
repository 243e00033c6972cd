"""Build ``letter-base.docx``, the Word template every generated letter starts from.

Run ``.venv/bin/python resources/templates/make_letter_base.py`` after changing a style and
commit the output; a test rebuilds it and fails if the committed file is stale. The renderer
relies only on the style names listed in ``docx_render.REQUIRED_STYLES``, so a clinic can
replace the template with its own (same style names, its own letterhead and fonts).
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor
from docx.styles.style import BaseStyle

OUT = Path(__file__).with_name("letter-base.docx")
FONT = "Arial"  # Liberation Sans (metric-compatible) stands in on Linux
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x40, 0x40, 0x40)
FIXED_DATE = datetime(2025, 1, 1, tzinfo=UTC)
LETTERHEAD_MARKER = "{{letterhead}}"


def set_font(style: BaseStyle, size: float | None = None, *, bold: bool | None = None) -> None:
    """Explicit font on every script slot; theme fonts would override a plain ``font.name``."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)
    rpr.insert(
        0,
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
            f'w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        ),
    )
    if size is not None:
        style.font.size = Pt(size)  # type: ignore[attr-defined]
    if bold is not None:
        style.font.bold = bold  # type: ignore[attr-defined]


def paragraph_style(doc, name: str, base: str = "Normal"):
    styles = doc.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base] if name != base else None
    style.quick_style = True
    return style


def build() -> bytes:
    doc = docx.Document()
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.remove(rpr.find(qn("w:rFonts")))
    rpr.insert(
        0,
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
            f'w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        ),
    )

    normal = doc.styles["Normal"]
    set_font(normal, 10.5)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(7)
    normal.paragraph_format.line_spacing = 1.12
    normal.paragraph_format.widow_control = True

    for level, size in ((1, 13), (2, 11.5), (3, 10.5)):
        h = doc.styles[f"Heading {level}"]
        set_font(h, size, bold=True)
        h.font.color.rgb = ACCENT if level < 3 else GREY
        h.font.italic = False
        h.paragraph_format.space_before = Pt(12 if level == 1 else 9)
        h.paragraph_format.space_after = Pt(4)
        h.paragraph_format.keep_with_next = True

    quote = paragraph_style(doc, "Quote")
    set_font(quote)
    quote.font.italic = True
    quote.font.color.rgb = GREY
    quote.paragraph_format.left_indent = Inches(0.4)
    quote.paragraph_format.right_indent = Inches(0.4)

    small = paragraph_style(doc, "Small Text")
    set_font(small, 8.5)
    small.font.color.rgb = GREY

    caption = paragraph_style(doc, "Caption")
    set_font(caption, 9, bold=True)
    caption.font.color.rgb = GREY
    caption.paragraph_format.space_before = Pt(4)
    caption.paragraph_format.space_after = Pt(4)
    caption.paragraph_format.keep_with_next = True

    bullet = doc.styles["List Bullet"]
    set_font(bullet)
    bullet.paragraph_format.space_after = Pt(3)

    cell = paragraph_style(doc, "Table Text")
    set_font(cell, 9.5)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0

    signature = paragraph_style(doc, "Signature")
    set_font(signature)
    signature.paragraph_format.space_after = Pt(0)
    signature.paragraph_format.keep_with_next = True

    head_name = paragraph_style(doc, "Letterhead Name")
    set_font(head_name, 15, bold=True)
    head_name.font.color.rgb = ACCENT
    head_name.paragraph_format.space_after = Pt(2)
    head = paragraph_style(doc, "Letterhead")
    set_font(head, 9)
    head.font.color.rgb = GREY
    head.paragraph_format.space_after = Pt(0)
    head.paragraph_format.line_spacing = 1.0

    footer = paragraph_style(doc, "Footer")
    set_font(footer, 8)
    footer.font.color.rgb = GREY

    ph = doc.styles.add_style("Placeholder", WD_STYLE_TYPE.CHARACTER)
    ph.font.highlight_color = WD_COLOR_INDEX.YELLOW
    ph.font.bold = True
    ph.quick_style = True
    # LibreOffice ignores highlight in a character style but honours shading: set both.
    ph.element.get_or_add_rPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="FFF200"/>')
    )

    doc.styles.element.append(parse_xml(_TABLE_STYLE))

    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin, section.bottom_margin = Inches(0.8), Inches(0.9)
    section.header_distance, section.footer_distance = Inches(0.4), Inches(0.4)
    section.different_first_page_header_footer = True
    marker = section.first_page_header.paragraphs[0]
    marker.text = LETTERHEAD_MARKER
    marker.style = head
    section.header.paragraphs[0].text = ""

    props = doc.core_properties
    props.title, props.author, props.last_modified_by = "Qalsody PA Desk letter", "", ""
    props.comments = "Base template for generated letters; styles are used by name."
    props.created = props.modified = props.last_printed = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from qalsody_desktop.core.document.output import normalize_zip

    return normalize_zip(buf.getvalue(), FIXED_DATE)


_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
_TABLE_STYLE = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="LetterTable">
  <w:name w:val="Letter Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>{
    "".join(_BORDER.format(s) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
}</w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="45" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>
      <w:bottom w:w="45" w:type="dxa"/><w:right w:w="100" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tblPr/>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE6F1"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(f"wrote {OUT}")
