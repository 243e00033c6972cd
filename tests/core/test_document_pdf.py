"""PDF rendering, read back with pypdf (text) and QtPdf (pixels): what a payer's fax shows."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from qalsody_desktop.core.document import (
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Placeholder,
    Run,
    SignatureBlock,
    Table,
)
from qalsody_desktop.core.document.pdf_render import pdf_bytes, render_pdf

EPOCH = 1764288000  # 2025-11-28T00:00:00Z


@pytest.fixture(autouse=True)
def _qt(qapp):
    """A QApplication first, so rendering never creates a bare QGuiApplication."""
    return qapp


@pytest.fixture(scope="module")
def sample():
    from qalsody_desktop.core.document.sample import sample_document

    return sample_document(paragraphs=3)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pages_text(data: bytes) -> list[str]:
    return [norm(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def assert_numbered(texts: list[str]) -> None:
    n = len(texts)
    for i, text in enumerate(texts, start=1):
        assert text.count(f"Page {i} of {n}") == 1, f"page {i}: {text[-120:]}"


def yellow_pixels(data: bytes, tmp_path: Path) -> int:
    """Rasterise with QtPdf (PDFium, an independent reader) and count highlight-yellow pixels."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor
    from PySide6.QtPdf import QPdfDocument

    path = tmp_path / "raster.pdf"
    path.write_bytes(data)
    pdf = QPdfDocument()
    assert pdf.load(str(path)) == QPdfDocument.Error.None_
    count = 0
    for page in range(pdf.pageCount()):
        image = pdf.render(page, QSize(425, 550))
        for y in range(0, image.height(), 2):
            for x in range(0, image.width(), 2):
                c = QColor(image.pixel(x, y))
                count += c.red() > 230 and c.green() > 220 and c.blue() < 60
    pdf.close()
    return count


def test_every_fragment_is_extractable_and_every_page_numbered(tmp_path, sample):
    out = tmp_path / "letter.pdf"
    render_pdf(sample, out)
    data = out.read_bytes()
    texts = pages_text(data)
    assert 2 <= len(texts) <= 4
    assert_numbered(texts)
    everything = " ".join(texts)
    assert [f for f in sample.text_fragments() if norm(f) not in everything] == []
    assert "Triangle Neuromuscular Associates" in texts[0]
    assert all("Triangle Neuromuscular Associates" not in t for t in texts[1:])
    assert texts[-1].startswith("Attachment A")  # the page break
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title == sample.title
    assert [float(v) for v in reader.pages[0].mediabox[2:]] == [612.0, 792.0]  # US Letter


def test_special_characters_survive(tmp_path):
    tricky = [
        "Lindqvist-Ñuñez",
        "ALSFRS-R ≥ 24 & FVC < 50% > threshold",
        "\"double\" and 'single' quotes",
        "café, naïve, Zoë, Ångström",
        "</p><script>alert(1)</script> &amp; stays literal",
    ]
    doc = Document(
        "t",
        (
            Heading(tricky[0]),
            Paragraph(tricky[1]),
            Table(["<th>", "&"], [[tricky[2], tricky[3]]]),
            Paragraph(tricky[4]),
        ),
        letterhead=Letterhead("Ñuñez & <Partners>"),
        footer_text="Footer ≥ & <x>",
    )
    text = " ".join(pages_text(pdf_bytes(doc)))
    for fragment in [*tricky, "<th>", "Ñuñez & <Partners>", "Footer ≥ & <x>"]:
        assert fragment in text


def test_long_document_paginates_with_page_x_of_y(sample):
    from qalsody_desktop.core.document.sample import sample_document

    long_doc = sample_document(paragraphs=45)
    texts = pages_text(pdf_bytes(long_doc))
    assert len(texts) >= 5
    assert_numbered(texts)
    everything = " ".join(texts)
    assert [f for f in long_doc.text_fragments() if norm(f) not in everything] == []


def test_placeholders_are_highlighted_and_nothing_else_is(tmp_path):
    with_holes = Document("t", (Paragraph(["NPI ", Placeholder("NPI missing")]),))
    filled = Document("t", (Paragraph(["NPI ", Run("[NPI missing]")]),))
    assert yellow_pixels(pdf_bytes(with_holes), tmp_path) > 20
    assert yellow_pixels(pdf_bytes(filled), tmp_path) == 0


def test_images_and_fonts_are_embedded(sample):
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(sample)))
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 3  # logo, chart, signature
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            fonts.append(any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts and all(fonts)


def _filler(n: int) -> list[Paragraph]:
    return [Paragraph(f"Filler line {i}.") for i in range(n)]


def test_headings_and_signatures_are_kept_with_what_follows():
    """Sweep the filler so the heading (then the closing) lands at every spot near a page end."""
    from PySide6.QtCore import QBuffer, QIODevice, QSizeF
    from PySide6.QtGui import QPdfWriter

    from qalsody_desktop.core.document.pdf_build import build_text_document
    from qalsody_desktop.core.document.pdf_paginate import fix_page_breaks
    from qalsody_desktop.core.document.pdf_render import DPI, MARGIN_BOTTOM_IN, MARGIN_TOP_IN

    height = (11 - MARGIN_TOP_IN - MARGIN_BOTTOM_IN) * DPI
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    moved = 0
    for n in range(26, 40):
        blocks = [*_filler(n), Heading("Keep me"), Paragraph("Follower"), *_filler(3)]
        blocks += [Paragraph("Sincerely,", keep_with_next=True)]
        blocks += [SignatureBlock("Dr Who", "MD", "1234567893", None, "Today")]
        qdoc = build_text_document(Document("t", tuple(blocks)), 6.5, writer)
        qdoc.setPageSize(QSizeF(6.5 * DPI, height))

        def page_of(text: str, qdoc=qdoc) -> int:
            block = qdoc.find(text).block()
            top = qdoc.documentLayout().blockBoundingRect(block).top()
            return int((top + block.layout().lineAt(0).y() + 1) // height)

        before = (page_of("Keep me"), page_of("Follower"), page_of("Sincerely,"), page_of("Today"))
        fix_page_breaks(qdoc, height)
        after = (page_of("Keep me"), page_of("Follower"), page_of("Sincerely,"), page_of("Today"))
        assert after[0] == after[1], f"heading parted from its text with {n} fillers"
        assert after[2] == after[3], f"closing parted from the signature with {n} fillers"
        moved += before != after
    assert moved >= 2  # the sweep did hit page ends, so the rule was exercised


def test_same_input_same_bytes_with_source_date_epoch(monkeypatch, sample):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    first, second = pdf_bytes(sample), pdf_bytes(sample)
    assert first == second
    meta = pypdf.PdfReader(io.BytesIO(first)).metadata
    assert meta is not None and meta.creation_date == datetime.fromtimestamp(EPOCH, UTC)
    assert b"2025-11-28T00:00:00" in first  # XMP dates too
    changed = pdf_bytes(Document(sample.title, sample.blocks[:-1], sample.letterhead))
    assert changed != first


def test_output_is_atomic(tmp_path, monkeypatch):
    import qalsody_desktop.core.storage.blobs as blobs

    out = tmp_path / "letter.pdf"
    out.write_bytes(b"previous version")
    monkeypatch.setattr(blobs.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("full")))
    with pytest.raises(OSError):
        render_pdf(Document("t", (Paragraph("x"),)), out)
    assert out.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.pdf"]
