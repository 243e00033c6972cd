"""Delivery routes: over a page or size limit the bundle is split (or its images recompressed)."""

from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image
from pypdf import PdfReader
from test_bundle_support import (
    assert_nothing_active,
    attach,
    new_case,
    page_texts,
    pdf_with_pages,
    qpdf_check,
    write_doc,
)

from qalsody_desktop.core.bundle import BundleBuilder, BundleOptions
from qalsody_desktop.core.policy import default_profile_path, load_profile
from qalsody_desktop.core.storage.exports import ExportRepository


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def profile_with(tmp_path, old: str, new: str):
    """The shipped profile with one route limit changed (a test-sized portal)."""
    text = default_profile_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "profile.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_profile(path)


def scanned_pdf(pages: int, seed: int) -> bytes:
    """Photo-like pages (noisy JPEGs), the kind that makes bundles big."""
    images = []
    for index in range(pages):
        noise = Image.effect_noise((800, 1000), 40 + seed + index)
        images.append(Image.merge("RGB", [noise, noise.rotate(180), noise]))
    buffer = io.BytesIO()
    images[0].save(
        buffer, "PDF", resolution=100, save_all=True, append_images=images[1:], quality=95
    )
    return buffer.getvalue()


def test_fax_page_limit_splits_into_parts_with_covers(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    folder = tmp_path / "in"
    sizes = {
        "clinic_note": 40,
        "alsfrs_r": 30,
        "pulmonary_function": 25,
        "medical_necessity_letter": 3,
    }
    for category, count in sizes.items():
        labels = [f"{category.upper()}-{i}" for i in range(1, count + 1)]
        attach(
            store, case_id, write_doc(folder, f"{category}.pdf", pdf_with_pages(labels)), category
        )
    out = tmp_path / "fax.pdf"
    result = BundleBuilder(store).build(case_id, out, BundleOptions(route="fax"))
    manifest = result.manifest
    assert len(result.files) == len(manifest["files"]) == 3  # the fewest that fit 50 pages
    assert [p.name for p in result.files] == [
        f"fax-part-{k}-of-{len(result.files)}.pdf" for k in range(1, len(result.files) + 1)
    ]
    assert not out.exists()
    total = manifest["pages"]
    expected_first = 1
    for number, (path, entry) in enumerate(
        zip(result.files, manifest["files"], strict=True), start=1
    ):
        qpdf_check(path)
        assert_nothing_active(path, tmp_path)
        texts = page_texts(path)
        assert len(texts) == entry["pages"] <= 50  # the route's page budget, cover included
        assert f"Part {number} of {len(result.files)}" in texts[0]
        assert f"{len(texts)} in this transmission" in texts[0]
        assert entry["page_range"]["first"] == expected_first
        for offset, text in enumerate(texts):
            assert f"Page {expected_first + offset} of {total}" in text
            assert f"Part {number} of {len(result.files)}" in text
        expected_first += len(texts)
    assert expected_first - 1 == total
    assert any("50-page limit" in a for a in manifest["route"]["actions"])
    # the contents (part 1) send the reader to the right part and page
    all_texts = [t for path in result.files for t in page_texts(path)]
    contents = " ".join(all_texts[1:3])
    for category in sizes:
        doc = next(
            d for s in manifest["sections"] for d in s["documents"] if d["category"] == category
        )
        first = doc["output_pages"]["first"]
        assert f"{category.upper()}-1" in all_texts[first - 1]
        found = re.search(re.escape(f"{category}.pdf") + r"\s+(\d+)", contents)
        assert found and int(found.group(1)) == first
        if len(doc["parts"]) > 1 or doc["parts"] != [1]:
            assert "(part" in contents
    record = ExportRepository(store.db).latest(case_id, "bundle")
    assert record is not None and record.path.endswith("fax.manifest.json")
    assert json.loads((tmp_path / "fax.manifest.json").read_text()) == manifest


def test_size_limit_recompresses_images_when_that_is_enough(store, example_dict, tmp_path):
    profile = profile_with(tmp_path, "max_file_mb = 25", "max_file_mb = 3")
    case_id = new_case(store, example_dict)
    for i in range(3):
        attach(
            store,
            case_id,
            write_doc(tmp_path / "in", f"scan{i}.pdf", scanned_pdf(2, i)),
            "clinic_note",
        )
    out = tmp_path / "portal.pdf"
    result = BundleBuilder(store, profile).build(
        case_id, out, BundleOptions(route="provider_portal")
    )
    assert result.files == [out]
    assert out.stat().st_size <= 3_000_000
    (action,) = result.manifest["route"]["actions"]
    assert "images recompressed" in action
    qpdf_check(out)
    assert any("images recompressed" in w for w in result.warnings)


def test_size_limit_splits_when_recompression_is_not_enough(store, example_dict, tmp_path):
    profile = profile_with(tmp_path, "max_file_mb = 25", "max_file_mb = 1.2")
    case_id = new_case(store, example_dict)
    for i in range(4):
        attach(
            store,
            case_id,
            write_doc(tmp_path / "in", f"scan{i}.pdf", scanned_pdf(2, i)),
            "clinic_note",
        )
    out = tmp_path / "portal.pdf"
    result = BundleBuilder(store, profile).build(
        case_id, out, BundleOptions(route="provider_portal")
    )
    assert len(result.files) >= 2
    actions = result.manifest["route"]["actions"]
    assert any("recompressed" in a for a in actions) and any("split into" in a for a in actions)
    pages = 0
    for path in result.files:
        assert path.stat().st_size <= 1_200_000
        qpdf_check(path)
        reader = PdfReader(path)
        pages += len(reader.pages)
        for page in reader.pages:
            for x in page["/Resources"].get("/XObject", {}).values():
                form = x.get_object()
                for inner in form.get("/Resources", {}).get("/XObject", {}).values():
                    image = inner.get_object()
                    assert max(image["/Width"], image["/Height"]) <= 1650
    assert pages == result.manifest["pages"]
    assert result.manifest["left_out"] == []
