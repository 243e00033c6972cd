"""Helpers shared by the letters tests (imported as a module; it holds no tests itself).

Reading back what a user would see: DOCX body paragraphs and table cells with python-docx, PDF
text with pypdf, and ``qpdf --check`` on every PDF. Comparisons squash whitespace, since a value
may wrap across lines in either format.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import docx
import pypdf
import pytest

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.records import Attachment, PageState
from qalsody_desktop.core.model import Case

TODAY_ISO = "2025-06-10"


def example_case(path: Path) -> Case:
    return load_case_file(path)


def squash(text: str) -> str:
    """Whitespace removed, quotes normalised: a wrapped value still matches."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", "", text)


def _part_text(part) -> list[str]:
    parts = [p.text for p in part.paragraphs]
    for table in part.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(_part_text(cell))
    return parts


def docx_text(path: Path) -> str:
    """Body paragraphs and table cells, then the letterhead and footers (python-docx keeps
    each apart)."""
    d = docx.Document(str(path))
    parts = _part_text(d)
    for section in d.sections:
        for part in (section.first_page_header, section.header, section.first_page_footer):
            parts.extend(_part_text(part))
        parts.extend(_part_text(section.footer))
    return "\n".join(parts)


def docx_tables(path: Path) -> list[list[list[str]]]:
    d = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]


def docx_image_count(path: Path) -> int:
    d = docx.Document(str(path))
    return len(d.inline_shapes)


def pdf_pages(path: Path) -> list[str]:
    return [p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def missing_from(text: str, values: list[str]) -> list[str]:
    flat = squash(text)
    return [v for v in values if squash(v) not in flat]


def qpdf_check(path: Path) -> None:
    exe = shutil.which("qpdf")
    if exe is None:
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail("qpdf is required in CI")
        pytest.skip("qpdf is not installed")
    result = subprocess.run([exe, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def tiny_pdf(label: str, pages: int = 1) -> bytes:
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    writer.add_metadata({"/Title": label})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# First-page text of the two publications the letters cite (synthetic, as a journal or label
# page would read), so the letters recognise them as enclosed.
REFERENCE_TEXTS = {
    "valor-nejm.pdf": "The New England Journal of Medicine\nTrial of Antisense Oligonucleotide "
    "Tofersen for SOD1 ALS\nN Engl J Med 2022;387:1099-1110",
    "qalsody-label.pdf": "HIGHLIGHTS OF PRESCRIBING INFORMATION\nThese highlights do not include "
    "all the information needed to use QALSODY safely.\nQALSODY (tofersen) injection, for "
    "intrathecal use",
}


def add_published_references(store, case_id: str) -> list[Attachment]:
    """The NEJM trial report and the FDA label, attached as published references."""
    return [
        add_attachment(store, case_id, "published_reference", name, text=text)
        for name, text in REFERENCE_TEXTS.items()
    ]


def add_attachment(
    store,
    case_id: str,
    category: str,
    file_name: str,
    pages: int = 1,
    added_at: str = "",
    text: str = "",
    document_date: str | None = None,
) -> Attachment:
    """A stored attachment row with a real (blank) PDF, without the reader process; ``text`` is
    its first page's extracted text."""
    data = tiny_pdf(file_name, pages)
    sha = store.blobs.put_bytes(data)
    att = Attachment(
        id=store.attachments.new_id(),
        case_id=case_id,
        file_name=file_name,
        original_sha256=sha,
        working_sha256=sha,
        kind="pdf",
        mime="application/pdf",
        size=len(data),
        pages=pages,
        has_text_layer=bool(text),
        needs_conversion=False,
        category=category,
        category_source="user",
        confidence=1.0,
        matched=[],
        warnings=[],
        analysis={},
        pages_state=PageState(),
        document_date=document_date,
        position=0,
        added_at=added_at or datetime.now(tz=UTC).isoformat(),
    )
    store.attachments.add(att, [text] + [""] * (pages - 1))
    return att


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_qt_free_kind_list_matches_the_composers():
    from qalsody_desktop.core.letters.compose import COMPOSERS
    from qalsody_desktop.core.letters.kinds import LETTER_KIND_IDS

    assert tuple(COMPOSERS) == LETTER_KIND_IDS
