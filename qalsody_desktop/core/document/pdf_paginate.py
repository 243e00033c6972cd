"""Page-break rules Qt's text layout lacks: keep-with-next and widow/orphan control.

After layout, look for a block tagged ``KEEP_WITH_NEXT`` (heading, caption, "Sincerely,",
signature lines) whose successor starts on a later page, or a short paragraph that leaves a
single line alone on either page; put a page break before it (or before the start of its
chain of tagged blocks) and lay out again. Each pass fixes one spot; a letter has a handful.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument

from .pdf_formats import ALWAYS_BEFORE, KEEP_WITH_NEXT

MAX_LINES_TO_MOVE = 6  # a longer paragraph keeps its lone line rather than leave a gap


def fix_page_breaks(qdoc: QTextDocument, page_height: float) -> None:
    layout = qdoc.documentLayout()
    root = qdoc.rootFrame()

    def line_pages(block: QTextBlock) -> list[int]:
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        return [
            int((top + lines.lineAt(i).y() + 0.5) // page_height) for i in range(lines.lineCount())
        ]

    def first_line_bottom_page(block: QTextBlock) -> int:
        top = layout.blockBoundingRect(block).top()
        line = block.layout().lineAt(0)
        bottom = top + (line.y() + line.height() if line.isValid() else 0)
        return int((bottom - 0.5) // page_height)

    def needs_break(block: QTextBlock) -> QTextBlock | None:
        pages = line_pages(block)
        nxt = block.next()
        if _kept(block) and nxt.isValid() and pages and pages[0] != first_line_bottom_page(nxt):
            start = block
            while _kept(start.previous()):
                start = start.previous()
            return start
        in_root = qdoc.frameAt(block.position()) == root
        if in_root and 1 < len(pages) <= MAX_LINES_TO_MOVE and pages[0] != pages[-1]:
            first = pages.count(pages[0])
            if first == 1 or len(pages) - first == 1:
                return block
        return None

    broken: set[int] = set()
    for _ in range(200):
        qdoc.pageCount()  # forces layout
        block = qdoc.begin()
        moved = False
        while block.isValid() and not moved:
            start = needs_break(block)
            if start is not None:
                moved = _break_before(start, broken)
            block = block.next()
        if not moved:
            return


def _kept(block: QTextBlock) -> bool:
    return block.isValid() and block.blockFormat().boolProperty(KEEP_WITH_NEXT)


def _break_before(block: QTextBlock, broken: set[int]) -> bool:
    """Page break before ``block`` unless it already starts a page (then nothing can help)."""
    fmt = block.blockFormat()
    if block.position() in broken or fmt.pageBreakPolicy() & ALWAYS_BEFORE:
        return False
    if not block.previous().isValid():
        return False
    broken.add(block.position())
    fmt.setPageBreakPolicy(ALWAYS_BEFORE)
    QTextCursor(block).setBlockFormat(fmt)
    return True
