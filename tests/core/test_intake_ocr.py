"""OCR of fax-like pages: known text read back under a character-error-rate floor, pages turned
upright and straightened, failures leave the document attached as "scanned, not read"."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.evidence.kit import load_kit
from qalsody_desktop.core.intake import inspect_bytes, ocr_document, pool
from qalsody_desktop.core.intake.ocr import find_tesseract
from qalsody_desktop.core.intake.pool import WorkerPool
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.synthetic.fax import (
    FINE,
    STANDARD,
    character_error_rate,
    clinic_note_lines,
    fax_page,
    fax_pdf,
    fax_tiff,
)

# The floor stated in the README: at most 2 characters in 100 wrong on a fax page (fine or
# standard resolution, skewed up to 3 degrees, any of the four turns).
CER_FLOOR = 0.02

needs_tesseract = pytest.mark.skipif(
    find_tesseract() is None and not os.environ.get("QALSODY_REQUIRE_TOOLS"),
    reason="Tesseract is not installed",
)


@pytest.fixture
def own_pool(monkeypatch):
    """A private reader pool, so an environment change reaches freshly started readers."""
    private = WorkerPool()
    monkeypatch.setattr(pool, "_POOL", private)
    yield private
    private.close()


@pytest.fixture(scope="module")
def profile():
    return load_default_profile()


def _read(data: bytes, name: str, **kwargs):
    inspection = inspect_bytes(data, name)
    assert inspection.ok, inspection.error
    return ocr_document(inspection, data, **kwargs)


def _note(seed: int = 1, first="Harold", last="Vance", dob="04/09/1966", mrn="TAC-102934"):
    return clinic_note_lines(first, last, dob, mrn, seed=seed)


@needs_tesseract
@pytest.mark.parametrize("dpi", [FINE, STANDARD], ids=["fine-204x196", "standard-204x98"])
def test_multipage_g4_fax_is_read_under_the_floor_and_straightened(dpi):
    skews = [0.0, 2.5, -3.0]
    pages = [fax_page(_note(i), dpi=dpi, skew=s, seed=i) for i, s in enumerate(skews)]
    result = _read(fax_tiff(pages), "fax.tif")
    assert result.pages == 3 and not result.has_text_layer and result.has_text
    assert result.ocr_pages == [1, 2, 3]
    assert result.ocr_engine and result.ocr_engine.startswith("tesseract")
    for index, page in enumerate(pages):
        cer = character_error_rate(page.text, result.page_texts[index])
        assert cer <= CER_FLOOR, (index + 1, cer, result.page_texts[index])
        assert result.page_confidence[index] > 0.7
    assert result.page_turns == [0, 0, 0]
    # the skew found is the one put in (to the search step), turned the other way
    for found, put in zip(result.page_skew, skews, strict=True):
        assert abs(found + put) <= 0.5, (found, put)
    assert any("text recognized by OCR on page 1, 2, 3" in w for w in result.warnings)


@needs_tesseract
def test_pages_fed_sideways_or_upside_down_are_turned_upright():
    turns = [90, 180, 270]
    pages = [fax_page(_note(i), dpi=FINE, rotate=t, skew=1.0, seed=i) for i, t in enumerate(turns)]
    result = _read(fax_pdf(pages), "scan.pdf")  # an image-only PDF, as fax gateways mail it
    assert result.image_only_pages == [1, 2, 3]
    # Pillow turned the paper counter-clockwise; the page state turns it back clockwise
    assert result.page_turns == turns
    for index, page in enumerate(pages):
        assert character_error_rate(page.text, result.page_texts[index]) <= CER_FLOOR


@needs_tesseract
def test_phone_photo_with_exif_orientation_is_read_upright():
    import io

    from PIL import Image

    page = fax_page(_note(5), dpi=FINE, seed=5)
    photo = page.image.convert("L").rotate(90, expand=True)  # stored sideways by the phone
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90 degrees clockwise to show"
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=85, exif=exif.tobytes(), dpi=(204, 204))
    result = _read(out.getvalue(), "photo.jpg")
    assert result.page_turns == [0]  # EXIF already turned it; nothing left to turn
    assert character_error_rate(page.text, result.page_texts[0]) <= CER_FLOOR


@needs_tesseract
def test_a_blank_fax_page_is_not_sent_to_the_engine():
    pages = [fax_page(_note(1), seed=1), fax_page([], seed=2)]
    result = _read(fax_tiff(pages), "fax.tif")
    assert result.page_origins == ["ocr", ""]
    assert "scanned, not read: page 2" in " ".join(result.warnings)


@needs_tesseract
def test_own_fax_matches_and_facts_carry_the_ocr_origin(store, example_dict, profile, tmp_path):
    case_id = store.cases.create(case_from_dict(example_dict))
    path = tmp_path / "fax.tif"
    path.write_bytes(fax_tiff([fax_page(_note(7), dpi=FINE, skew=2.0, rotate=180, seed=7)]))
    (outcome,) = Attacher(store, profile).attach(case_id, [path])
    assert outcome.status == "ok" and outcome.has_text_layer
    assert outcome.category == "clinic_note"
    assert not any("WRONG PATIENT" in w for w in outcome.warnings), outcome.warnings
    att = store.attachments.get(outcome.attachment_id)
    assert att.pages_state.rotation == {1: 180}  # stored upright for the viewer and bundle
    assert abs(att.pages_state.skew[1] + 2.0) <= 0.5
    assert att.analysis["page_origins"] == ["ocr"]
    facts = att.analysis["facts"]
    assert facts and all(f["origin"] == "ocr" for f in facts)
    assert all(f["confidence"] <= att.analysis["ocr_confidence"][0] for f in facts)
    review = load_kit(store, case_id, profile).reviews[att.id]
    assert review.identity is not None and review.identity.status == "match"
    # suggestions from OCR text say so; nothing enters the case until a person accepts it
    assert review.findings and all("read by OCR" in f.message for f in review.findings)
    assert store.cases.get(case_id).case == case_from_dict(example_dict)


@needs_tesseract
def test_another_patients_fax_is_flagged(store, example_dict, profile, tmp_path):
    case_id = store.cases.create(case_from_dict(example_dict))
    stranger = _note(8, first="Miriam", last="Okafor", dob="11/02/1958", mrn="TAC-557201")
    path = tmp_path / "misdirected-fax.tif"
    path.write_bytes(fax_tiff([fax_page(stranger, dpi=STANDARD, skew=-1.5, seed=8)]))
    (outcome,) = Attacher(store, profile).attach(case_id, [path])
    assert outcome.status == "ok"
    assert any(w.startswith("WRONG PATIENT?") for w in outcome.warnings), outcome.warnings
    assert not any("Miriam" in w or "Okafor" in w for w in outcome.warnings)  # no PHI in text


def _fake_engine(tmp_path: Path, body: str) -> str:
    script = tmp_path / "tesseract"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.mark.parametrize(
    ("engine", "why"),
    [
        ("missing", "no OCR engine installed"),
        ("failing", "the OCR engine failed"),
        ("hanging", "OCR did not finish page 1 within 8 s"),
    ],
)
def test_no_failing_or_slow_engine_leaves_it_attached_scanned_not_read(
    engine, why, own_pool, monkeypatch, store, example_dict, profile, tmp_path
):
    bodies = {
        "failing": "sys.stderr.write('Error: bad tessdata\\n'); sys.exit(1)",
        "hanging": "time.sleep(60)",
    }
    exe = _fake_engine(tmp_path, bodies[engine]) if engine in bodies else ""
    monkeypatch.setenv("QALSODY_TESSERACT", exe)
    data = fax_tiff([fax_page(_note(9), seed=9)])
    result = _read(data, "fax.tif", page_timeout=8.0)
    assert result.ok and result.page_origins == [""] and not result.has_text
    message = next(w for w in result.warnings if w.startswith("scanned, not read"))
    assert why in message, message
    case_id = store.cases.create(case_from_dict(example_dict))
    path = tmp_path / "fax.tif"
    path.write_bytes(data)
    monkeypatch.setattr("qalsody_desktop.core.evidence.attach.analyser_key", lambda: engine)
    monkeypatch.setattr("qalsody_desktop.core.intake.inspect.OCR_PAGE_TIMEOUT", 8.0)
    (outcome,) = Attacher(store, profile).attach(case_id, [path])
    assert outcome.status == "ok" and not outcome.has_text_layer
    assert any(w.startswith("scanned, not read") for w in outcome.warnings)


@needs_tesseract
def test_cancel_stops_ocr_within_a_page(own_pool):
    import threading
    import time

    pages = [fax_page(_note(i), seed=i) for i in range(6)]
    data = fax_tiff(pages)
    inspection = inspect_bytes(data, "long-fax.tif")
    stop = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 1:
            stop.set()

    started = time.monotonic()
    result = ocr_document(inspection, data, cancel=stop.is_set, progress=progress)
    assert time.monotonic() - started < 10
    assert result.status == "rejected" and result.error == "reading was cancelled"
    assert seen[:2] == [(0, 6), (1, 6)]
