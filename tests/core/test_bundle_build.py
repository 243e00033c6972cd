"""Building a bundle for a case: order, page numbers, stamps, outline, manifest, record."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from pypdf import PdfReader
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

from qalsody_desktop.core.bundle import (
    BundleBuilder,
    BundleOptions,
    BundleSettings,
    load_settings,
    save_settings,
)
from qalsody_desktop.core.evidence.records import PageState
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.exports import ExportRepository
from qalsody_desktop.core.storage.prefs import CasePrefs

EPOCH = "1764288000"  # 2025-11-28T00:00:00Z


@pytest.fixture(autouse=True)
def _qt(qapp):
    """A QApplication first: a bundle without a signed letter renders one with Qt."""
    return qapp


@pytest.fixture
def demo(store, example_dict, tmp_path):
    """The example case with one synthetic document per category, the signed letter first."""
    case_id = new_case(store, example_dict)
    folder = tmp_path / "docs"
    ids = {}
    for category in load_default_profile().category_ids:
        options = {"reasons": ["no_sod1_documentation"]} if category == "denial_letter" else {}
        ids[category] = attach_kind(store, case_id, example_dict, folder, category, **options)
    return case_id, ids


def build(store, case_id, out, **options):
    return BundleBuilder(store).build(case_id, out, BundleOptions(**options))


def test_whole_bundle_order_numbers_stamps_outline(store, demo, tmp_path, example_dict):
    case_id, ids = demo
    out = tmp_path / "out" / "bundle.pdf"
    out.parent.mkdir()
    result = build(store, case_id, out)
    qpdf_check(out)
    manifest = result.manifest
    texts = page_texts(out)
    total = len(texts)
    # cover + contents + crosswalk + letter + every selected page, nothing more
    front = manifest["front_matter"]
    front_pages = sum(v["last"] - v["first"] + 1 for v in front.values())
    doc_pages = sum(len(d["selected_pages"]) for s in manifest["sections"] for d in s["documents"])
    assert total == manifest["pages"] == front_pages + doc_pages
    assert front["cover"] == {"first": 1, "last": 1}
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text, number
        assert "Vance, Harold J" in text and "1966-04-09" in text and "U5521098834" in text
    # sections: the letter, then categories in the profile's order
    profile = load_default_profile()
    order = [s["id"] for s in manifest["sections"]]
    assert order[0] == "letter"
    expected = [c for c in profile.category_ids if c != "medical_necessity_letter"]
    assert order[1:] == expected
    letter = manifest["sections"][0]["documents"][0]
    assert letter["attachment_id"] == ids["medical_necessity_letter"]
    assert letter["output_pages"]["first"] == front["crosswalk"]["last"] + 1
    # the cover says what a fax cover must
    cover = texts[0]
    for fact in ("Cigna", "Triangle ALS", "Qalsody (tofersen)", "J1304", "G12.21", "Standard"):
        assert fact in cover
    assert f"{total} in this transmission" in cover
    assert "CONFIDENTIALITY NOTICE" in cover
    # one bookmark per section and per document, nested, pointing at the right page
    marks = outline_titles(out)
    docs = [
        (d["file"], d["output_pages"]["first"])
        for s in manifest["sections"]
        for d in s["documents"]
    ]
    for name, first in docs:
        assert (1, name, first) in marks
    for section in manifest["sections"]:
        assert (0, section["title"], section["output_pages"]["first"]) in marks
    assert (0, "Criteria crosswalk", front["crosswalk"]["first"]) in marks
    # recorded exactly as sent
    data = out.read_bytes()
    assert manifest["sha256"] == hashlib.sha256(data).hexdigest()
    beside = json.loads((tmp_path / "out" / "bundle.manifest.json").read_text())
    assert beside == manifest
    (record,) = ExportRepository(store.db).list(case_id)
    assert record.id == result.export_id and record.sha256 == manifest["sha256"]
    assert record.pages == total and record.manifest == manifest
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".tmp")] == []
    # the manifest names files and hashes, never the patient
    raw = json.dumps(manifest)
    assert "Vance" not in raw and "U5521098834" not in raw and "1966-04-09" not in raw


def _pages_of(text: str, label: str) -> list[int]:
    found = re.search(re.escape(label) + r"\s+(\d+)(?:-(\d+))?", text)
    assert found, (label, text[:400])
    first = int(found.group(1))
    return list(range(first, int(found.group(2) or first) + 1))


def test_contents_and_crosswalk_point_to_the_right_pages(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    folder = tmp_path / "docs"
    layout = {
        "clinic_note": ["NOTE-A-1", "NOTE-A-2", "NOTE-A-3"],
        "alsfrs_r": ["ALS-B-1"],
        "pulmonary_function": ["PFT-C-1", "PFT-C-2"],
        "sod1_genetic_report": ["GENE-D-1", "GENE-D-2"],
        "medical_necessity_letter": ["LETTER-E-1", "LETTER-E-2"],
    }
    for category, labels in layout.items():
        attach(
            store, case_id, write_doc(folder, f"{category}-x.pdf", pdf_with_pages(labels)), category
        )
    out = tmp_path / "b.pdf"
    result = build(store, case_id, out)
    texts = page_texts(out)
    contents = " ".join(
        texts[p - 1] for p in range(2, result.manifest["front_matter"]["contents"]["last"] + 1)
    )
    for category, labels in layout.items():
        pages = _pages_of(contents, f"{category}-x.pdf")
        assert len(pages) == len(labels)
        for page, label in zip(pages, labels, strict=True):
            assert label in texts[page - 1], (category, page)
    # crosswalk rows: pages whose words show nothing prove nothing, whatever their category
    cross = result.manifest["front_matter"]["crosswalk"]
    crosswalk = " ".join(texts[p - 1] for p in range(cross["first"], cross["last"] + 1))
    assert "SOD1 mutation confirmed by a certified (CLIA) laboratory" in crosswalk
    row = next(
        r for r in result.manifest["crosswalk"] if r["criterion"] == "sod1_mutation_confirmed"
    )
    assert row["documents"] == [] and row["pages"] == [] and row["citations"] == []
    assert row["note"] == "stated in the letter; no enclosed page"
    assert "stated in the letter; no enclosed page" in crosswalk
    # a criterion with no page in the bundle says so, in the PDF and the manifest
    nfl = next(r for r in result.manifest["crosswalk"] if r["criterion"] == "baseline_nfl")
    assert nfl["pages"] == [] and any("Baseline neurofilament" in w for w in result.warnings)


def test_page_selection_and_rotation_are_honoured(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    path = write_doc(tmp_path, "note.pdf", pdf_with_pages(["KEEP-1", "DROP-2", "TURN-3", "KEEP-4"]))
    att_id = attach(store, case_id, path, "clinic_note")
    state = PageState(excluded={2: "duplicate"}, rotation={3: 90})
    store.attachments.update(att_id, pages_state=state)
    out = tmp_path / "b.pdf"
    result = build(store, case_id, out)
    qpdf_check(out)
    (doc,) = [
        d for s in result.manifest["sections"] for d in s["documents"] if d["file"] == "note.pdf"
    ]
    assert doc["selected_pages"] == [1, 3, 4] and doc["rotation"] == {"3": 90}
    first = doc["output_pages"]["first"]
    reader = PdfReader(out)
    texts = page_texts(out)
    assert (
        "KEEP-1" in texts[first - 1] and "TURN-3" in texts[first] and "KEEP-4" in texts[first + 1]
    )
    assert not any("DROP-2" in t for t in texts)
    turned = reader.pages[first]  # the 90-degree page is laid out landscape, not /Rotate'd
    assert float(turned.mediabox.width) > float(turned.mediabox.height)
    assert turned.get("/Rotate", 0) == 0
    upright = reader.pages[first - 1]
    assert float(upright.mediabox.width) < float(upright.mediabox.height)


def test_content_is_shrunk_into_the_area_above_the_stamp(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    attach(
        store,
        case_id,
        write_doc(tmp_path, "a4.pdf", pdf_with_pages(["A4 PAGE"], (595, 842))),
        "other",
    )
    out = tmp_path / "b.pdf"
    result = build(store, case_id, out)
    (doc,) = [
        d for s in result.manifest["sections"] for d in s["documents"] if d["file"] == "a4.pdf"
    ]
    page = PdfReader(out).pages[doc["output_pages"]["first"] - 1]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    content = page.get_contents().get_data()
    scale, _, _, _, tx, ty = (
        float(v) for v in re.search(rb"q\n([-\d. ]+) cm\n/QPg Do", content).group(1).split()
    )
    assert 0.85 < scale < 1.0  # slightly smaller, never larger
    assert ty >= 36 - 0.01  # the stamp band (36 pt) stays free
    assert tx >= 0 and tx + 595 * scale <= 612.1 and ty + 842 * scale <= 792.1


def test_same_inputs_same_bytes_with_source_date_epoch(store, demo, tmp_path, monkeypatch):
    case_id, _ = demo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = build(store, case_id, tmp_path / "one" / "bundle.pdf", bates_prefix="QPA")
    second = build(store, case_id, tmp_path / "two" / "bundle.pdf", bates_prefix="QPA")
    assert (tmp_path / "one" / "bundle.pdf").read_bytes() == (
        tmp_path / "two" / "bundle.pdf"
    ).read_bytes()
    assert first.manifest == second.manifest
    assert first.manifest["created_at"] == "2025-11-28T00:00:00Z"
    info = PdfReader(tmp_path / "one" / "bundle.pdf").metadata
    assert info["/CreationDate"] == "D:20251128000000Z"
    assert info["/Title"].startswith("Qalsody (tofersen): prior authorization submission")
    assert "/Author" not in info  # the inputs' metadata is not carried over


def test_bates_numbers_every_page(store, demo, tmp_path):
    case_id, _ = demo
    out = tmp_path / "b.pdf"
    result = build(store, case_id, out, bates_prefix="CIG-7", bates_start=41)
    texts = page_texts(out)
    for number, text in enumerate(texts, start=1):
        assert f"CIG-7{40 + number:06d}" in text
    assert result.manifest["bates"] == {
        "prefix": "CIG-7",
        "first": "CIG-7000041",
        "last": f"CIG-7{40 + len(texts):06d}",
    }


def test_saved_settings_order_and_exclusions(store, demo, tmp_path):
    case_id, ids = demo
    prefs = CasePrefs(store.db)
    settings = BundleSettings(
        excluded=(ids["denial_letter"], ids["other"]),
        category_order=("pulmonary_function", "sod1_genetic_report"),
        bates_prefix="QPA",
    )
    save_settings(prefs, case_id, settings)
    assert load_settings(prefs, case_id) == settings
    result = build(store, case_id, tmp_path / "b.pdf")
    order = [s["id"] for s in result.manifest["sections"]]
    assert order[:3] == ["letter", "pulmonary_function", "sod1_genetic_report"]
    assert "denial_letter" not in order and "other" not in order
    excluded = {x["attachment_id"]: x["reason"] for x in result.manifest["excluded"]}
    assert excluded == {
        ids["denial_letter"]: "excluded from the bundle by the user",
        ids["other"]: "excluded from the bundle by the user",
    }
    assert result.manifest["left_out"] == []
    assert result.manifest["bates"]["prefix"] == "QPA"  # the saved prefix applies


def test_progress_reports_reading_and_writing(store, demo, tmp_path):
    case_id, _ = demo
    seen: list[tuple[int, int, str]] = []
    result = BundleBuilder(store).build(
        case_id, tmp_path / "b.pdf", progress=lambda d, t, m: seen.append((d, t, m))
    )
    writing = [s for s in seen if s[2].startswith("writing")]
    assert len(writing) == result.pages
    assert writing[-1][0] == writing[-1][1] == result.pages
    assert [d for d, _, _ in writing] == sorted(d for d, _, _ in writing)
    assert any(m.startswith("reading") for _, _, m in seen)


def test_bad_requests_are_refused(store, demo, tmp_path):
    from qalsody_desktop.core.errors import QalsodyError

    case_id, _ = demo
    with pytest.raises(QalsodyError, match="unknown route 'pigeon'"):
        build(store, case_id, tmp_path / "b.pdf", route="pigeon")
    with pytest.raises(QalsodyError, match="must end in .pdf"):
        build(store, case_id, tmp_path / "b.docx")
    with pytest.raises(QalsodyError, match="Bates prefix"):
        build(store, case_id, tmp_path / "b.pdf", bates_prefix="no spaces")
    with pytest.raises(QalsodyError, match="does not exist"):
        build(store, case_id, tmp_path / "missing" / "b.pdf")
    assert list(tmp_path.glob("*.pdf")) == []
