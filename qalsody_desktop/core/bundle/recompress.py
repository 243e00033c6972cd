"""Smaller images for a route with a size limit: big photos and scans re-encoded at ~150 dpi.

Only plain 8-bit grey or RGB images (JPEG or Flate) are touched; masks, 16-bit, indexed and
CMYK images, decode arrays and exotic filters are kept exactly. Everything pypdf must read
is read on the calling thread; the decoding and encoding (Pillow, which releases the GIL)
run in a small thread pool ahead of the writer, and results are kept for later attempts.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PIL import Image
from pypdf.generic import ArrayObject, NameObject, StreamObject

from .copier import ImageHook, ImageRewrite, raw_data, resolve
from .images import SMALL_LONG_SIDE, encode_pixels

MIN_BYTES = 150_000  # smaller images are not worth the loss
MAX_PIXELS = 60_000_000
# a stencil, a decode array, a colour-key mask or a matte: pixel values matter exactly
KEEP_AS_IS = ("/ImageMask", "/Decode", "/Mask", "/Matte")


@dataclass(frozen=True)
class _Job:
    """What the pool needs, copied out of the PDF objects on the calling thread."""

    mode: str
    size: tuple[int, int]
    data: bytes  # JPEG bytes, or raw pixels for a Flate image
    jpeg: bool


def _color_mode(stream: StreamObject) -> str | None:
    space = resolve(dict.get(stream, "/ColorSpace"))
    if isinstance(space, NameObject):
        return {"/DeviceRGB": "RGB", "/DeviceGray": "L"}.get(str(space))
    if isinstance(space, ArrayObject) and len(space) == 2 and resolve(space[0]) == "/ICCBased":
        profile = resolve(space[1])
        components = resolve(dict.get(profile, "/N")) if isinstance(profile, StreamObject) else 0
        return {1: "L", 3: "RGB"}.get(int(components or 0))
    return None


def _filters(stream: StreamObject) -> list[str]:
    value = resolve(dict.get(stream, "/Filter"))
    if isinstance(value, ArrayObject):
        return [str(resolve(v)) for v in value]
    return [str(value)] if value is not None else []


def _job(stream: StreamObject) -> _Job | None:
    """The image, if it is one worth and safe to recompress (reads the PDF: calling thread)."""
    data = raw_data(stream)
    if len(data) < MIN_BYTES or any(k in stream for k in KEEP_AS_IS):
        return None
    mode, filters = _color_mode(stream), _filters(stream)
    try:
        width = int(resolve(dict.get(stream, "/Width")))
        height = int(resolve(dict.get(stream, "/Height")))
        bits = int(resolve(dict.get(stream, "/BitsPerComponent")) or 8)
    except (TypeError, ValueError):
        return None
    if mode is None or bits != 8 or width * height > MAX_PIXELS:
        return None
    if filters == ["/DCTDecode"]:
        return _Job(mode, (width, height), data, True)
    if filters == ["/FlateDecode"]:
        try:
            pixels = stream.get_data()
        except Exception:  # undecodable: keep the image as it is
            return None
        return _Job(mode, (width, height), pixels, False)
    return None


def _recompress(job: _Job, original_size: int) -> ImageRewrite | None:
    """Decode, shrink to ~150 dpi on a page and re-encode (Pillow only: any thread)."""
    image: Image.Image
    try:
        if job.jpeg:
            jpeg = Image.open(io.BytesIO(job.data))
            jpeg.draft(job.mode, (SMALL_LONG_SIDE, SMALL_LONG_SIDE))
            jpeg.load()
            image = jpeg if jpeg.mode == job.mode else jpeg.convert(job.mode)
        else:
            image = Image.frombytes(job.mode, job.size, job.data)
    except Exception:  # an image Pillow cannot read is kept untouched
        return None
    frame = encode_pixels(image, SMALL_LONG_SIDE, True, (0.0, 0.0))
    if len(frame.data) > original_size * 0.8:
        return None
    w, h = frame.pixels
    changed = {"/Width": b"%d" % w, "/Height": b"%d" % h, "/BitsPerComponent": b"8"}
    changed["/Filter"] = b"/DCTDecode" if b"/DCTDecode" in frame.entries else b"/FlateDecode"
    if job.mode == "L":
        changed["/ColorSpace"] = b"/DeviceGray"
    return frame.data, changed


def recompress_image(stream: StreamObject) -> ImageRewrite | None:
    """A smaller version of an image XObject (new data and changed entries), else None."""
    job = _job(stream)
    return _recompress(job, len(raw_data(stream))) if job else None


Key = tuple[str, tuple[int, int]]  # (document, (object number, generation) in the source)


class ImageCache:
    """Recompressed images by document and source object, computed ahead in a thread pool.

    A split retried at a smaller size budget writes the same images again and must not pay
    for recompressing them twice.
    """

    def __init__(self, workers: int | None = None) -> None:
        self._done: dict[Key, Future[ImageRewrite | None] | ImageRewrite | None] = {}
        self._workers = workers or max(1, min(4, os.cpu_count() or 1))
        self._pool: ThreadPoolExecutor | None = None

    def prefetch(
        self, doc_key: str, images: Iterable[tuple[tuple[int, int], StreamObject]]
    ) -> None:
        """Start recompressing these images of ``doc_key`` (read here, encoded in the pool)."""
        for source, stream in images:
            key = (doc_key, source)
            if key in self._done:
                continue
            job = _job(stream)
            if job is None:
                self._done[key] = None
                continue
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="recompress")
            self._done[key] = self._pool.submit(_recompress, job, len(raw_data(stream)))

    def hook(self, doc_key: str) -> ImageHook:
        def rewrite(stream: StreamObject, source: tuple[int, int]) -> ImageRewrite | None:
            key = (doc_key, source)
            if key not in self._done:
                self._done[key] = recompress_image(stream)
            value = self._done[key]
            if isinstance(value, Future):
                value = self._done[key] = value.result()
            return value

        return rewrite

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
