"""Document intake: open one dropped file safely and report what it is (see ``inspect``).

Importing this package is cheap: pypdf, Pillow and python-docx load in the reader process.
"""

from .common import NEEDS_PASSWORD, OK, REJECTED, Inspection
from .inspect import inspect_bytes, inspect_file, ocr_document, prewarm, shutdown

__all__ = [
    "NEEDS_PASSWORD",
    "OK",
    "REJECTED",
    "Inspection",
    "inspect_bytes",
    "inspect_file",
    "ocr_document",
    "prewarm",
    "shutdown",
]
