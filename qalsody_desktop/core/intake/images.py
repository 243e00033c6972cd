"""Check a PNG, JPEG or TIFF with Pillow: decodable, how many pages, how big, which way up.

Phone photos and fax-like TIFFs of paper records arrive here. Every frame is decoded once so a
truncated or corrupt image is refused now rather than when the bundle is built; the pixel count
is checked before decoding so a tiny file claiming a gigapixel canvas (a decompression bomb) is
refused without allocating it. The original bytes are never changed: EXIF orientation is only
reported.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

from .common import CancelCheck, Inspection, check_cancel, short_reason

PIL_FORMAT = {"png": "PNG", "jpeg": "JPEG", "tiff": "TIFF"}
MIME = {"png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff"}
LABEL = {"png": "PNG image", "jpeg": "JPEG image", "tiff": "TIFF image"}
MAX_FRAMES = 1000
NO_TEXT_WARNING = "image: no text layer (scanned)"
_EXIF_ORIENTATION = 0x0112
_ORIENTATION_TEXT = {
    2: "mirrored",
    3: "upside down",
    4: "mirrored upside down",
    5: "mirrored and turned",
    6: "turned 90 degrees",
    7: "mirrored and turned",
    8: "turned 90 degrees",
}


class _TooLarge(Exception):
    pass


def inspect_image(
    data: bytes,
    fmt: str,
    *,
    max_pixels: int | None = None,
    cancel: CancelCheck | None = None,
) -> Inspection:
    """Inspect image bytes already sniffed as ``fmt`` ("png", "jpeg", "tiff")."""
    limit = max_pixels if max_pixels is not None else (Image.MAX_IMAGE_PIXELS or 0)
    result = Inspection(file_name="", kind="image", mime=MIME[fmt])
    label = LABEL[fmt]
    try:
        _read(result, data, fmt, limit, cancel)
    except _TooLarge as exc:
        return result.reject(f"image is too large to open safely ({exc})")
    except Image.DecompressionBombError as exc:
        return result.reject(f"image is too large to open safely ({short_reason(exc)})")
    except MemoryError:
        return result.reject(f"{label} is too large to read (out of memory)")
    except UnidentifiedImageError:
        return result.reject(f"corrupt {label}: its header cannot be read")
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError... on bad data
        if "truncated" in str(exc).lower():
            return result.reject(f"truncated {label}: the end of the file is missing")
        return result.reject(f"corrupt {label}: {short_reason(exc)}")
    result.has_text_layer = False
    result.warn(NO_TEXT_WARNING)
    orientation = result.image_orientation
    if orientation in _ORIENTATION_TEXT:
        result.warn(
            f"photo is stored {_ORIENTATION_TEXT[orientation]} (EXIF orientation {orientation}); "
            "shown upright, the original file is kept unchanged"
        )
    return result


def _read(
    result: Inspection, data: bytes, fmt: str, limit: int, cancel: CancelCheck | None
) -> None:
    formats = [PIL_FORMAT[fmt]]  # never let Pillow guess: only the sniffed decoder runs
    with _open(data, formats) as image:
        result.pixel_size = (int(image.size[0]), int(image.size[1]))
        _check_pixels(image, limit)
        frames = int(getattr(image, "n_frames", 1) or 1) if fmt == "tiff" else 1
        image.verify()  # checksums and structure, without decoding pixels
    if frames > MAX_FRAMES:
        raise _TooLarge(f"{frames} pages, more than the {MAX_FRAMES} allowed")
    with _open(data, formats) as image:
        result.image_orientation = _orientation(image)
        for frame in range(frames):
            check_cancel(cancel)
            if frame:
                image.seek(frame)
            _check_pixels(image, limit)
            image.load()  # decodes every frame: a truncated or corrupt one fails here
    result.pages = frames


def _open(data: bytes, formats: list[str]) -> Image.Image:
    """Image.open, with Pillow's bomb *warning* silenced: ``_check_pixels`` refuses those."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data), formats=formats)


def _check_pixels(image: Image.Image, limit: int) -> None:
    width, height = image.size
    if limit and width * height > limit:
        raise _TooLarge(f"{width} x {height} pixels, over the limit of {limit:,}")


def _orientation(image: Image.Image) -> int | None:
    try:
        value = image.getexif().get(_EXIF_ORIENTATION)
    except Exception:  # a damaged EXIF block does not make the picture unusable
        return None
    return int(value) if isinstance(value, int) and 1 <= value <= 8 else None
