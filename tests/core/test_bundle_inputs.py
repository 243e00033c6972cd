"""Pictures and DOCX as pages; a bad input never costs the others; cancel leaves nothing."""

from __future__ import annotations

import io
import os

import pytest
from intake_helpers import docx_with_tables, image_bytes, jpeg_with_orientation, multipage_tiff
from PIL import Image
from pypdf import PdfReader
from test_bundle_support import attach, new_case, page_texts, pdf_with_pages, qpdf_check, write_doc
from testpaths import CORPUS, require_shared

from qalsody_desktop.core.bundle import BundleBuilder, BundleCancelled
from qalsody_desktop.core.bundle import copier as copier_module
from qalsody_desktop.core.storage.exports import ExportRepository


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def _docs(result):
    return {d["file"]: d for s in result.manifest["sections"] for d in s["documents"]}


def _image_xobjects(page):
    xobjects = page["/Resources"].get("/XObject", {})
    return [x.get_object() for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]


def test_pictures_become_upright_letter_pages(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    folder = tmp_path / "in"
    attach(
        store, case_id, write_doc(folder, "wide.jpg", jpeg_with_orientation(1)), "insurance_card"
    )
    attach(
        store, case_id, write_doc(folder, "turned.jpg", jpeg_with_orientation(6)), "insurance_card"
    )
    attach(store, case_id, write_doc(folder, "fax.tif", multipage_tiff(3)), "clinic_note")
    png = image_bytes("PNG", (300, 500), "RGBA")
    attach(store, case_id, write_doc(folder, "alpha.png", png), "other")
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    docs = _docs(result)
    reader = PdfReader(out)

    def page(name, offset=0):
        return reader.pages[docs[name]["output_pages"]["first"] - 1 + offset]

    def landscape(p):
        return float(p.mediabox.width) > float(p.mediabox.height)

    assert landscape(page("wide.jpg"))  # 60 x 40 as stored and shown
    assert not landscape(page("turned.jpg"))  # stored 60 x 40, EXIF 6: shown 40 x 60
    assert docs["fax.tif"]["source_pages"] == 3 and len(docs["fax.tif"]["selected_pages"]) == 3
    for offset in range(3):
        (image,) = _image_xobjects(page("fax.tif", offset))
        assert image["/BitsPerComponent"] == 1  # a bilevel scan stays 1-bit
    (image,) = _image_xobjects(page("alpha.png"))
    assert image["/ColorSpace"] == "/DeviceRGB" and "/SMask" not in image
    texts = page_texts(out)
    assert (
        f"Page {docs['alpha.png']['output_pages']['first']} of {len(texts)}"
        in texts[docs["alpha.png"]["output_pages"]["first"] - 1]
    )


def test_corpus_photo_with_exif_orientation_is_shown_upright(store, example_dict, tmp_path):
    photo = require_shared(CORPUS / "image" / "exif__Portrait_6.jpg")
    case_id = new_case(store, example_dict)
    attach(store, case_id, photo, "other")
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    doc = _docs(result)["exif__Portrait_6.jpg"]
    page = PdfReader(out).pages[doc["output_pages"]["first"] - 1]
    assert float(page.mediabox.height) > float(page.mediabox.width)  # portrait, as taken
    (image,) = _image_xobjects(page)
    assert (image["/Width"], image["/Height"]) == (
        1800,
        1200,
    )  # embedded as stored, turned on the page
    assert image["/Filter"] == "/DCTDecode"


def test_big_photo_is_scaled_down_and_compressed(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    noise = Image.effect_noise((5000, 3800), 60).convert("RGB")
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 2  # mirrored: has to be decoded and re-encoded
    noise.save(buffer, "JPEG", quality=95, exif=exif.tobytes())
    attach(store, case_id, write_doc(tmp_path, "huge.jpg", buffer.getvalue()), "other")
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    doc = _docs(result)["huge.jpg"]
    (image,) = _image_xobjects(PdfReader(out).pages[doc["output_pages"]["first"] - 1])
    assert max(image["/Width"], image["/Height"]) <= 3300
    assert image["/Filter"] == "/DCTDecode"


def test_docx_is_converted_with_libreoffice_or_the_apps_renderer(
    store, example_dict, tmp_path, monkeypatch
):
    case_id = new_case(store, example_dict)
    attach(store, case_id, write_doc(tmp_path, "note.pdf", pdf_with_pages(["NOTE"])), "clinic_note")
    attach(store, case_id, write_doc(tmp_path, "letter.docx", docx_with_tables()), "other")
    monkeypatch.setenv("QALSODY_SOFFICE", str(tmp_path / "no-such-soffice"))
    without = tmp_path / "without.pdf"
    result = BundleBuilder(store).build(case_id, without)
    qpdf_check(without)
    assert result.manifest["left_out"] == []  # drawn by the app's own renderer instead
    doc = _docs(result)["letter.docx"]
    assert any("the app's text renderer" in w for w in doc["warnings"]), doc
    text = page_texts(without)[doc["output_pages"]["first"] - 1]
    assert "Letter of medical necessity for tofersen" in text
    assert "note.pdf" in _docs(result)
    monkeypatch.delenv("QALSODY_SOFFICE")
    from qalsody_desktop.core.bundle.convert import find_soffice

    if find_soffice() is None:
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "with.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    assert result.manifest["left_out"] == []
    doc = _docs(result)["letter.docx"]
    assert doc["converted_sha256"] and doc["kind"] == "docx"
    assert "converted from DOCX with LibreOffice" in doc["warnings"]
    text = page_texts(out)[doc["output_pages"]["first"] - 1]
    assert "Letter of medical necessity for tofersen" in text


def test_a_broken_input_never_costs_the_others(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    keep = attach(
        store, case_id, write_doc(tmp_path, "keep.pdf", pdf_with_pages(["KEEP"])), "clinic_note"
    )
    junk = attach(
        store, case_id, write_doc(tmp_path, "junk.pdf", pdf_with_pages(["JUNK"])), "other"
    )
    swap = attach(
        store, case_id, write_doc(tmp_path, "swap.pdf", pdf_with_pages(["SWAP"])), "other"
    )
    # after attaching, one stored file is overwritten with garbage, another with a valid but
    # different PDF (only its hash shows the damage)
    blobs = store.blobs
    for att_id, data in ((junk, b"%PDF-1.7 garbage"), (swap, pdf_with_pages(["SWAPPED", "X"]))):
        path = blobs.path_for(store.attachments.get(att_id).working_sha256)
        os.chmod(path, 0o600)
        path.write_bytes(data)
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    left = {x["attachment_id"]: x["reason"] for x in result.manifest["left_out"]}
    assert set(left) == {junk, swap}
    assert "damaged" in left[swap]
    texts = page_texts(out)
    assert len(texts) == result.manifest["pages"]
    assert any("KEEP" in t for t in texts) and not any("SWAPPED" in t or "JUNK" in t for t in texts)
    assert _docs(result)["keep.pdf"]["attachment_id"] == keep
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_a_document_failing_while_written_is_left_out(store, example_dict, tmp_path, monkeypatch):
    case_id = new_case(store, example_dict)
    attach(
        store,
        case_id,
        write_doc(tmp_path, "good.pdf", pdf_with_pages(["GOOD-1", "GOOD-2"])),
        "clinic_note",
    )
    attach(
        store, case_id, write_doc(tmp_path, "bad.pdf", pdf_with_pages(["BAD-1", "BAD-2"])), "other"
    )
    original = copier_module.Copier.content_stream

    def failing(self, page, warnings):
        if b"BAD-2" in page.get_contents().get_data():
            raise ValueError("simulated broken content")
        return original(self, page, warnings)

    monkeypatch.setattr(copier_module.Copier, "content_stream", failing)
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    (left,) = result.manifest["left_out"]
    assert left["file"] == "bad.pdf" and "simulated broken content" in left["reason"]
    texts = page_texts(out)
    assert len(texts) == result.manifest["pages"]
    assert not any("BAD-1" in t for t in texts)
    good = _docs(result)["good.pdf"]["output_pages"]
    assert "GOOD-1" in texts[good["first"] - 1] and "GOOD-2" in texts[good["last"] - 1]
    contents = texts[1]
    assert "bad.pdf" not in contents and f"good.pdf {good['first']}-{good['last']}" in contents


def test_cancel_leaves_no_file_and_no_record(store, example_dict, tmp_path):
    case_id = new_case(store, example_dict)
    attach(
        store,
        case_id,
        write_doc(tmp_path / "in", "a.pdf", pdf_with_pages([f"P{i}" for i in range(30)])),
        "other",
    )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    written: list[int] = []

    def progress(done, total, message):
        if message.startswith("writing"):
            written.append(done)

    with pytest.raises(BundleCancelled):
        BundleBuilder(store).build(
            case_id, out_dir / "b.pdf", progress=progress, cancelled=lambda: len(written) >= 10
        )
    assert 10 <= len(written) < 30
    assert list(out_dir.iterdir()) == []
    assert ExportRepository(store.db).list(case_id) == []
    # an existing bundle of the same name is left exactly as it was
    (out_dir / "b.pdf").write_bytes(b"previous bundle")
    written.clear()
    with pytest.raises(BundleCancelled):
        BundleBuilder(store).build(
            case_id, out_dir / "b.pdf", progress=progress, cancelled=lambda: len(written) >= 5
        )
    assert [p.name for p in out_dir.iterdir()] == ["b.pdf"]
    assert (out_dir / "b.pdf").read_bytes() == b"previous bundle"
