"""Run every extractor over a document and return its facts in reading order."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from .alsfrs import extract_alsfrs
from .genetics import extract_genetics
from .measures import extract_nfl, extract_pulmonary
from .model import Fact, to_jsonable
from .tables import extract_tables
from .text import Doc
from .therapies import extract_therapies
from .variants import extract_variants

PAGE_SEPARATOR = "\n\n"


def extract_facts(text: str, *, today: date | None = None) -> list[Fact]:
    """Facts in ``text`` (one document, pages unknown): ``page`` is None on each."""
    return _run(Doc(text, today=today))


def extract_from_pages(page_texts: Sequence[str], *, today: date | None = None) -> list[Fact]:
    """Facts of a multi-page document with 1-based ``page``; ``span`` is within that page.

    Pages are read together so a date or a gene named on page 1 still governs page 2.
    """
    starts: list[int] = []
    pos = 0
    for t in page_texts:
        starts.append(pos)
        pos += len(t) + len(PAGE_SEPARATOR)
    doc = Doc(PAGE_SEPARATOR.join(page_texts), page_starts=starts, today=today)
    facts = _run(doc)
    for fact in facts:
        if fact.span is not None:
            page = doc.page_of(fact.span[0]) or 1
            offset = starts[page - 1]
            fact.page = page
            fact.span = (fact.span[0] - offset, fact.span[1] - offset)
    return facts


def _run(doc: Doc) -> list[Fact]:
    if not doc.text.strip():
        return []
    facts = (
        extract_variants(doc)
        + extract_genetics(doc)
        + extract_alsfrs(doc)
        + extract_pulmonary(doc)
        + extract_nfl(doc)
        + extract_therapies(doc)
    )
    facts += extract_tables(doc, facts)
    facts.sort(key=lambda f: f.span or (0, 0))
    return _dedupe(facts)


def _key(fact: Fact) -> str:
    value = fact.value
    if fact.field == "alsfrs_r[]":
        value = {"date": value["date"], "total": value["total"]}
    return fact.field + json.dumps(to_jsonable(value), sort_keys=True)


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """The first occurrence of each value, with the best confidence and any item scores seen."""
    kept: dict[str, Fact] = {}
    for fact in facts:
        first = kept.setdefault(_key(fact), fact)
        if first is fact:
            continue
        first.confidence = max(first.confidence, fact.confidence)
        if fact.field == "alsfrs_r[]" and "items" in fact.value and "items" not in first.value:
            first.value["items"] = fact.value["items"]
            first.display += " (12 items)"
    return list(kept.values())
