"""Intake of PDFs: text, scans, encryption, damage, active content, limits."""

from __future__ import annotations

import io
import logging
import time

import pytest
from intake_helpers import (
    active_pdf,
    blank_pdf,
    deeply_nested_pdf,
    encrypted_pdf,
    image_only_pdf,
    page_loop_pdf,
    text_pdf,
)
from pypdf import PdfReader

from qalsody_desktop.core.intake import inspect_bytes, inspect_file
from qalsody_desktop.core.intake.pdfdoc import OWNER_ONLY_WARNING


def test_text_pdf_pages_and_text():
    pdf = text_pdf([["ALS Functional Rating Scale", "total 38"], ["SOD1 p.A5V confirmed"]])
    result = inspect_bytes(pdf, "notes.pdf")
    assert (result.status, result.kind, result.mime) == ("ok", "pdf", "application/pdf")
    assert result.pages == 2 and len(result.page_texts) == 2
    assert "total 38" in result.page_texts[0] and "SOD1 p.A5V" in result.page_texts[1]
    assert result.text == "\n\n".join(result.page_texts)
    assert result.has_text_layer and result.image_only_pages == []
    assert result.warnings == [] and result.error is None
    assert (result.encrypted, result.working_copy, result.needs_conversion) == (False, None, False)


def test_truncated_pdf_is_refused(tmp_path):
    pdf = text_pdf([[f"line {i} of page {p}" for i in range(30)] for p in range(6)])
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf[: len(pdf) // 2])
    result = inspect_file(path)
    assert result.status == "rejected"
    assert result.error.startswith("corrupt or truncated PDF")
    assert result.page_texts == [] and result.pages is None


def test_pdf_header_then_garbage_is_refused():
    result = inspect_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20, "x.pdf")
    assert result.status == "rejected" and result.error.startswith("corrupt or truncated PDF")


def test_2000_page_pdf_is_read_to_the_last_page_quickly():
    pdf = blank_pdf(2000)
    started = time.monotonic()
    result = inspect_bytes(pdf, "chart-export.pdf")
    elapsed = time.monotonic() - started
    assert (result.status, result.pages) == ("ok", 2000)
    assert len(result.page_texts) == 2000  # every page: no hidden 50-page limit any more
    assert not any("text read from the first" in w for w in result.warnings)
    assert not result.has_text_layer
    assert elapsed < 15, elapsed


def test_text_of_page_51_onward_is_read():
    pdf = text_pdf([[f"record page {p} of the chart"] for p in range(1, 121)])
    result = inspect_bytes(pdf, "record.pdf")
    assert result.text_engine == "pdfium"
    assert len(result.page_texts) == 120
    assert "record page 120 of the chart" in result.page_texts[119]


def test_text_is_bounded_by_pages_and_characters():
    pdf = text_pdf([[f"page {p} " + "x" * 80] * 20 for p in range(8)])
    by_pages = inspect_bytes(pdf, "a.pdf", max_text_pages=3)
    assert by_pages.pages == 8 and len(by_pages.page_texts) == 3
    assert "text read from the first 3 of 8 pages" in by_pages.warnings
    by_chars = inspect_bytes(pdf, "a.pdf", max_text_chars=2500)
    assert sum(len(t) for t in by_chars.page_texts) == 2500
    assert "text cut off at 2,500 characters" in by_chars.warnings


def test_image_only_pdf_has_no_text_layer():
    result = inspect_bytes(image_only_pdf(), "fax.pdf")
    assert (result.status, result.pages, result.has_text_layer) == ("ok", 1, False)
    assert result.image_only_pages == [1]
    assert "scanned PDF: no text layer (pages are images; the text needs OCR)" in result.warnings


def test_mixed_pdf_names_its_scanned_pages():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(text_pdf([["typed cover letter"]]))))
    writer.append(PdfReader(io.BytesIO(image_only_pdf())))
    buffer = io.BytesIO()
    writer.write(buffer)
    result = inspect_bytes(buffer.getvalue(), "mixed.pdf")
    assert result.has_text_layer and result.image_only_pages == [2]
    assert "no text layer on 1 of 2 pages read (scanned images: page 2)" in result.warnings


# -- encryption ---------------------------------------------------------------------------------


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_user_password_pdf(algorithm):
    pdf = encrypted_pdf("s3cret", "owner-pw", algorithm)
    asked = inspect_bytes(pdf, "locked.pdf")
    assert (asked.status, asked.encrypted) == ("needs_password", True)
    assert asked.error == "password-protected PDF: enter its password to open it"
    assert asked.page_texts == [] and asked.working_copy is None

    wrong = inspect_bytes(pdf, "locked.pdf", "guess")
    assert (wrong.status, wrong.error) == (
        "needs_password",
        "wrong password for this password-protected PDF",
    )

    opened = inspect_bytes(pdf, "locked.pdf", "s3cret")
    assert (opened.status, opened.encrypted, opened.pages) == ("ok", True, 1)
    assert "SOD1 mutation confirmed" in opened.text
    assert any("stored decrypted" in w for w in opened.warnings)
    copy = PdfReader(io.BytesIO(opened.working_copy))
    assert not copy.is_encrypted
    assert "SOD1 mutation confirmed" in copy.pages[0].extract_text()


