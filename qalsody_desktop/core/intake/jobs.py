"""Run the reader for one sniffed format; shared by the worker process and in-process reading."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .common import CancelCheck, Cancelled, Inspection

FORMATS = ("pdf", "png", "jpeg", "tiff", "docx")


@dataclass(frozen=True)
class JobOptions:
    """Limits for one inspection; plain values so they cross the process boundary as JSON."""

    max_text_pages: int | None = None  # None: every page
    max_text_chars: int = 20_000_000
    max_pixels: int | None = None  # None: Pillow's Image.MAX_IMAGE_PIXELS

    def to_wire(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> JobOptions:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def run_job(
    fmt: str,
    data: bytes,
    password: str | None,
    options: JobOptions,
    cancel: CancelCheck | None = None,
) -> Inspection:
    """Inspect ``data`` as ``fmt``; ``Cancelled`` propagates, nothing else does."""
    try:
        if fmt == "pdf":
            from .pdfdoc import inspect_pdf

            return inspect_pdf(
                data,
                password,
                max_text_pages=options.max_text_pages,
                max_text_chars=options.max_text_chars,
                cancel=cancel,
            )
        if fmt in ("png", "jpeg", "tiff"):
            from .images import inspect_image

            return inspect_image(data, fmt, max_pixels=options.max_pixels, cancel=cancel)
        if fmt == "docx":
            from .docx_text import inspect_docx

            return inspect_docx(data, max_text_chars=options.max_text_chars, cancel=cancel)
    except Cancelled:
        raise
    except RecursionError:
        return Inspection("").reject("the file's structure is nested too deeply to read")
    except MemoryError:
        return Inspection("").reject("the file is too large to read (out of memory)")
    except Exception as exc:  # a reader bug or an input no reader anticipated: never escapes
        return Inspection("").reject(f"could not be read (unexpected {type(exc).__name__})")
    raise ValueError(f"unknown format {fmt!r}")  # a programming error, not bad input
