"""Letters as data: an immutable document model and its DOCX and PDF renderers.

The model (this package's namespace) has no Qt dependency. The renderers live in
``docx_render`` (python-docx) and ``pdf_render`` (QtGui, offscreen-capable); ``chart`` draws a
PNG line chart for an ``Image`` block.
"""

from .inline import Inline, InlineLike, Inlines, Placeholder, Run
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

__all__ = [
    "Block",
    "BulletList",
    "Document",
    "Heading",
    "Image",
    "Inline",
    "InlineLike",
    "Inlines",
    "Letterhead",
    "PageBreak",
    "Paragraph",
    "Placeholder",
    "Run",
    "SignatureBlock",
    "Table",
]
