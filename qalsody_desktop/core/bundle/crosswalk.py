"""The criteria crosswalk: each payer criterion to the bundle pages whose words show it.

A page proves a criterion only by what it says: the facts read from it at intake (with the
words they were read from) or the words the crosswalk rules in ``resources/bundle/gates.toml``
look for, searched in the page text extracted at intake. A document's category proves
nothing, and a page without text (a scan) proves nothing. Each citation carries a short quote
of the words found, which a reader finds on the cited page. Only the payer's criteria
(``verified`` / ``corrected``) are listed: guide-only and assumed rules stay in the app.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..checklist import Checklist, ChecklistItem
from ..evidence.review import Review
from ..policy.model import Criterion, PolicyProfile
from .gates import gate_rules
from .model import DocSpec, Section

MAX_QUOTE = 90
MAX_CITATIONS = 3
NO_PAGE_IN_LETTER = "stated in the letter; no enclosed page"
NO_PAGE = "no enclosed page shows it"
NOT_MET = NO_PAGE  # the checklist says why (the manifest keeps the status); the payer sees no page


def norm(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Citation:
    """A source page of a bundled document and the words found on it."""

    doc: DocSpec
    page: int  # 1-based source page
    quote: str
    identifier: bool = False  # the quote shows a patient identifier: not kept in the manifest

    @property
    def bundle_page(self) -> int | None:
        if self.page not in self.doc.selected or not self.doc.output_pages:
            return None
        return self.doc.output_pages[self.doc.selected.index(self.page)]


@dataclass(frozen=True)
class CrosswalkLine:
    """One payer criterion and the pages that show it (also for the manifest)."""

    criterion: str
    title: str
    status: str
    citations: tuple[Citation, ...] = ()
    note: str = ""

    @property
    def docs(self) -> tuple[DocSpec, ...]:
        return tuple(dict.fromkeys(c.doc for c in self.citations))

    @property
    def pages(self) -> list[int]:
        return sorted({p for c in self.citations if (p := c.bundle_page) is not None})

    def to_json(self) -> dict[str, object]:
        return {
            "criterion": self.criterion,
            "title": self.title,
            "status": self.status,
            "documents": [d.file_name for d in self.docs],
            "pages": self.pages,
            "citations": [
                {
                    "file": c.doc.file_name,
                    "page": c.bundle_page,
                    "source_page": c.page,
                    "quote": None if c.identifier else c.quote,
                }
                for c in self.citations
            ],
            "note": self.note,
        }


@dataclass
class PageSources:
    """What the crosswalk reads per attachment: page texts, intake facts, identity review."""

    texts: Mapping[str, Sequence[str]] = field(default_factory=dict)
    facts: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)
    reviews: Mapping[str, Review] = field(default_factory=dict)


def crosswalk_lines(
    checklist: Checklist,
    sections: Sequence[Section],
    profile: PolicyProfile,
    sources: PageSources,
) -> list[CrosswalkLine]:
    docs = [d for s in sections for d in s.docs if not d.generated]
    has_letter = any(
        d.generated or d.category == "medical_necessity_letter" for s in sections for d in s.docs
    )
    criteria = {c.id: c for c in profile.criteria}
    lines = []
    for item in checklist.items:
        if not item.blocks_ready or not item.payer or item.id not in criteria:
            continue  # after submission, or not the payer's rule: never shown to the payer
        lines.append(_line(item, criteria[item.id], docs, sources, has_letter))
    return lines


def _line(
    item: ChecklistItem,
    criterion: Criterion,
    docs: Sequence[DocSpec],
    sources: PageSources,
    has_letter: bool,
) -> CrosswalkLine:
    if not item.facts_met:
        return CrosswalkLine(item.id, item.title, item.status, (), NOT_MET)
    found: list[Citation] = []
    for doc in docs:
        if doc.category not in criterion.documents:
            continue
        for page in doc.selected:
            citation = _cite(doc, page, criterion, sources)
            if citation is not None:
                found.append(citation)
                break  # one page per document is enough to point at
        if len(found) >= MAX_CITATIONS:
            break
    note = "" if found else (NO_PAGE_IN_LETTER if has_letter else NO_PAGE)
    return CrosswalkLine(item.id, item.title, item.status, tuple(found), note)


def _cite(doc: DocSpec, page: int, criterion: Criterion, sources: PageSources) -> Citation | None:
    if page in doc.foreign_pages:
        return None  # another person's page proves nothing about this patient
    texts = sources.texts.get(doc.key, ())
    if page > len(texts) or not texts[page - 1].strip():
        return None  # no text on the page: it proves nothing
    text = texts[page - 1]
    flat = norm(text)
    rule = gate_rules().crosswalk.get(criterion.kind, {})
    identifier = bool(rule.get("identifier"))
    if identifier and not _identifier_matches(sources.reviews.get(doc.key), page):
        return None
    for evidence in _fact_evidence(sources.facts.get(doc.key, ()), page, criterion, rule):
        if evidence in flat:
            return Citation(doc, page, _short(evidence, 0, len(evidence)), identifier)
    for pattern in _patterns(criterion, rule):
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return Citation(doc, page, _quote_line(text, match), identifier)
    return None


def _identifier_matches(review: Review | None, page: int) -> bool:
    """The page carries this patient's date of birth (checked by the identity review)."""
    if review is None or review.identity is None:
        return False
    return any(
        p.page == page and any(f.kind == "dob" and f.matches for f in p.found)
        for p in review.identity.pages
    )


