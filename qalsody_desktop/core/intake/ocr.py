"""Recognize the text of scanned pages with Tesseract, offline, inside the reader process.

Most of what a neurology office receives arrives by fax, as pictures of pages. Each page image
is brought to square pixels (a 204 x 98 dpi fax is twice as wide per pixel as it is tall),
turned upright (90/180/270, see ``recognize``), straightened (the skew angle
that makes the text rows sharpest, up to a few degrees), then recognized. The turn and the
skew are reported so the app can keep them in the page state and show the page upright.

Tesseract runs as a child of the reader process (``tesseract stdin stdout``: no temporary
files), one thread, under a per-page time limit; the reader process itself is under the app's
wall-clock limit and is killed on Cancel, which takes the child with it. Why Tesseract and not
RapidOCR: README, "OCR engine".
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps

ENGINE = "tesseract"
PAGE_TIMEOUT_S = 30.0
MAX_SKEW = 4.0  # degrees searched either way; faxes stay within ~3
SKEW_STEP = 0.25
TARGET_DPI = 300  # what pages under MIN_DPI_FOR_UPSCALE are brought up to
MIN_DPI_FOR_UPSCALE = 150  # fax "fine" (204 dpi) reads as well as at 300 dpi and twice as fast
UPRIGHT_CONFIDENCE = 0.6  # below this the page may be sideways: ask orientation detection
MIN_UPRIGHT_WORDS = 8
MAX_SIDE = 5000  # pixels: larger photos are scaled down first (time, memory)
NOT_READ = "scanned, not read"


class OcrUnavailable(Exception):
    """No engine here, or it failed in a way that will not get better on the next page."""


@dataclass
class OcrPage:
    """What recognition made of one page image."""

    text: str
    confidence: float  # mean word confidence, 0..1 (0 when no words)
    rotation: int  # clockwise turn applied to show the page upright: 0/90/180/270
    skew: float  # degrees the page was turned back to straighten it (counter-clockwise +)
    seconds: float = 0.0


def find_tesseract() -> str | None:
    """The engine binary: $QALSODY_TESSERACT, one shipped beside a frozen app, else PATH."""
    override = os.environ.get("QALSODY_TESSERACT")
    if override is not None:
        return override if override and Path(override).exists() else None
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        for name in ("tesseract", "tesseract.exe"):
            candidate = Path(bundled) / "tesseract" / name
            if candidate.exists():
                return str(candidate)
    return shutil.which("tesseract")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # one page per core is faster than OpenMP on a busy machine
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled and (Path(bundled) / "tesseract" / "tessdata").is_dir():
        env["TESSDATA_PREFIX"] = str(Path(bundled) / "tesseract" / "tessdata")
    return env


def _die_with_parent() -> None:
    """Linux: the engine dies with the reader process when the app kills it (Cancel, time
    limit), so no recognition goes on orphaned."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


def _run(exe: str, image: Image.Image, args: list[str], timeout: float) -> str:
    buffer = io.BytesIO()
    dpi = round(_dpi(image)[0])
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", *args],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=timeout,
            env=_env(),
            check=False,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
        )
    except subprocess.TimeoutExpired:
        raise OcrUnavailable(f"OCR did not finish a page within {timeout:g} s") from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise OcrUnavailable(f"the OCR engine could not be started ({reason})") from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace")
        last = (err.strip().splitlines() or ["no message"])[-1][:120]
        raise OcrUnavailable(f"the OCR engine failed (exit {done.returncode}: {last})")
    return done.stdout.decode("utf-8", "replace")


def prepare(image: Image.Image) -> Image.Image:
    """Grey, square pixels at about 300 dpi: fax and photo pages as Tesseract reads them best."""
    image = ImageOps.exif_transpose(image) or image
    xdpi, ydpi = _dpi(image)
    grey = image.convert("L")
    width, height = grey.size
    dpi = max(xdpi, ydpi)
    if abs(xdpi - ydpi) > 1:  # a standard-resolution fax: stretch the coarse axis back
        width, height = round(width * dpi / xdpi), round(height * dpi / ydpi)
    scale = TARGET_DPI / dpi if dpi < MIN_DPI_FOR_UPSCALE else 1.0
    width, height = round(width * scale), round(height * scale)
    longest = max(width, height)
    if longest > MAX_SIDE:
        width, height = round(width * MAX_SIDE / longest), round(height * MAX_SIDE / longest)
    if (width, height) != grey.size:
        grey = grey.resize((width, height), Image.Resampling.LANCZOS)
    grey.info["dpi"] = (dpi * width / image.width,) * 2 if image.width else (dpi, dpi)
    return grey


