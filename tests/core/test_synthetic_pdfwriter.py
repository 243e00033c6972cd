"""The dependency-free PDF writer produces files qpdf accepts and pypdf reads back."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from qalsody_desktop.core.synthetic.pdfwriter import PdfWriter, pdf_string, text_width, wrap


def qpdf_check(data: bytes, tmp_path: Path, name: str = "check.pdf") -> None:
    """Fail unless ``qpdf --check`` finds no error; skip when qpdf is absent (not in CI)."""
    exe = shutil.which("qpdf")
    if exe is None:
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail("qpdf is required in CI")
        pytest.skip("qpdf is not installed")
    path = tmp_path / name
    path.write_bytes(data)
    result = subprocess.run([exe, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def long_document(compress: bool = True) -> bytes:
    doc = PdfWriter(title="Test (1)", footer="Footer {page}/{pages}", compress=compress)
    doc.heading("Heading (with parens) \\ backslash")
    doc.rows([("Label:", "value " * 40)])
    doc.table(["A", "B"], [["cell 1", "cell 2"]], [100, 100])
    for i in range(80):
        doc.paragraph(f"Paragraph {i}: café µg – ≥ 24 (ok)")
    return doc.to_bytes()


@pytest.mark.parametrize("compress", [True, False])
def test_text_pages_pass_qpdf_and_read_back(tmp_path, compress):
    data = long_document(compress)
    qpdf_check(data, tmp_path)
    reader = read(data)
    assert len(reader.pages) >= 3
    first = reader.pages[0].extract_text()
    assert "Heading (with parens) \\ backslash" in first
    assert "cell 1 cell 2" in first
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Paragraph 79: café µg – >= 24 (ok)" in text
    assert f"Footer 2/{len(reader.pages)}" in reader.pages[1].extract_text()
    assert reader.metadata is not None and reader.metadata.title == "Test (1)"


def test_fonts_are_standard_helvetica_winansi():
    page = read(long_document()).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = {fonts[k]["/BaseFont"] for k in fonts}
    assert names == {"/Helvetica", "/Helvetica-Bold"}
    assert all(fonts[k]["/Encoding"] == "/WinAnsiEncoding" for k in fonts)


def test_image_page_has_no_text_at_all(tmp_path):
    doc = PdfWriter()
    doc.paragraph("A text page first.")
    doc.image_page(40, 30, bytes(range(200)) * 6)
    data = doc.to_bytes()
    qpdf_check(data, tmp_path)
    reader = read(data)
    assert len(reader.pages) == 2
    scan = reader.pages[1]
    assert scan.extract_text().strip() == ""
    resources = scan["/Resources"]
    assert "/Font" not in resources
    (image,) = [resources["/XObject"][k] for k in resources["/XObject"]]
    assert (image["/Subtype"], image["/Width"], image["/Height"]) == ("/Image", 40, 30)
    assert len(scan.images) == 1


def test_image_page_checks_its_size():
    with pytest.raises(ValueError):
        PdfWriter().image_page(10, 10, b"\x00" * 99)


def test_empty_writer_still_makes_one_valid_page(tmp_path):
    data = PdfWriter().to_bytes()
    qpdf_check(data, tmp_path)
    assert len(read(data).pages) == 1


def test_output_is_deterministic():
    assert long_document() == long_document()


def test_string_escaping():
    assert pdf_string("a(b)c\\d") == b"(a\\(b\\)c\\\\d)"
    assert pdf_string("é") == b"(\\351)"  # WinAnsi 0xE9 as octal
    assert pdf_string("≥") == b"(>=)"
    assert pdf_string("漢") == b"(?)"  # outside WinAnsi: replaced, never a broken string


def test_wrap_fits_the_width():
    text = "word " * 200 + "x" * 300
    lines = wrap(text, 200, 10)
    assert len(lines) > 10
    assert all(text_width(line, 10) <= 200 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
