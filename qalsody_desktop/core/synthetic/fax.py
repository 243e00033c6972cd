"""Fax-like page images with known text, for OCR tests and the intake benchmark.

A fax machine scans at 204 x 98 dpi ("standard") or 204 x 196 dpi ("fine"), thresholds to one
bit per pixel, adds speckle, and the paper goes through slightly crooked (up to ~3 degrees) or
upside down. These pages reproduce that, deterministically for a seed, from typed lines whose
text the test knows. Fictional content only.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FINE = (204, 196)
STANDARD = (204, 98)
PAGE_INCHES = (8.5, 11.0)
_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("C:/Windows/Fonts"),
    Path("/System/Library/Fonts/Supplemental"),
)
_FONT_NAMES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "arial.ttf", "Arial.ttf")


@dataclass(frozen=True)
class FaxPage:
    """The page image (mode "1", dpi set) and the text typed on it, one entry per line."""

    image: Image.Image
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def find_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A scalable sans font from the system; Pillow's built-in one when none is installed."""
    for folder in _FONT_DIRS:
        for name in _FONT_NAMES:
            path = folder / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def fax_page(
    lines: Sequence[str],
    *,
    dpi: tuple[int, int] = FINE,
    skew: float = 0.0,
    rotate: int = 0,
    noise: float = 0.002,
    point_size: float = 11.0,
    seed: int = 0,
) -> FaxPage:
    """Typed ``lines`` on a letter page as a fax receives it.

    ``skew`` turns the paper by that many degrees (counter-clockwise); ``rotate`` (0/90/180/270)
    turns the whole page as a sheet fed sideways or upside down would arrive.
    """
    rnd = random.Random(seed)
    xdpi, ydpi = dpi
    # drawn at square fine resolution, then squashed to the fax's vertical resolution
    width, height = round(PAGE_INCHES[0] * xdpi), round(PAGE_INCHES[1] * xdpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = find_font(round(point_size * xdpi / 72))
    line_height = round(point_size * 1.6 * xdpi / 72)
    x, y = round(0.8 * xdpi), round(0.9 * xdpi)
    for line in lines:
        draw.text((x, y), line, fill=0, font=font)
        y += line_height
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255, expand=False)
    if rotate % 360:
        page = page.rotate(rotate % 360, expand=True)  # counter-clockwise, as Pillow turns
    if ydpi != xdpi:
        page = page.resize((page.width, round(page.height * ydpi / xdpi)), Image.Resampling.BOX)
    bitonal = page.point(lambda v: 255 if v > 150 else 0).convert("1")
    if noise:
        pixels = bitonal.load()
        assert pixels is not None
        for _ in range(int(bitonal.width * bitonal.height * noise)):
            px, py = rnd.randrange(bitonal.width), rnd.randrange(bitonal.height)
            pixels[px, py] = 0
    bitonal.info["dpi"] = (xdpi, ydpi)  # the scanner's axes, whichever way the text runs
    return FaxPage(bitonal, tuple(lines))


def fax_tiff(pages: Sequence[FaxPage]) -> bytes:
    """A multi-page CCITT Group 4 TIFF, as a fax server stores a received fax (one resolution
    for the whole fax: the first page's)."""
    out = io.BytesIO()
    first, *rest = [p.image for p in pages]
    first.save(
        out,
        format="TIFF",
        compression="group4",
        save_all=True,
        append_images=rest,
        dpi=first.info["dpi"],
    )
    return out.getvalue()


def fax_pdf(pages: Sequence[FaxPage]) -> bytes:
    """An image-only PDF of the pages (what a fax-to-e-mail gateway sends): no text layer."""
    out = io.BytesIO()
    images = [p.image for p in pages]
    images[0].save(
        out,
        format="PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(images[0].info["dpi"][0]),
    )
    return out.getvalue()


def clinic_note_lines(
    first: str, last: str, dob: str, mrn: str, *, seed: int = 0
) -> tuple[str, ...]:
    """A short neurology follow-up note as typed text lines (fictional patient)."""
    rnd = random.Random(seed)
    fvc = rnd.randint(55, 90)
    score = rnd.randint(28, 44)
    return (
        "Piedmont Neuromuscular Associates",
        "FAX TRANSMISSION - Neurology Clinic Note",
        f"Patient: {first} {last}",
        f"DOB: {dob}    MRN: {mrn}",
        "Date of visit: 03/14/2026",
        "History of present illness: progressive weakness of the",
        "left hand over eight months with cramps and fasciculations.",
        f"ALSFRS-R total score: {score}",
        f"Forced vital capacity: {fvc}% predicted",
        "Exam: atrophy of the first dorsal interosseous, brisk reflexes.",
        "Assessment: amyotrophic lateral sclerosis with SOD1 variant.",
        "Plan: start tofersen, repeat neurofilament light in 3 months.",
    )


def character_error_rate(expected: str, read: str) -> float:
    """Edit distance between the texts over the expected length, whitespace runs made one space
    (OCR line breaks and spacing are not errors of reading)."""
    a, b = " ".join(expected.split()), " ".join(read.split())
    if not a:
        return 0.0 if not b else 1.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / len(a)
