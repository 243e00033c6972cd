"""Intake of images (Pillow) and Word files (python-docx)."""

from __future__ import annotations

import pytest
from intake_helpers import (
    docx_with_tables,
    empty_docx,
    image_bytes,
    jpeg_with_orientation,
    multipage_tiff,
    png_claiming_size,
    zip_bytes,
)

from qalsody_desktop.core.intake import docx_text, inspect_bytes
from qalsody_desktop.core.intake.images import NO_TEXT_WARNING

# -- images -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("photo.png", image_bytes("PNG"), "image/png"),
        ("photo.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("scan.tif", image_bytes("TIFF"), "image/tiff"),
        ("deep.png", image_bytes("PNG", mode="I;16"), "image/png"),
        ("print.jpg", image_bytes("JPEG", mode="CMYK"), "image/jpeg"),
    ],
)
def test_images_are_read_without_text(name, data, mime):
    result = inspect_bytes(data, name)
    assert (result.status, result.kind, result.mime) == ("ok", "image", mime)
    assert (result.pages, result.pixel_size) == (1, (64, 48))
    assert result.has_text_layer is False and result.page_texts == []
    assert result.warnings == [NO_TEXT_WARNING] == ["image: no text layer (scanned)"]
    assert result.working_copy is None and result.needs_conversion is False


def test_multipage_tiff_counts_frames():
    result = inspect_bytes(multipage_tiff(5), "fax.tiff")
    assert (result.status, result.pages, result.pixel_size) == ("ok", 5, (200, 300))


def test_exif_orientation_is_reported_not_applied():
    data = jpeg_with_orientation(6)
    result = inspect_bytes(data, "phone.jpg")
    assert (result.status, result.image_orientation) == ("ok", 6)
    assert result.pixel_size == (60, 40)  # as stored: nothing was rotated
    assert any("EXIF orientation 6" in w for w in result.warnings)
    assert inspect_bytes(jpeg_with_orientation(1), "p.jpg").image_orientation == 1
    assert inspect_bytes(image_bytes("JPEG"), "p.jpg").image_orientation is None


def test_decompression_bomb_is_refused():
    bomb = png_claiming_size(30_000, 30_000)
    assert len(bomb) < 200
    result = inspect_bytes(bomb, "bomb.png")
    assert result.status == "rejected"
    assert result.error.startswith("image is too large to open safely")


def test_pixel_limit_below_pillows_own_is_enforced():
    over = inspect_bytes(png_claiming_size(10_000, 10_000), "big.png")
    assert over.error == (
        "image is too large to open safely (10000 x 10000 pixels, over the limit of 89,478,485)"
    )
    small = inspect_bytes(image_bytes("PNG", size=(100, 100)), "a.png", max_pixels=5_000)
    assert (
        small.error
        == "image is too large to open safely (100 x 100 pixels, over the limit of 5,000)"
    )


@pytest.mark.parametrize(
    ("name", "data", "label"),
    [
        ("cut.jpg", jpeg_with_orientation(1)[:300], "JPEG"),
        ("cut.png", image_bytes("PNG", size=(400, 400))[:-40], "PNG"),
    ],
)
def test_truncated_images_are_refused(name, data, label):
    result = inspect_bytes(data, name)
    assert (result.status, result.kind) == ("rejected", "image")
    assert result.error == f"truncated {label} image: the end of the file is missing"


def test_corrupt_png_chunk_is_refused():
    data = bytearray(image_bytes("PNG", size=(50, 50)))
    data[40:60] = b"\xff" * 20  # inside the image data: checksum no longer matches
    result = inspect_bytes(bytes(data), "bad.png")
    assert result.status == "rejected" and result.error.startswith(("corrupt PNG", "truncated PNG"))


# -- DOCX ---------------------------------------------------------------------------------------


def test_docx_text_includes_header_nested_tables_and_footer():
    result = inspect_bytes(docx_with_tables(), "lmn.docx")
    assert (result.status, result.kind, result.pages) == ("ok", "docx", None)
    assert result.needs_conversion is True and result.has_text_layer is True
    text = result.text
    order = [
        "Neurology Associates - header line",
        "Letter of medical necessity for tofersen",
        "ALSFRS-R\t38",
        "NfL",
        "92 pg/mL",
        "Closing paragraph",
        "Confidential footer line",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert text.count("92 pg/mL") == 1  # the nested table is read once
    assert "DOCX: converted to PDF for the submission bundle when it is built" in (result.warnings)


def test_empty_docx_is_accepted_without_text():
    result = inspect_bytes(empty_docx(), "blank.docx")
    assert (result.status, result.has_text_layer, result.page_texts) == ("ok", False, [])
    assert "DOCX: no text found in the document" in result.warnings


def test_corrupt_docx_xml_is_refused():
    data = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document><not-closed>",
        }
    )
    result = inspect_bytes(data, "broken.docx")
    assert (result.status, result.kind) == ("rejected", "docx")
    assert result.error.startswith("corrupt DOCX")


def test_docx_without_main_part_is_refused():
    data = zip_bytes(
        {
            "[Content_Types].xml": (
                b"<Types><Override ContentType='application/vnd.openxmlformats-officedocument."
                b"wordprocessingml.document.main+xml' PartName='/word/main.xml'/></Types>"
            ),
            "word/main.xml": b"<x/>",
        }
    )
    result = inspect_bytes(data, "odd.docx")
    assert result.error == "corrupt DOCX: the main document part (word/document.xml) is missing"


def test_docx_zip_bomb_is_refused_before_unpacking(monkeypatch):
    monkeypatch.setattr(docx_text, "MAX_UNPACKED_BYTES", 64 * 1024)
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * 200_000})
    assert len(data) < 5_000
    result = inspect_bytes(data, "bomb.docx", isolate=False)
    assert result.status == "rejected"
    assert result.error.startswith("DOCX unpacks to too much data")


def test_docx_text_is_bounded():
    result = inspect_bytes(docx_with_tables(), "lmn.docx", max_text_chars=40)
    assert len(result.text) <= 40
    assert "text cut off at 40 characters" in result.warnings