def _root(path: str) -> str:
    return path.split(".")[0].removesuffix("[]")


def _fact_evidence(
    facts: Sequence[Mapping[str, Any]], page: int, criterion: Criterion, rule: Mapping[str, Any]
) -> list[str]:
    """Words the intake facts of this page were read from, the criterion's own fields first."""
    prefixes = tuple(rule.get("facts", ()))
    exact = list(criterion.facts)
    ranked: list[tuple[int, str]] = []
    for fact in facts:
        path = str(fact.get("field", ""))
        evidence = norm(str(fact.get("evidence") or ""))
        if fact.get("page") != page or not evidence or not prefixes:
            continue
        if not path.startswith(prefixes) and _root(path) not in {_root(p) for p in prefixes}:
            continue
        rank = exact.index(path) if path in exact else len(exact)
        ranked.append((rank, evidence))
    return [e for _, e in sorted(ranked, key=lambda x: x[0])]


def _patterns(criterion: Criterion, rule: Mapping[str, Any]) -> list[str]:
    words = []
    for name in rule.get("params", ()):
        value = criterion.params.get(name, ())
        for v in [value] if isinstance(value, str) else value:
            words.append(r"\b" + re.escape(str(v)) + r"\b")
    return [*words, *rule.get("patterns", ())]


def _quote_line(text: str, match: re.Match[str]) -> str:
    """The line the match is on, trimmed around it to a short quote."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    end = len(text) if end < 0 else end
    line = norm(text[start:end])
    found = norm(match.group(0))
    at = line.find(found, max(0, len(norm(text[start : match.start()])) - 1))
    at = max(at, 0)
    # the sentence the words are in, when the line holds several ("Speech: normal. ...")
    offset = 0
    for piece in line.split(". "):
        end_of_piece = offset + len(piece)
        if offset <= at < end_of_piece and len(piece) >= 12:
            piece = piece if end_of_piece >= len(line) else piece + "."
            return _short(piece, at - offset, len(found))
        offset = end_of_piece + 2
    return _short(line, at, len(found))


def _short(line: str, at: int, length: int) -> str:
    """At most ``MAX_QUOTE`` characters of ``line`` around ``line[at:at + length]``, cut at
    spaces (a quote is always a run of the words on the page)."""
    if len(line) <= MAX_QUOTE:
        return line
    lo = max(0, min(at - 24, len(line) - MAX_QUOTE))  # a few words of context before
    hi = min(len(line), lo + MAX_QUOTE)
    part = line[lo:hi]
    if lo > 0 and " " in part:
        part = part[part.index(" ") + 1 :]
    if hi < len(line) and " " in part:
        part = part[: part.rindex(" ")]
    return part.strip()