def _dpi(image: Image.Image) -> tuple[float, float]:
    dpi = image.info.get("dpi")
    try:
        xdpi, ydpi = float(dpi[0]), float(dpi[1])  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        return 200.0, 200.0  # unknown: a typical scan; photos are judged by size below
    if xdpi < 50 or ydpi < 50:
        return 200.0, 200.0
    return xdpi, ydpi


def _ink(image: Image.Image) -> Image.Image:
    """A reduced copy with ink white on black: cheap to turn and to sum."""
    small = image.convert("L")
    factor = max(1, round(small.width / 900))
    if factor > 1:
        small = small.reduce(factor)
    return ImageOps.invert(small).point(lambda v: 255 if v > 90 else 0)


def _row_contrast(ink: Image.Image, angle: float = 0.0) -> float:
    """How much the row sums vary: high when rows of text and the gaps between them line up."""
    turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0) if angle else ink
    rows = list(turned.resize((1, turned.height), Image.Resampling.BOX).getdata())
    mean = sum(rows) / len(rows)
    return sum((r - mean) ** 2 for r in rows) / len(rows)


def is_sideways(image: Image.Image) -> bool:
    """True when the text runs up or down the page (fed sideways): columns vary more than rows."""
    ink = _ink(image)
    return _row_contrast(ink.transpose(Image.Transpose.ROTATE_90)) > 1.2 * _row_contrast(ink)


def detect_skew(image: Image.Image) -> float:
    """The small turn (degrees, counter-clockwise +) under which the text rows are sharpest."""
    ink = _ink(image)
    best_angle, best_score = 0.0, -1.0
    steps = int(MAX_SKEW / SKEW_STEP)
    for i in range(-steps, steps + 1):
        angle = i * SKEW_STEP
        score = _row_contrast(ink, angle)
        if score > best_score * 1.0001:
            best_angle, best_score = angle, score
    return best_angle


def has_ink(image: Image.Image) -> bool:
    """False for a blank page (a fax's empty back side): nothing to read."""
    ink = _ink(image)
    histogram = ink.histogram()
    return histogram[255] > 0.001 * ink.width * ink.height


def recognize(
    image: Image.Image,
    *,
    exe: str | None = None,
    timeout: float = PAGE_TIMEOUT_S,
) -> OcrPage:
    """Upright, straighten and read one page image; ``OcrUnavailable`` when no engine works.

    Which way up: whether the text runs across or along the page is seen from the row and
    column profiles (cheap); of the two turns left, the page is read in the likelier one first
    and in the other only when that reading is poor (upside-down text reads as garbage with low
    confidence). Cheaper than Tesseract's orientation detection, which costs a reading itself.
    """
    import time

    started = time.monotonic()
    exe = exe or find_tesseract()
    if exe is None:
        raise OcrUnavailable("no OCR engine installed (Tesseract)")
    page = prepare(image)
    if not has_ink(page):
        return OcrPage("", 0.0, 0, 0.0, round(time.monotonic() - started, 3))
    turns = [90, 270, 0, 180] if is_sideways(page) else [0, 180, 90, 270]
    best: OcrPage | None = None
    for turn in turns:
        reading = _straighten_and_read(exe, page, turn, timeout)
        if best is None or reading.confidence > best.confidence:
            best = reading
        if _good(reading):
            break
    assert best is not None
    best.seconds = round(time.monotonic() - started, 3)
    return best


def _good(reading: OcrPage) -> bool:
    return (
        reading.confidence >= UPRIGHT_CONFIDENCE and len(reading.text.split()) >= MIN_UPRIGHT_WORDS
    )


