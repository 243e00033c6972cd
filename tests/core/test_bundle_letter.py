"""The letter section: the signed copy when attached, else the generated letter, else a warning."""

from __future__ import annotations

import re

import pytest
from test_bundle_support import (
    attach,
    attach_kind,
    new_case,
    outline_titles,
    page_texts,
    pdf_with_pages,
    qpdf_check,
    write_doc,
)

from qalsody_desktop.core.bundle import BundleBuilder, BundleSettings, save_settings
from qalsody_desktop.core.bundle import letter as letter_module
from qalsody_desktop.core.storage.prefs import CasePrefs


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def _section(result, section_id):
    return next((s for s in result.manifest["sections"] if s["id"] == section_id), None)


def test_signed_copy_is_the_letter_and_older_letters_stay_out(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    folder = tmp_path / "in"
    old = attach(
        store,
        case_id,
        write_doc(folder, "draft.pdf", pdf_with_pages(["OLD DRAFT"])),
        "medical_necessity_letter",
    )
    signed = attach_kind(store, case_id, example_dict, folder, "medical_necessity_letter")
    attach_kind(store, case_id, example_dict, folder, "clinic_note")
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    section = _section(result, "letter")
    (doc,) = section["documents"]
    assert doc["attachment_id"] == signed and "generated" not in doc
    texts = page_texts(out)
    assert "I am writing on behalf of my patient" in texts[doc["output_pages"]["first"] - 1]
    assert not any("OLD DRAFT" in t for t in texts)
    (excluded,) = result.manifest["excluded"]
    assert excluded["attachment_id"] == old and "older letter" in excluded["reason"]
    assert (0, "Letter of medical necessity", doc["output_pages"]["first"]) in outline_titles(out)
    assert _section(result, "medical_necessity_letter") is None


def test_excluding_every_letter_leaves_the_letter_out(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    signed = attach_kind(store, case_id, example_dict, tmp_path, "medical_necessity_letter")
    attach_kind(store, case_id, example_dict, tmp_path, "clinic_note")
    save_settings(CasePrefs(store.db), case_id, BundleSettings(excluded=(signed,)))
    result = BundleBuilder(store).build(case_id, tmp_path / "b.pdf")
    assert _section(result, "letter") is None
    assert any(
        "every attached letter of medical necessity is excluded" in w for w in result.warnings
    )


def test_without_letter_or_generator_the_bundle_still_builds(
    store, example_dict, tmp_path, monkeypatch
):
    def unavailable():
        raise ImportError("no letters package")

    monkeypatch.setattr(letter_module, "_service", unavailable)
    case_id = new_case(store, example_dict)
    attach_kind(store, case_id, example_dict, tmp_path, "clinic_note")
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    assert _section(result, "letter") is None
    assert any("no letter section" in w for w in result.warnings)
    assert result.manifest["left_out"] == [] and _section(result, "clinic_note") is not None


def test_generated_letter_lists_its_enclosures_bundle_pages(store, example_dict, tmp_path):
    pytest.importorskip("qalsody_desktop.core.letters.service")
    case_id = new_case(store, example_dict)
    folder = tmp_path / "in"
    ids = {
        kind: attach_kind(store, case_id, example_dict, folder, kind)
        for kind in ("sod1_genetic_report", "clinic_note", "nfl_lab")
    }
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    (doc,) = _section(result, "letter")["documents"]
    assert doc["generated"] and doc["attachment_id"] is None
    assert any("no signed copy" in w for w in doc["warnings"])
    texts = page_texts(out)
    letter = " ".join(
        texts[p - 1] for p in range(doc["output_pages"]["first"], doc["output_pages"]["last"] + 1)
    )
    docs = {d["attachment_id"]: d for s in result.manifest["sections"] for d in s["documents"]}
    for kind, att_id in ids.items():
        pages = docs[att_id]["output_pages"]
        shown = (
            f"bundle page {pages['first']}"
            if pages["first"] == pages["last"]
            else f"bundle pages {pages['first']}-{pages['last']}"
        )
        assert re.search(re.escape(f"{kind}.pdf, {shown}"), letter), (kind, shown)
