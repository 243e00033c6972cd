"""Every real-world file in ../shared/corpus gets a sensible verdict, in time, without raising.

The corpus (see its MANIFEST.tsv) is read in place and never copied into the repository. On a
bare clone without ../shared these tests skip; in CI (QALSODY_REQUIRE_TOOLS=1) they must run.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from qalsody_desktop.core.intake import inspect_file

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
TIMEOUT = 60.0
REMOVED = "(will be removed from the submission bundle)"


def corpus_files() -> list[str]:
    if not CORPUS.is_dir():
        return []
    skip = {"MANIFEST.tsv", "README.md"}
    return sorted(
        str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p.name not in skip
    )


FILES = corpus_files()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail(f"{CORPUS} is missing; CI must have ../shared beside the repo")
        pytest.skip(f"{CORPUS} is not beside the repo")
    return CORPUS


def inspect(corpus: Path, name: str, password: str | None = None):
    started = time.monotonic()
    result = inspect_file(corpus / name, password, timeout=TIMEOUT)
    return result, time.monotonic() - started


@pytest.mark.parametrize("name", FILES or ["(corpus missing)"])
def test_every_corpus_file_gets_a_clear_verdict(corpus, name):
    result, elapsed = inspect(corpus, name)
    assert elapsed < TIMEOUT + 5
    assert result.file_name == Path(name).name
    assert result.status in ("ok", "needs_password", "rejected")
    if result.status == "ok":
        assert result.error is None and result.kind in ("pdf", "image", "docx")
        assert result.kind == "docx" or result.pages >= 1
        assert len(result.page_texts) <= (result.pages or 1)
    else:
        assert result.error and result.error.strip() == result.error and "\n" not in result.error
        assert result.page_texts == [] and result.working_copy is None


def test_the_corpus_is_all_there(corpus):
    listed = [
        line.split("\t")[0]
        for line in (corpus / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
        if line.strip()
    ]
    assert sorted(listed) == FILES and len(FILES) >= 70


PASSWORDS = {
    "encrypted/pdfbox__PasswordSample-256bit.pdf": "user",
    "encrypted/pypdf__r6-both-passwords.pdf": "foo",
    "encrypted/pypdf__r4-aes-user-password.pdf": "asdfzxcv",
    "encrypted/pypdf__r2-user-password.pdf": "asdfzxcv",
    "pdf2/pdfjs__saslprep-r6.pdf": "SªSL\u00adprep",
}


@pytest.mark.parametrize("name", sorted(PASSWORDS))
def test_user_password_files_open_with_their_password(corpus, name):
    asked, _ = inspect(corpus, name)
    assert (asked.status, asked.encrypted) == ("needs_password", True)
    wrong, _ = inspect(corpus, name, "not-the-password")
    assert (wrong.status, wrong.error) == (
        "needs_password",
        "wrong password for this password-protected PDF",
    )
    opened, _ = inspect(corpus, name, PASSWORDS[name])
    assert (opened.status, opened.encrypted) == ("ok", True)
    copy = PdfReader(io.BytesIO(opened.working_copy))
    assert not copy.is_encrypted and len(copy.pages) == opened.pages


def test_saslprep_normalised_password_opens_too(corpus):
    result, _ = inspect(corpus, "pdf2/pdfjs__saslprep-r6.pdf", "SaSLprep")
    assert result.status == "ok" and "Hello pdf.js world" in result.text


def test_owner_password_alone_also_opens_a_user_password_file(corpus):
    result, _ = inspect(corpus, "encrypted/pypdf__r6-both-passwords.pdf", "bar")
    assert result.status == "ok"


@pytest.mark.parametrize(
    "name",
    [
        "encrypted/pypdf__r6-owner-password.pdf",
        "encrypted/pypdf__r2-owner-password.pdf",
        "encrypted/pdfjs__issue17069.pdf",
    ],
)
def test_owner_only_files_are_accepted_decrypted(corpus, name):
    result, _ = inspect(corpus, name)
    assert (result.status, result.encrypted) == ("ok", True)
    assert "was encrypted (owner password only); stored decrypted" in result.warnings
    copy = PdfReader(io.BytesIO(result.working_copy))
    assert not copy.is_encrypted and len(copy.pages) == result.pages


def test_certificate_encryption_is_refused(corpus):
    result, _ = inspect(corpus, "encrypted/pdfbox__AES128ExposedMeta.pdf")
    assert (result.status, result.encrypted) == ("rejected", True)
    assert "certificate" in result.error


@pytest.mark.parametrize(
    ("name", "has_text"),
    [
        ("scanned/pdfjs__issue7200.pdf", False),
        ("scanned/pdfjs__issue7229.pdf", False),
        ("scanned/pikepdf__congress-gray.pdf", False),
        ("scanned/qpdf__pclm-in.pdf", False),
        ("scanned/pikepdf__sandwich.pdf", True),  # OCR text layer under the scan
        ("scanned/pikepdf__jbig2global.pdf", True),
    ],
)
def test_scans_report_their_text_layer(corpus, name, has_text):
    result, _ = inspect(corpus, name)
    assert result.status == "ok" and result.has_text_layer is has_text
    if not has_text:
        assert result.image_only_pages == list(range(1, result.pages + 1))
        assert any(w.startswith("scanned PDF: no text layer") for w in result.warnings)


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("active-content/pdfjs__issue17846.pdf", {"launch"}),
        ("active-content/pdfium__launch_action.pdf", {"launch"}),
        ("active-content/pdfjs__bug1669099.pdf", {"javascript"}),
        ("active-content/pdfjs__attachment.pdf", {"embeddedfiles"}),
        ("active-content/pdfjs__issue6106.pdf", {"javascript", "openaction"}),
        ("active-content/pdfjs__evaljs.pdf", {"javascript"}),
        ("form/pikepdf__form_210966.pdf", {"javascript", "embeddedfiles", "xfa"}),
    ],
)
def test_active_content_carries_warnings(corpus, name, codes):
    result, _ = inspect(corpus, name)
    assert result.status == "ok"
    assert codes <= set(result.active_content)
    assert sum(w.endswith(REMOVED) for w in result.warnings) >= len(codes)


@pytest.mark.parametrize(
    ("name", "pages"),
    [("large/pdfjs__freeculture.pdf", 352), ("large/pysf__GeoTopo-komprimiert.pdf", 117)],
)
def test_large_files_count_their_pages(corpus, name, pages):
    result, _ = inspect(corpus, name)
    assert (result.status, result.pages, result.has_text_layer) == ("ok", pages, True)
    assert len(result.page_texts) == pages  # every page is read
    assert not any("text read from the first" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("broken/qpdf__pages-loop.pdf", "corrupt PDF: its page tree loops back on itself"),
        ("broken/qpdf__deep-pages.pdf", "corrupt PDF: its page tree is nested deeper"),
        ("broken/pdfjs__filled-background.pdf", "corrupt or hostile PDF: it exceeds a safety"),
        ("broken/pdfjs__issue15590.pdf", "corrupt or truncated PDF: the end of the file"),
        ("broken/qpdf__bad-xref.pdf", "corrupt or truncated PDF"),
        ("broken/qpdf__issue-202.pdf", "corrupt or truncated PDF"),
        ("pdf2/pdfjs__Brotli-Prototype-FileA.pdf", "PDF uses a compression this app cannot read"),
    ],
)
def test_broken_files_are_refused_with_a_reason(corpus, name, error):
    result, _ = inspect(corpus, name)
    assert result.status == "rejected" and result.error.startswith(error), result.error


def test_a_damaged_but_recoverable_pdf_is_read(corpus):
    result, _ = inspect(corpus, "broken/pdfjs__scan-bad.pdf")
    assert result.status == "ok" and result.pages == 1


def test_offset_header_pdf_is_read(corpus):
    result, _ = inspect(corpus, "pdf2/pdfa20__PDF 2.0 with offset start.pdf")
    assert result.status == "ok" and result.has_text_layer
    assert any("before the PDF header" in w for w in result.warnings)


def test_images_from_the_corpus(corpus):
    portrait, _ = inspect(corpus, "image/exif__Portrait_6.jpg")
    assert (portrait.image_orientation, portrait.pixel_size) == (6, (1800, 1200))
    tiff, _ = inspect(corpus, "image/pydocx__sample.tif")
    assert (tiff.status, tiff.pages, tiff.pixel_size) == ("ok", 1, (1600, 2100))
    for name in ("image/pdfbox__jpegcmyk.jpg", "image/pdfbox__png_rgb_romm_16bit.png"):
        result, _ = inspect(corpus, name)
        assert result.status == "ok" and not result.has_text_layer


def test_docx_from_the_corpus(corpus):
    for name in FILES:
        if name.endswith(".docx"):
            result, _ = inspect(corpus, name)
            assert (result.status, result.kind, result.needs_conversion) == ("ok", "docx", True)
    header, _ = inspect(corpus, "docx/docx4j__header-no-rels.docx")
    assert "My first page header" in header.text and "Second page" in header.text
    linked, _ = inspect(corpus, "docx/pydocx__shp-inline-shape-access.docx")
    assert "external" in linked.active_content