def _straighten_and_read(exe: str, page: Image.Image, rotation: int, timeout: float) -> OcrPage:
    """Turn the page ``rotation`` degrees clockwise, straighten it and read it."""
    dpi = page.info.get("dpi")
    if rotation:
        page = page.rotate(-rotation, expand=True)  # Pillow turns counter-clockwise
    skew = detect_skew(page)
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    page = page.filter(ImageFilter.MedianFilter(3))  # fax speckle
    page.info["dpi"] = dpi
    text, confidence = _from_tsv(_run(exe, page, ["--psm", "3", "-l", "eng", "tsv"], timeout))
    return OcrPage(text, confidence, rotation, skew)


def _from_tsv(tsv: str) -> tuple[str, float]:
    """Text in reading order (a line per line, a blank line between blocks) and the mean
    confidence of its words."""
    lines: list[str] = []
    current: tuple[str, str, str] | None = None
    block = ""
    words: list[str] = []
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        key = (cols[2], cols[3], cols[4])
        if key != current:
            if words:
                lines.append(" ".join(words))
            if current is not None and cols[2] != block:
                lines.append("")
            current, block, words = key, cols[2], []
        words.append(word)
        with contextlib.suppress(ValueError):
            confidences.append(max(0.0, float(cols[10])) / 100)
    if words:
        lines.append(" ".join(words))
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(lines).strip(), round(confidence, 3)


RENDER_DPI = 200  # scanned PDF pages are drawn at about a fax's resolution


def engine_version(exe: str | None = None) -> str | None:
    """ "tesseract 5.3.0", or None when there is no engine."""
    exe = exe or find_tesseract()
    if exe is None:
        return None
    try:
        done = subprocess.run(
            [exe, "--version"], capture_output=True, timeout=10, env=_env(), check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    first = (done.stdout or done.stderr).decode("utf-8", "replace").strip().splitlines()
    return first[0].strip() if first and done.returncode == 0 else None


def page_image(fmt: str, data: bytes, page: int) -> Image.Image:
    """The picture of 1-based ``page``: a TIFF frame, the image itself, or a PDF page drawn
    by PDFium (greyscale, RENDER_DPI)."""
    if fmt == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        try:
            pdf_page = pdf[page - 1]
            try:
                bitmap = pdf_page.render(scale=RENDER_DPI / 72, grayscale=True)
                image = bitmap.to_pil().convert("L")
            finally:
                pdf_page.close()
        finally:
            pdf.close()
        image.info["dpi"] = (RENDER_DPI, RENDER_DPI)
        return image
    opened = Image.open(io.BytesIO(data), formats=[{"tiff": "TIFF", "png": "PNG"}.get(fmt, "JPEG")])
    if page > 1:
        opened.seek(page - 1)
    opened.load()
    dpi = opened.info.get("dpi")
    image = ImageOps.exif_transpose(opened) if fmt == "jpeg" else opened.copy()
    image = image or opened
    if dpi is not None:
        image.info["dpi"] = dpi
    return image


def ocr_job(fmt: str, data: bytes, pages: list[int], timeout: float) -> dict[str, object]:
    """Recognize ``pages`` of one file: the reader process's side of ``inspect.ocr_document``.

    Returns {"engine", "pages": [{page, text, confidence, rotation, skew, seconds}], "error"};
    a page that cannot be drawn is skipped with its error, an engine failure stops the job.
    """
    exe = find_tesseract()
    if exe is None:
        return {"engine": None, "pages": [], "error": "no OCR engine installed (Tesseract)"}
    results: list[dict[str, object]] = []
    error: str | None = None
    for page in pages:
        try:
            image = page_image(fmt, data, page)
        except Exception as exc:  # a damaged frame: the other pages are still read
            error = f"page {page} could not be drawn for OCR ({type(exc).__name__})"
            continue
        try:
            read = recognize(image, exe=exe, timeout=timeout)
        except OcrUnavailable as exc:
            error = str(exc)
            break
        except Exception as exc:  # noqa: BLE001 - one odd page never spoils the others
            error = f"OCR failed on page {page} ({type(exc).__name__})"
            continue
        results.append(
            {
                "page": page,
                "text": read.text,
                "confidence": read.confidence,
                "rotation": read.rotation,
                "skew": read.skew,
                "seconds": read.seconds,
            }
        )
    return {"engine": engine_version(exe), "pages": results, "error": error}