def test_owner_password_opens_it_too():
    result = inspect_bytes(encrypted_pdf("s3cret", "owner-pw", "AES-128"), "l.pdf", "owner-pw")
    assert result.status == "ok" and result.working_copy is not None


@pytest.mark.parametrize("algorithm", ["RC4-40", "AES-128", "AES-256"])
def test_owner_only_encryption_is_accepted_and_decrypted(algorithm):
    result = inspect_bytes(encrypted_pdf("", "owner-pw", algorithm), "signed.pdf")
    assert (result.status, result.encrypted) == ("ok", True)
    assert OWNER_ONLY_WARNING in result.warnings
    assert OWNER_ONLY_WARNING == "was encrypted (owner password only); stored decrypted"
    copy = PdfReader(io.BytesIO(result.working_copy))
    assert not copy.is_encrypted and len(copy.pages) == 1
    assert "Referral letter" in result.text


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Ångström", "A\u030angstro\u0308m"),  # typed decomposed (macOS input): NFKC matches
        ("password", "pass\u00adword"),  # a pasted soft hyphen: SASLprep drops it
    ],
)
def test_password_is_also_tried_normalised(stored, typed):
    pdf = encrypted_pdf(stored, "o", "AES-128")  # revision 4 does not normalise by itself
    assert PdfReader(io.BytesIO(pdf)).decrypt(typed) == 0  # the raw form really fails
    assert inspect_bytes(pdf, "l.pdf", typed).status == "ok"


# -- damage and hostile structure ---------------------------------------------------------------


def test_page_tree_loop_is_refused():
    result = inspect_bytes(page_loop_pdf(), "loop.pdf")
    assert (result.status, result.error) == (
        "rejected",
        "corrupt PDF: its page tree loops back on itself",
    )


def test_deep_nesting_never_escapes():
    result = inspect_bytes(deeply_nested_pdf(), "deep.pdf")
    assert result.status in ("ok", "rejected")
    assert result.status == "ok" or result.error


def test_in_process_reading_also_never_raises():
    for name, data in [
        ("loop.pdf", page_loop_pdf()),
        ("deep.pdf", deeply_nested_pdf()),
        ("cut.pdf", text_pdf([["a"]])[:300]),
    ]:
        result = inspect_bytes(data, name, isolate=False)
        assert result.status == "rejected" and result.error


# -- active content -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "codes", "warning"),
    [
        ("js", ["javascript"], "contains JavaScript (will be removed from the submission bundle)"),
        ("openaction", ["javascript", "openaction"], "runs an action when opened (OpenAction)"),
        ("launch", ["launch"], "contains a Launch action that can start programs"),
        ("embedded", ["embeddedfiles"], "contains embedded files"),
    ],
)
def test_active_content_is_reported(kind, codes, warning):
    result = inspect_bytes(active_pdf(kind), f"{kind}.pdf")
    assert result.status == "ok" and "Letter of medical necessity" in result.text
    assert result.active_content == codes
    assert any(w.startswith(warning) for w in result.warnings), result.warnings
    assert all(
        w.endswith("(will be removed from the submission bundle)")
        for w in result.warnings
        if w.startswith(("contains", "runs"))
    )


def test_a_goto_open_action_is_not_active_content():
    result = inspect_bytes(active_pdf("goto"), "book.pdf")
    assert result.active_content == [] and result.warnings == []


# -- cancel and privacy -------------------------------------------------------------------------


def test_cancel_between_pages_in_process():
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    result = inspect_bytes(text_pdf([["p"]] * 6), "a.pdf", cancel=cancel, isolate=False)
    assert (result.status, result.error) == ("rejected", "reading was cancelled")
    assert result.page_texts == []


class _AppLog(logging.Handler):
    """Stands for the application's log file: a handler on the root logger."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_no_document_content_reaches_the_app_log_or_repr():
    """pypdf logs bytes of the file (here the junk before the header); none may leak."""
    secret = "Jane Quinn Doe"
    pdf = f"{secret} DOB 1961-04-02\n".encode() + text_pdf([[f"Patient: {secret}"]])
    app_log, root = _AppLog(), logging.getLogger()
    old_level = root.level
    root.addHandler(app_log)
    root.setLevel(logging.DEBUG)
    try:
        for isolate in (True, False):
            result = inspect_bytes(pdf, "jane.pdf", isolate=isolate)
            assert result.status == "ok" and secret in result.text
            assert "Jane" not in repr(result) and "Jane" not in " ".join(result.warnings)
    finally:
        root.removeHandler(app_log)
        root.setLevel(old_level)
    assert any("jane.pdf" in m for m in app_log.messages), "intake logs file names"
    assert not [m for m in app_log.messages if "Jane" in m or "1961" in m]


def test_pypdf_extractor_remains_the_fallback(monkeypatch):
    pdf = text_pdf([[f"visit note page {p}"] for p in range(1, 4)])
    native = inspect_bytes(pdf, "a.pdf", isolate=False)
    monkeypatch.setenv("QALSODY_PDF_TEXT", "pypdf")  # as when PDFium cannot open a file
    fallback = inspect_bytes(pdf, "a.pdf", isolate=False)
    assert (native.text_engine, fallback.text_engine) == ("pdfium", "pypdf")
    for page, (a, b) in enumerate(zip(native.page_texts, fallback.page_texts, strict=True), 1):
        assert f"visit note page {page}" in a and f"visit note page {page}" in b
