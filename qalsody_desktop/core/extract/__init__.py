"""Fact extraction from a document's text: suggestions for the case, never applied by itself.

``extract_facts(text)`` / ``extract_from_pages(pages)`` return ``Fact`` objects keyed by case
field path (``genetics.variant_protein``, ``alsfrs_r[]``...); ``compare_with_case(facts, case)``
says which are new, the same, or in conflict with what staff typed. Pure Python, no I/O, no
logging (the text is patient data).
"""

from __future__ import annotations

from .compare import compare_with_case
from .dates import DateMatch, find_dates, parse_date
from .facts import extract_facts, extract_from_pages
from .model import Fact, Finding
from .variants import legacy_name, normalize_cdna, normalize_protein

__all__ = [
    "DateMatch",
    "Fact",
    "Finding",
    "compare_with_case",
    "extract_facts",
    "extract_from_pages",
    "find_dates",
    "legacy_name",
    "normalize_cdna",
    "normalize_protein",
    "parse_date",
]
