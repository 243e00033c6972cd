"""Damaged compressed streams (issue 12, defect 10): intake warns, the bundle comes out clean.

The fixture is made here: page 1's content has a broken zlib header (the deflate data is whole,
so it is repaired), page 2's content is garbage after the header (nothing to recover: the page
is rendered by PDFium into an image), page 3 is sound, and an image on page 3 has a bad header.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from pypdf import PdfReader
from test_bundle_support import confirm_patient, new_case, qpdf_check

from qalsody_desktop.core.bundle import BundleBuilder
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.intake.pdfdoc import inspect_pdf
from qalsody_desktop.core.pdfstreams import flate_ok, repair_flate
from qalsody_desktop.core.policy import load_default_profile

GOOD_TEXT = b"BT /F1 20 Tf 72 700 Td (SOUND-PAGE-THREE) Tj ET q 50 0 0 50 72 600 cm /Im1 Do Q"


def _bad_header(data: bytes) -> bytes:
    return b"\x00\x00" + zlib.compress(data)[2:]


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(entries: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(data), data)


def damaged_pdf() -> bytes:
    repairable = _bad_header(b"BT /F1 20 Tf 72 700 Td (REPAIRED-PAGE-ONE) Tj ET")
    lost = b"\x78\x9c" + b"\xff" * 64  # a reserved deflate block type: nothing decodes
    pixels = bytes(range(256)) * 4  # 32 x 32 gray
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
    page += b" /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 10 0 R >> >> >>"
    flate = b"/Filter /FlateDecode"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R 5 0 R 6 0 R] /Count 3 >>",
            font,
            page % 7,
            page % 8,
            page % 9,
            _stream(flate, repairable),
            _stream(flate, lost),
            _stream(flate, zlib.compress(GOOD_TEXT)),
            _stream(
                b"/Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray"
                b" /BitsPerComponent 8 " + flate,
                _bad_header(pixels),
            ),
        ]
    )


def test_flate_checks_tell_damage_apart():
    whole = zlib.compress(b"x" * 1000)
    assert flate_ok(whole)
    assert not flate_ok(_bad_header(b"x" * 1000))
    assert repair_flate(_bad_header(b"x" * 1000)) == b"x" * 1000
    assert repair_flate(b"\x78\x9c" + b"\xff" * 64) is None


def test_intake_warns_about_damaged_pages():
    result = inspect_pdf(damaged_pdf())
    assert result.status == "ok", result.error
    text = " | ".join(result.warnings)
    assert "damaged compressed content on page 1: the bundle repairs it" in text
    assert "damaged content on page 2 cannot be decoded" in text


def test_bundle_repairs_or_renders_damaged_pages_and_passes_qpdf(store, example_dict, tmp_path):
    source = tmp_path / "damaged.pdf"
    source.write_bytes(damaged_pdf())
    assert qpdf_exit(source) != 0  # the input itself fails the check the bundle must pass
    case_id = new_case(store, example_dict)
    profile = load_default_profile()
    (outcome,) = Attacher(store, profile).attach(case_id, [source], category="clinic_note")
    assert outcome.status == "ok", outcome.error
    confirm_patient(store, case_id, outcome.attachment_id)  # bare pages name nobody
    out = tmp_path / "bundle.pdf"
    result = BundleBuilder(store, profile).build(case_id, out)
    qpdf_check(out)
    assert not result.manifest["left_out"], result.manifest["left_out"]
    doc = next(
        d for s in result.manifest["sections"] for d in s["documents"] if d["file"] == source.name
    )
    first = doc["output_pages"]["first"]
    pages = PdfReader(out).pages
    assert "REPAIRED-PAGE-ONE" in pages[first - 1].extract_text()
    assert "SOUND-PAGE-THREE" in pages[first + 1].extract_text()
    warnings = " | ".join(doc["warnings"])
    assert "repaired" in warnings
    assert "page 2: its content is damaged beyond repair; the page is an image" in warnings
    assert any("damaged.pdf: page 2" in w for w in result.warnings)
    # the rendered page draws an image and still carries the stamp
    assert f"Page {first + 1} of" in pages[first].extract_text()
    assert _draws_image(pages[first])


def _draws_image(page) -> bool:
    def walk(resources, depth=0):
        xobjects = resources.get("/XObject") if resources else None
        for ref in (xobjects or {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                return True
            if (
                obj.get("/Subtype") == "/Form"
                and depth < 3
                and walk(obj.get("/Resources"), depth + 1)
            ):
                return True
        return False

    return walk(page.get("/Resources"))


def qpdf_exit(path: Path) -> int:
    import shutil
    import subprocess

    exe = shutil.which("qpdf")
    assert exe, "qpdf is required"
    return subprocess.run([exe, "--check", str(path)], capture_output=True).returncode
