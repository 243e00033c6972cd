"""Nothing active survives into a bundle, whatever the inputs held; forms are flattened."""

from __future__ import annotations

import time

import pytest
from intake_helpers import active_pdf
from pypdf import PdfReader
from test_bundle_support import (
    assert_nothing_active,
    attach,
    hostile_pdf,
    new_case,
    page_texts,
    qpdf_check,
    write_doc,
)
from testpaths import CORPUS, require_shared

from qalsody_desktop.core.bundle import BundleBuilder
from qalsody_desktop.core.bundle.gates import INCLUDE, record_decision
from qalsody_desktop.core.evidence.attach import Attacher, expand_paths
from qalsody_desktop.core.intake.pdf_active import scan_active_content
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.prefs import CasePrefs


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def test_hostile_inputs_come_out_clean_and_flattened(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    data = hostile_pdf("HOSTILE-DOC")
    # the input really is hostile: intake finds every kind of active content in it
    found, _ = scan_active_content(PdfReader(write_doc(tmp_path, "h.pdf", data)).trailer)
    assert {"javascript", "openaction", "aa", "launch", "embeddedfiles", "xfa", "richmedia"} <= set(
        found
    )
    attach(store, case_id, write_doc(tmp_path / "in", "hostile.pdf", data), "clinic_note")
    for kind in ("js", "openaction", "launch", "embedded"):
        attach(store, case_id, write_doc(tmp_path / "in", f"{kind}.pdf", active_pdf(kind)), "other")
    out = tmp_path / "bundle.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    assert_nothing_active(out, tmp_path)
    reader = PdfReader(out)
    assert all("/Annots" not in page for page in reader.pages)
    assert "/AcroForm" not in reader.trailer["/Root"] and "/Names" not in reader.trailer["/Root"]
    # the visible text and the filled-in field values are still there, drawn into the page
    (doc,) = [
        d for s in result.manifest["sections"] for d in s["documents"] if d["file"] == "hostile.pdf"
    ]
    text = page_texts(out)[doc["output_pages"]["first"] - 1]
    assert "HOSTILE-DOC" in text
    assert "FIELD-WITH-APPEARANCE" in text and "FIELD-WITHOUT-APPEARANCE" in text
    # the user is told what was removed
    assert any(w.startswith("hostile.pdf: contains JavaScript") for w in result.warnings)
    assert all(
        d["file"] != "payload.exe" for s in result.manifest["sections"] for d in s["documents"]
    )


def test_every_corpus_file_attach_accepts_bundles_clean(store, example_dict, tmp_path):
    corpus = require_shared(CORPUS)
    case_id = new_case(store, example_dict)
    profile = load_default_profile()
    outcomes = Attacher(store, profile).attach(case_id, [corpus])
    accepted = {o.attachment_id: o.file for o in outcomes if o.status == "ok"}
    files = [p for p in expand_paths([corpus]) if p.suffix.lower() not in (".md", ".tsv")]
    assert len(accepted) >= 50 and len(files) >= 60
    # public test files name no patient and are mostly "other": a person lets each in
    prefs = CasePrefs(store.db)
    for att_id in accepted:
        att = store.attachments.get(att_id)
        record_decision(prefs, case_id, att, INCLUDE, "public test file, checked by a person")
    out = tmp_path / "corpus.pdf"
    start = time.perf_counter()
    result = BundleBuilder(store, profile).build(case_id, out)
    elapsed = time.perf_counter() - start
    qpdf_check(out)
    assert_nothing_active(out, tmp_path)
    manifest = result.manifest
    bundled = {d["attachment_id"] for s in manifest["sections"] for d in s["documents"]}
    left = {x["attachment_id"]: x["reason"] for x in manifest["left_out"]}
    # every accepted file is in the bundle, or left out with its reason (DOCX without soffice)
    assert set(accepted) == (bundled - {None}) | set(left)
    assert all("LibreOffice" in reason for reason in left.values()), left
    pages = PdfReader(out).pages
    total = len(pages)
    assert total == manifest["pages"]
    for number in (1, total // 2, total):
        assert f"Page {number} of {total}" in pages[number - 1].extract_text()
    free_culture = next(
        d
        for s in manifest["sections"]
        for d in s["documents"]
        if d["file"] == "pdfjs__freeculture.pdf"
    )
    assert free_culture["output_pages"]["last"] - free_culture["output_pages"]["first"] == 351
    assert elapsed < 60
