"""The style names the DOCX renderer relies on, and what stands in when a template lacks one.

A clinic may replace ``letter-base.docx`` with its own template. Styles are looked up by name
only; a missing one is replaced by a little direct formatting so the letter stays readable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

P, C, T = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE
REQUIRED_STYLES: dict[str, WD_STYLE_TYPE] = {
    **{n: P for n in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Quote", "Small Text")},
    **{n: P for n in ("List Bullet", "Caption", "Table Text", "Signature", "Footer")},
    **{"Letterhead Name": P, "Letterhead": P, "Placeholder": C, "Letter Table": T},
}
PARAGRAPH_STYLE = {"body": "Normal", "small": "Small Text", "quote": "Quote"}
# Direct formatting used only when the template has no style of that name.
FALLBACK: dict[str, dict[str, Any]] = {
    "Heading 1": {"size": 13, "bold": True, "keep": True, "before": 12},
    "Heading 2": {"size": 11.5, "bold": True, "keep": True, "before": 9},
    "Heading 3": {"size": 10.5, "bold": True, "keep": True, "before": 9},
    "Quote": {"italic": True, "indent": 0.4},
    "Small Text": {"size": 8.5},
    "List Bullet": {"indent": 0.25, "bullet": True},
    "Caption": {"size": 9, "bold": True, "keep": True},
    "Table Text": {"size": 9.5, "after": 0},
    "Signature": {"after": 0, "keep": True},
    "Letterhead Name": {"size": 15, "bold": True, "after": 0},
    "Letterhead": {"size": 9, "after": 0},
    "Footer": {"size": 8, "after": 0},
}


def has_style(d: DocxDocument, name: str) -> bool:
    """True if the template defines ``name`` with the type the renderer uses it as."""
    styles = d.styles
    return name in styles and styles[name].type == REQUIRED_STYLES.get(name, P)


def apply_fallback(p: DocxParagraph, fb: dict[str, Any]) -> None:
    fmt = p.paragraph_format
    if "indent" in fb:
        fmt.left_indent = Inches(fb["indent"])
        if fb.get("bullet"):
            fmt.first_line_indent = Inches(-0.2)
    if "after" in fb:
        fmt.space_after = Pt(fb["after"])
    if "before" in fb:
        fmt.space_before = Pt(fb["before"])
    if fb.get("keep"):
        fmt.keep_with_next = True
    for run in p.runs:
        if "size" in fb:
            run.font.size = Pt(fb["size"])
        if fb.get("bold"):
            run.bold = True
        if fb.get("italic"):
            run.italic = True


def missing_styles(path: Path) -> list[str]:
    """Which of ``REQUIRED_STYLES`` a (clinic) template lacks; they fall back, not fail."""
    d = docx.Document(str(path))
    return [name for name in REQUIRED_STYLES if not has_style(d, name)]
