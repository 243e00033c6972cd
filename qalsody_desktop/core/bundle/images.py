"""Pictures as bundle pages, and smaller images when a route's size limit demands it.

A phone photo or a scanned TIFF becomes one Letter page per frame: turned upright from its
EXIF orientation, shown at its physical size (from its DPI) or shrunk to fit, never enlarged.
Encoding follows the content: bilevel scans stay 1-bit (Flate), flat graphics are Flate,
photographs and grey scans JPEG; an upright JPEG that is not oversized is embedded as is.
"""

from __future__ import annotations

import io
import warnings
import zlib
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .pdfsink import num

DEFAULT_DPI = 72.0
MAX_LONG_SIDE = 3300  # 300 dpi over the long side of a Letter page
PASSTHROUGH_LONG_SIDE = 6600  # an upright-able JPEG up to this size is embedded unchanged
EXIF_TURN = {1: 0, 3: 180, 6: 90, 8: 270}  # orientations a page turn shows upright (clockwise)
SMALL_LONG_SIDE = 1650  # 150 dpi: what a fax or a portal needs
JPEG_QUALITY, SMALL_JPEG_QUALITY = 85, 60
FLAT_COLORS = 64  # at most this many colours: a chart or a screenshot, not a photo


@dataclass(frozen=True)
class PictureFrame:
    """One picture ready to be an image XObject; ``size_pt`` is its natural size in points."""

    pixels: tuple[int, int]
    size_pt: tuple[float, float]
    entries: bytes  # dictionary body without /Length
    data: bytes
    rotate: int = 0  # clockwise turn that shows the picture upright (EXIF orientation)


def _open(path: Path) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(path)


def frame_count(path: Path) -> int:
    with _open(path) as image:
        return int(getattr(image, "n_frames", 1) or 1)


def picture_frames(
    path: Path, frames: list[int], *, small: bool = False
) -> Generator[PictureFrame, None, None]:
    """The selected frames (1-based) of the picture at ``path``, encoded for the bundle."""
    limit = SMALL_LONG_SIDE if small else MAX_LONG_SIDE
    with _open(path) as image:
        for frame in frames:
            image.seek(frame - 1)
            yield _encode(image, path, limit, small)


def _dpi(image: Image.Image) -> float:
    try:
        dpi = float(image.info.get("dpi", (DEFAULT_DPI,))[0])
    except (TypeError, ValueError, IndexError):
        return DEFAULT_DPI
    return dpi if 30 <= dpi <= 2400 else DEFAULT_DPI


def _encode(image: Image.Image, path: Path, limit: int, small: bool) -> PictureFrame:
    dpi = _dpi(image)
    orientation = image.getexif().get(0x0112) if image.format == "JPEG" else None
    width, height = image.size
    size_pt = (width / dpi * 72.0, height / dpi * 72.0)
    turn = EXIF_TURN.get(orientation or 1)
    if (
        image.format == "JPEG"
        and image.mode in ("L", "RGB")
        and turn is not None
        and max(width, height) <= PASSTHROUGH_LONG_SIDE
        and not small
    ):  # the photo as taken: no decoding, no loss; the page turns it upright
        space = b"/DeviceGray" if image.mode == "L" else b"/DeviceRGB"
        entries = _entries(width, height, space, 8, b"/DCTDecode")
        return PictureFrame((width, height), size_pt, entries, path.read_bytes(), turn)
    if image.format == "JPEG" and max(width, height) > limit:
        scale = limit / max(width, height)
        image.draft(image.mode, (int(width * scale) + 1, int(height * scale) + 1))
    upright = ImageOps.exif_transpose(image) or image
    if EXIF_TURN.get(orientation or 1) in (90, 270) or orientation in (5, 7):
        size_pt = (size_pt[1], size_pt[0])
    return encode_pixels(upright, limit, small, size_pt)


def _entries(width: int, height: int, space: bytes, bits: int, filt: bytes) -> bytes:
    return (
        b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s"
        b" /BitsPerComponent %d /Filter %s" % (width, height, space, bits, filt)
    )


def _flatten_mode(image: Image.Image) -> Image.Image:
    """Bilevel, grey or RGB, with transparency composited on white."""
    mode = image.mode
    if mode in ("1", "L", "RGB"):
        return image
    if mode.startswith("I;16") or mode in ("I", "F"):
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if mode in ("LA", "PA", "RGBA", "P", "La", "RGBa"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")  # CMYK, YCbCr, LAB...


def encode_pixels(
    image: Image.Image, limit: int, small: bool, size_pt: tuple[float, float]
) -> PictureFrame:
    image = _flatten_mode(image)
    width, height = image.size
    if max(width, height) > limit:
        bilevel = image.mode == "1"
        scale = limit / max(width, height)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        # box filtering (area average) is the fast, faithful way down; it never sharpens noise
        image = (image.convert("L") if bilevel else image).resize(size, Image.Resampling.BOX)
        if bilevel:
            image = image.point(lambda v: 255 if v > 127 else 0).convert("1")
        width, height = image.size
    if image.mode == "1":
        entries = _entries(width, height, b"/DeviceGray", 1, b"/FlateDecode")
        return PictureFrame((width, height), size_pt, entries, zlib.compress(image.tobytes(), 6))
    space = b"/DeviceGray" if image.mode == "L" else b"/DeviceRGB"
    if image.getcolors(FLAT_COLORS) is not None:  # flat graphics: lossless is smaller, sharper
        entries = _entries(width, height, space, 8, b"/FlateDecode")
        return PictureFrame((width, height), size_pt, entries, zlib.compress(image.tobytes(), 6))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=SMALL_JPEG_QUALITY if small else JPEG_QUALITY, optimize=False)
    return PictureFrame(
        (width, height), size_pt, _entries(width, height, space, 8, b"/DCTDecode"), out.getvalue()
    )


def placement_size(frame: PictureFrame) -> tuple[float, float]:
    """Points, never zero (a degenerate DPI must not produce an invisible page)."""
    w, h = frame.size_pt
    return (max(w, 1.0), max(h, 1.0))


def draw_picture(name: bytes, width: float, height: float) -> bytes:
    """Operators painting image ``name`` over (0, 0, width, height) of the current space."""
    return b"q %s 0 0 %s 0 0 cm %s Do Q" % (num(width), num(height), name)
