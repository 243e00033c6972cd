"""Synthetic, fictional clinical and payer documents (PDF) for tests and the demo case."""

from .documents import (
    DOCUMENT_KINDS,
    EXTRA_KINDS,
    identity_from_case,
    make_document,
    other_identity,
    write_demo_set,
)
from .pdfwriter import PdfWriter

__all__ = [
    "DOCUMENT_KINDS",
    "EXTRA_KINDS",
    "PdfWriter",
    "identity_from_case",
    "make_document",
    "other_identity",
    "write_demo_set",
]
