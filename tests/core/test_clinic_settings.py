"""Clinic settings: stored once per data folder, images checked with Pillow, used by letters."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from PIL import Image
from test_letters_support import example_case

from qalsody_desktop.core.errors import QalsodyError
from qalsody_desktop.core.letters.service import generate_letter, write_letter
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.storage.clinic import (
    ClinicSettings,
    ClinicSettingsError,
    ClinicSettingsRepository,
    Signer,
)

TODAY = date(2025, 6, 10)


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def repo(store):
    return ClinicSettingsRepository(store.db, store.blobs)


def image_file(tmp_path, name: str, fmt: str, size=(120, 60), color=(20, 60, 120)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    (tmp_path / name).write_bytes(buf.getvalue())
    return buf.getvalue()


def settings() -> ClinicSettings:
    return ClinicSettings(
        practice_name="Piedmont ALS Clinic",
        address_lines=["10 Clinic Way", "Raleigh, NC 27601"],
        phone="919-555-0300",
        fax="919-555-0301",
        signers=[Signer("Anika Rosen", "MD", "1234567893"), Signer("Lee Park", "NP")],
    )


def test_settings_round_trip_and_survive_reopening(store, repo, data_dir):
    assert repo.get() == ClinicSettings()
    repo.save(settings())
    store.close()
    with Store(data_dir) as again:
        got = ClinicSettingsRepository(again.db, again.blobs).get()
    assert got == settings()


def test_bad_npi_and_nameless_signer_are_refused(repo):
    bad = settings()
    bad.signers[0].npi = "1234567890"  # fails the check digit
    with pytest.raises(ClinicSettingsError, match="not a valid NPI"):
        repo.save(bad)
    nameless = settings()
    nameless.signers.append(Signer("  "))
    with pytest.raises(QalsodyError, match="signer 3"):
        repo.save(nameless)
    assert repo.get() == ClinicSettings()  # nothing was written


def test_png_and_jpeg_images_are_stored_by_hash(repo, store, tmp_path):
    repo.save(settings())
    png = image_file(tmp_path, "logo.png", "PNG")
    got = repo.set_logo(tmp_path / "logo.png")
    assert store.blobs.read(got.logo_sha256) == png
    image_file(tmp_path, "sig.jpg", "JPEG")
    got = repo.set_signature(0, tmp_path / "sig.jpg")
    sig = got.signers[0].signature_sha256
    assert sig and store.blobs.has(sig)
    as_png = repo.image_png(sig)
    assert as_png.startswith(b"\x89PNG\r\n\x1a\n")  # letters embed PNG
    assert Image.open(io.BytesIO(as_png)).size == (120, 60)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("fake.png", b"this is not an image"),
        ("empty.png", b""),
        ("cut.png", None),  # a truncated PNG
        ("anim.gif", "GIF"),
    ],
)
def test_anything_but_a_whole_png_or_jpeg_is_refused(repo, tmp_path, name, data):
    repo.save(settings())
    if data is None:
        whole = image_file(tmp_path, "whole.png", "PNG", size=(400, 400))
        data = whole[: len(whole) // 2]
    elif data == "GIF":
        data = image_file(tmp_path, "x.gif", "GIF")
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ClinicSettingsError, match=name):
        repo.set_logo(tmp_path / name)
    assert repo.get().logo_sha256 is None
    with pytest.raises(ClinicSettingsError, match="no signer 5"):
        repo.set_signature(4, tmp_path / name)


def test_letters_use_the_clinic_letterhead_logo_and_signature(store, repo, example_path, tmp_path):
    repo.save(settings())
    image_file(tmp_path, "logo.png", "PNG")
    image_file(tmp_path, "sig.png", "PNG", size=(300, 90), color=(10, 10, 90))
    repo.set_logo(tmp_path / "logo.png")
    repo.set_signature(0, tmp_path / "sig.png")
    case_id = store.cases.create(example_case(example_path))
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    doc = result.document
    assert doc.letterhead.practice_name == "Piedmont ALS Clinic"
    assert doc.letterhead.logo_png is not None
    assert "Phone 919-555-0300 · Fax 919-555-0301" in doc.letterhead.lines()
    signature = doc.block("signature")
    assert signature.signature_png is not None  # the signer matching the prescriber's NPI
    assert "919-555-0300" in doc.block("request").text  # the clinic's phone for the P2P
    assert not any("clinic settings are not set" in w for w in result.warnings)
    out = tmp_path / "signed.docx"
    write_letter(result, docx=out)
    d = docx.Document(str(out))
    header = d.sections[0].first_page_header
    assert "Piedmont ALS Clinic" in " ".join(
        c.text for t in header.tables for r in t.rows for c in r.cells
    )
    assert len(d.inline_shapes) >= 2  # chart and signature in the body (logo in the header)


def test_prescriber_who_is_not_a_signer_signs_without_an_image(store, repo, example_path):
    repo.save(ClinicSettings("Piedmont ALS Clinic", signers=[Signer("Lee Park", "NP")]))
    case_id = store.cases.create(example_case(example_path))
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    signature = result.document.block("signature")
    assert signature.signature_png is None
    assert [i.text for i in signature.name] == ["Anika Rosen"]
    assert any("not one of the clinic's signers" in w for w in result.warnings)
