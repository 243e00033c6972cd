"""Every letter kind renders to DOCX and PDF (qpdf-clean, same text), and the medical necessity
DOCX opens in a real word processor: LibreOffice converts it with the expected pages and text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from datetime import date

import pytest
from test_letters_support import (
    docx_text,
    example_case,
    missing_from,
    pdf_pages,
    qpdf_check,
    squash,
)

from qalsody_desktop.core.letters.context import DenialInfo
from qalsody_desktop.core.letters.service import LETTER_KINDS, generate_letter, write_letter

TODAY = date(2025, 6, 10)
DENIAL = DenialInfo(
    date(2025, 6, 2), date(2025, 6, 5), "REF-1", ("experimental_designation", "not_on_formulary")
)
TIMINGS: dict[str, float] = {}


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def case_id(store, example_path):
    case = example_case(example_path)
    case.request.urgency = "expedited"  # every optional paragraph present
    return store.cases.create(case)


def pdf_body_text(path, footer: str | None) -> str:
    """The PDF's text as read across page breaks: without the footer and page numbers, and
    without the lines Qt paints (clipped, invisible) on both sides of a break: a paragraph that
    runs onto the next page then reads once, in order."""
    pages = []
    for page in pdf_pages(path):
        lines = [" ".join(ln.split()) for ln in page.splitlines()]
        pages.append(
            [ln for ln in lines if ln and ln != footer and not re.fullmatch(r"Page \d+ of \d+", ln)]
        )
    out: list[str] = []
    for lines in pages:
        overlap = next(
            (k for k in range(min(4, len(lines), len(out)), 0, -1) if out[-k:] == lines[:k]), 0
        )
        out.extend(lines[overlap:])
    return "\n".join([*out, footer or ""])  # the footer once, at the end


def fragments(result) -> list[str]:
    """Each line and table cell of the letter (what must be on the page in both formats)."""
    return [f for f in result.document.text_fragments() if not set(f) <= set("_ ")]


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_each_kind_renders_to_docx_and_pdf_with_the_same_text(store, case_id, kind, tmp_path):
    start = time.perf_counter()
    result = generate_letter(store, case_id, kind, today=TODAY, denial=DENIAL)
    out_docx, out_pdf = tmp_path / f"{kind}.docx", tmp_path / f"{kind}.pdf"
    write_letter(result, docx=out_docx, pdf=out_pdf)
    TIMINGS[kind] = time.perf_counter() - start
    qpdf_check(out_pdf)
    expected = fragments(result)
    assert missing_from(pdf_body_text(out_pdf, result.document.footer_text), expected) == []
    assert missing_from(docx_text(out_docx), expected) == []
    pages = len(pdf_pages(out_pdf))
    print(f"{kind}: {pages} page(s), {TIMINGS[kind]:.2f} s to compose and render")
    if kind == "p2p_summary":
        assert pages == 1  # read in 2-3 minutes
    else:
        assert 1 <= pages <= 6  # the medical necessity letter with its evidence: 6


def test_only_the_requested_files_are_written(store, case_id, tmp_path):
    result = generate_letter(store, case_id, "p2p_summary", today=TODAY)
    out = tmp_path / "out"
    write_letter(result, pdf=out / "only.pdf")
    assert sorted(p.name for p in out.iterdir()) == ["only.pdf"]
    assert oct((out / "only.pdf").stat().st_mode & 0o777) == "0o600"


def test_a_rendering_failure_writes_no_file(store, case_id, tmp_path, monkeypatch):
    import qalsody_desktop.core.document.pdf_render as pdf_render

    def broken(document):
        raise RuntimeError("renderer failed")

    result = generate_letter(store, case_id, "p2p_summary", today=TODAY)
    monkeypatch.setattr(pdf_render, "pdf_bytes", broken)  # write_letter imports it when called
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        write_letter(result, docx=out / "l.docx", pdf=out / "l.pdf")
    assert not out.exists() or list(out.iterdir()) == []  # not even the DOCX


@pytest.fixture(scope="module")
def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def test_libreoffice_lays_out_the_medical_necessity_letter(store, case_id, tmp_path, soffice):
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    out_docx, out_pdf = tmp_path / "mnl.docx", tmp_path / "mnl.pdf"
    write_letter(result, docx=out_docx, pdf=out_pdf)
    profile = tmp_path / "lo-profile"
    start = time.perf_counter()
    run = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "lo"),
            str(out_docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    elapsed = time.perf_counter() - start
    lo_pdf = tmp_path / "lo" / "mnl.pdf"
    assert run.returncode == 0 and lo_pdf.exists(), run.stdout + run.stderr
    lo_pages = pdf_pages(lo_pdf)
    qt_pages = len(pdf_pages(out_pdf))
    print(f"LibreOffice: {len(lo_pages)} pages (Qt PDF: {qt_pages}) in {elapsed:.1f} s")
    assert abs(len(lo_pages) - qt_pages) <= 1 and 2 <= len(lo_pages) <= 5
    for number, text in enumerate(lo_pages, start=1):
        assert squash(f"Page {number} of {len(lo_pages)}") in squash(text)
    assert missing_from("\n".join(lo_pages), fragments(result)) == []
    assert "Triangle ALS & Neuromuscular Center" in lo_pages[0]
    qpdf_check(lo_pdf)


def test_timings_were_recorded():
    """Keeps the per-kind timings visible in the run log (-s)."""
    if TIMINGS:
        print("timings:", {k: round(v, 2) for k, v in TIMINGS.items()})
    assert all(v < 30 for v in TIMINGS.values())


def test_a_clinic_template_in_the_data_folder_replaces_the_base(store, example_path, tmp_path):
    import shutil

    import docx

    from qalsody_desktop.core.caseio import load_case_file
    from qalsody_desktop.core.document.docx_render import DEFAULT_TEMPLATE
    from qalsody_desktop.core.letters.service import (
        CLINIC_TEMPLATE,
        generate_letter,
        write_letter,
    )

    case_id = store.cases.create(load_case_file(example_path))
    custom = store.root / CLINIC_TEMPLATE
    custom.parent.mkdir(parents=True)
    shutil.copy(DEFAULT_TEMPLATE, custom)
    template = docx.Document(str(custom))
    template.sections[0].header.paragraphs[0].text = "CLINIC TEMPLATE MARK"
    template.save(str(custom))
    result = generate_letter(store, case_id, "visit_prep")
    assert result.template == custom
    out = tmp_path / "letter.docx"
    write_letter(result, docx=out)
    header = docx.Document(str(out)).sections[0].header
    assert "CLINIC TEMPLATE MARK" in " ".join(p.text for p in header.paragraphs)
