"""Intake: the type comes from the bytes; bad names, empty and unsupported files are refused."""

from __future__ import annotations

import io
import os

import pytest
from intake_helpers import blank_pdf, docx_with_tables, image_bytes, text_pdf, zip_bytes

from qalsody_desktop.core.intake import inspect_bytes, inspect_file
from qalsody_desktop.core.intake.sniff import sniff


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file_is_refused(tmp_path):
    result = inspect_file(write(tmp_path, "lab.pdf", b""))
    assert (result.status, result.error) == ("rejected", "empty file (0 bytes)")
    assert result.file_name == "lab.pdf"
    assert result.kind is None and result.page_texts == []


def test_garbage_named_pdf_is_refused(tmp_path):
    result = inspect_file(write(tmp_path, "report.pdf", os.urandom(4096)))
    assert result.status == "rejected"
    assert result.error == "not a PDF: file starts like unrecognised data"


def test_zip_named_pdf_says_it_is_a_zip(tmp_path):
    data = zip_bytes({"notes.txt": b"hello"})
    result = inspect_file(write(tmp_path, "denial.pdf", data))
    assert result.error == "not a PDF: file starts like a ZIP archive"


def test_text_named_docx_says_it_is_text(tmp_path):
    result = inspect_file(write(tmp_path, "letter.docx", b"Dear insurer,\nplease approve.\n"))
    assert result.error == "not a DOCX: file starts like plain text"


def test_excel_workbook_is_an_unsupported_type(tmp_path):
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    result = inspect_file(write(tmp_path, "labs.xlsx", data))
    assert (result.status, result.error) == ("rejected", "unsupported file type (.xlsx)")


def test_unsupported_type_says_what_it_looks_like_when_the_name_does_not():
    result = inspect_bytes(b"<!DOCTYPE html><html><body>portal</body></html>", "export.txt")
    assert result.error == "unsupported file type (.txt): it looks like an HTML page"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert inspect_bytes(ole, "old.doc").error == "unsupported file type (.doc)"
    assert inspect_bytes(ole, "locked.docx").error == (
        "not a DOCX: file starts like an old-format (.doc/.xls) or password-protected Office file"
    )


def test_png_renamed_pdf_is_read_as_an_image_with_a_warning(tmp_path):
    result = inspect_file(write(tmp_path, "scan.pdf", image_bytes("PNG")))
    assert result.status == "ok"
    assert (result.kind, result.mime, result.pages) == ("image", "image/png", 1)
    assert result.warnings[0] == (
        "file name ends in .pdf but the content is a PNG image; read as a PNG image"
    )


def test_docx_renamed_pdf_is_read_as_docx():
    result = inspect_bytes(docx_with_tables(), "letter.pdf")
    assert (result.status, result.kind, result.needs_conversion) == ("ok", "docx", True)
    assert any("ends in .pdf" in w for w in result.warnings)


def test_pdf_header_after_junk_is_found_within_1024_bytes():
    pdf = text_pdf([["Prior authorization request"]])
    shifted = inspect_bytes(b"X" * 700 + pdf, "fax.pdf")
    assert shifted.status == "ok" and shifted.pages == 1
    assert "Prior authorization request" in shifted.text
    assert "700 bytes of unexpected data before the PDF header (ignored)" in shifted.warnings
    too_far = inspect_bytes(b"X" * 2000 + pdf, "fax.pdf")
    assert too_far.status == "rejected" and too_far.error.startswith("not a PDF")


def test_only_the_basename_is_kept():
    pdf = blank_pdf(1)
    assert inspect_bytes(pdf, "C:\\Users\\front desk\\scan 1.pdf").file_name == "scan 1.pdf"
    assert inspect_bytes(pdf, "/home/staff/in/scan2.pdf").file_name == "scan2.pdf"


def test_too_large_file_is_refused_before_reading(tmp_path):
    path = write(tmp_path, "big.pdf", blank_pdf(1) + b"\n" * 5000)
    result = inspect_file(path, max_bytes=4096)
    assert result.status == "rejected"
    assert result.error.startswith("file is too large (") and "the limit is 4 KB" in result.error
    assert inspect_bytes(b"x" * 3 * 1024 * 1024, "a.pdf", max_bytes=2 * 1024 * 1024).error == (
        "file is too large (3 MB; the limit is 2 MB)"
    )


def test_missing_file_and_folder_are_refused(tmp_path):
    missing = inspect_file(tmp_path / "gone.pdf")
    assert missing.status == "rejected" and missing.error.startswith("cannot read the file")
    folder = inspect_file(tmp_path)
    assert folder.error == "not a regular file"


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(20), "png"),
        (b"\xff\xd8\xff\xe0" + bytes(20), "jpeg"),
        (b"II*\x00" + bytes(20), "tiff"),
        (b"MM\x00*" + bytes(20), "tiff"),
        (b"%PDF-1.7\n", "pdf"),
    ],
)
def test_magic_numbers(data, fmt):
    assert sniff(data, "whatever.bin").fmt == fmt


def test_truncated_docx_zip_is_refused():
    data = docx_with_tables()
    result = inspect_bytes(data[: len(data) // 2], "letter.docx")
    assert result.status == "rejected"
    assert result.error.startswith("not a DOCX: file starts like a damaged")


def test_docm_with_macros_is_refused():
    data = zip_bytes(
        {
            "[Content_Types].xml": b"application/vnd.ms-word.document.macroEnabled.main+xml",
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\x00" * 10,
        }
    )
    result = inspect_bytes(data, "letter.docx")
    assert result.error == "not a DOCX: file starts like a Word document with macros (.docm)"


def test_sniff_reads_no_more_than_it_needs():
    """A 1 MB text file is judged from its first 4 KB (cheap for any size)."""
    data = io.BytesIO()
    data.write(b"plain words " * 100_000)
    assert sniff(data.getvalue(), "notes.txt").error == "unsupported file type (.txt)"
