"""Synthetic inputs for the bundle benchmark: text PDFs, scanned (JPEG) PDFs and photos.

Everything is generated (fictional, deterministic for a seed); nothing is read from real files.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from qalsody_desktop.core.synthetic import PdfWriter

SAMPLE = (
    "patient reports progressive weakness of the left hand with fasciculations noted in both "
    "calves and the tongue examination shows mild atrophy reflexes are brisk throughout with "
    "upgoing toes bilaterally forced vital capacity declined since the last visit and the plan "
    "is to continue riluzole and review the genetic result with the family at the next visit"
)
WORDS = tuple(SAMPLE.split(" "))


def text_pdf(path: Path, pages: int, seed: int) -> None:
    """A long typed document (clinic notes, records): Helvetica text, ``pages`` pages."""
    rnd = random.Random(seed)
    doc = PdfWriter(title=f"Record {seed}", footer="Synthetic record - page {page} of {pages}")
    for page in range(pages):
        doc.heading(f"Progress note {page + 1}", 2)
        for _ in range(9):
            doc.paragraph(" ".join(rnd.choice(WORDS) for _ in range(60)))
        doc.page_break()
    path.write_bytes(doc.to_bytes())


def scan_image(seed: int, size: tuple[int, int] = (1700, 2200)) -> Image.Image:
    """A page that looks like a colour scan at 200 dpi: paper grain, lines of 'text', a stamp."""
    rnd = random.Random(seed)
    width, height = size
    grain = Image.effect_noise((width // 2, height // 2), 24).resize(size)
    page = Image.merge("RGB", [grain.point(lambda v: 200 + v // 5)] * 3)
    draw = ImageDraw.Draw(page)
    y = 160
    while y < height - 200:
        x = 150
        while x < width - 250:
            word = rnd.randrange(40, 180)
            shade = rnd.randrange(20, 80)
            draw.rectangle((x, y, x + word, y + 22), fill=(shade, shade, shade + 10))
            x += word + rnd.randrange(18, 40)
        y += rnd.randrange(38, 60)
    draw.ellipse((width - 520, 120, width - 180, 460), outline=(170, 20, 30), width=9)
    return page.filter(ImageFilter.GaussianBlur(0.6))


def scanned_pdf(path: Path, pages: int, seed: int, quality: int = 88) -> int:
    """An image-only PDF, one JPEG per Letter page (what a scanner or fax server writes)."""
    objects: list[bytes] = [b"", b""]
    kids = []
    for index in range(pages):
        out = io.BytesIO()
        scan_image(seed * 1000 + index).save(out, "JPEG", quality=quality)
        data = out.getvalue()
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width 1700 /Height 2200 /ColorSpace /DeviceRGB"
            b" /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream"
            % (len(data), data)
        )
        image = len(objects)
        content = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources"
            b" << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (image, len(objects))
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
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
    path.write_bytes(bytes(body))
    return len(body)


def photo(path: Path, seed: int) -> None:
    """A phone photo of a document: 3000 x 4000 JPEG."""
    scan_image(seed, (3000, 4000)).save(path, "JPEG", quality=90)


def stamp_pdf(path: Path, text: str) -> None:
    """The one-page overlay qpdf repeats on every page (what qpdf can do for a stamp)."""
    doc = PdfWriter(footer=text, margin=40)
    doc.paragraph(" ")
    path.write_bytes(doc.to_bytes())
