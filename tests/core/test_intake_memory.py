"""The reader holds a scan's page images one page at a time, not all of them beside the input."""

from __future__ import annotations

import io
import os
import tracemalloc

from qalsody_desktop.core.intake import pdfdoc
from qalsody_desktop.core.intake.worker import read_frame, write_frame


def image_only_pdf(pages: int, image_bytes: int) -> bytes:
    """An image-only PDF whose page images are ``image_bytes`` each (opaque JPEG-like data)."""
    objects: list[bytes] = [b"", b""]
    kids = []
    for _ in range(pages):
        data = os.urandom(image_bytes)
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width 1700 /Height 2200 /ColorSpace /DeviceRGB"
            b" /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream"
            % (len(data), data)
        )
        content = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources"
            b" << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
            % (len(objects) - 1, len(objects))
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    body = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(body)


def test_a_scan_is_read_without_a_second_copy_of_its_images():
    data = image_only_pdf(12, 700_000)  # 8.4 MB
    tracemalloc.start()
    try:
        result = pdfdoc.inspect_pdf(data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.status == "ok", result.error
    assert result.pages == 12
    assert result.image_only_pages == list(range(1, 13))
    # before: every page image was kept (about 1x the file on top of the input)
    assert peak < 0.3 * len(data), f"peak {peak / 1e6:.1f} MB for a {len(data) / 1e6:.1f} MB file"


def test_a_frame_is_read_into_one_buffer():
    payload = os.urandom(3 * 1024 * 1024 + 17)
    stream = io.BytesIO()
    write_frame(stream, {"fmt": "pdf"}, payload)
    stream.seek(0)
    frame = read_frame(stream)
    assert frame is not None and frame[1] == payload and frame[0] == {"fmt": "pdf"}
    assert read_frame(stream) is None  # a clean end
    cut = io.BytesIO(stream.getvalue()[:-5])
    try:
        read_frame(cut)
    except Exception as exc:  # noqa: BLE001 - the type is the worker's ProtocolError
        assert "ended inside a frame" in str(exc)
    else:
        raise AssertionError("a cut frame was accepted")
