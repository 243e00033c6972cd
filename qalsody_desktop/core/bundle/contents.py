"""What the contents page and the criteria crosswalk list, from the laid-out bundle.

Both are computed from each document's final output pages, so they cannot drift from the
pages actually written. The crosswalk maps each pre-submission criterion of the checklist to
the bundle pages of the documents that prove it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..checklist import Checklist
from ..policy.model import PolicyProfile
from .frontmatter import (
    CrosswalkRow,
    Entry,
    contents_pages,
    crosswalk_pages,
    page_ranges,
    page_ref,
)
from .letter import GENERATED_KEY, LETTER_CATEGORY
from .model import DocSpec, Part, Section
from .plan import front_pages


def doc_label(doc: DocSpec) -> str:
    label = doc.file_name
    if doc.document_date:
        label += f" ({doc.document_date})"
    if doc.source_pages and len(doc.selected) < doc.source_pages:
        label += f": pages {page_ranges(doc.selected)} of {doc.source_pages}"
    return label


def contents_entries(parts: list[Part], sections: Sequence[Section]) -> list[Entry]:
    front = front_pages(parts)
    entries = [
        Entry(0, "Cover sheet", page_ref(front["cover"], [1])),
        Entry(0, "Contents", page_ref(front["contents"], [1])),
        Entry(0, "Criteria crosswalk", page_ref(front["crosswalk"], [1])),
    ]
    for section in sections:
        parts_of = sorted({p for d in section.docs for p in d.parts})
        entries.append(Entry(0, section.title, page_ref(section.output_pages, parts_of)))
        entries.extend(
            Entry(1, doc_label(doc), page_ref(doc.output_pages, doc.parts)) for doc in section.docs
        )
    return entries


@dataclass(frozen=True)
class CrosswalkLine:
    """One criterion and the bundle documents and pages that prove it (also for the manifest)."""

    criterion: str
    title: str
    status: str
    docs: tuple[DocSpec, ...]

    @property
    def pages(self) -> list[int]:
        return sorted({p for d in self.docs for p in d.output_pages})

    def to_json(self) -> dict[str, object]:
        return {
            "criterion": self.criterion,
            "title": self.title,
            "status": self.status,
            "documents": [d.file_name for d in self.docs],
            "pages": self.pages,
        }


def crosswalk_lines(checklist: Checklist, sections: Sequence[Section]) -> list[CrosswalkLine]:
    docs = {d.key: d for s in sections for d in s.docs}
    lines = []
    for item in checklist.items:
        if not item.blocks_ready:  # about what happens after submission, nothing to prove
            continue
        found = [
            docs[e["id"]]
            for e in item.evidence
            if e.get("type") == "attachment" and e.get("id") in docs
        ]
        if LETTER_CATEGORY in item.documents and GENERATED_KEY in docs:
            found.append(docs[GENERATED_KEY])
        lines.append(CrosswalkLine(item.id, item.title, item.status, tuple(dict.fromkeys(found))))
    return lines


class FrontRenderer:
    """Renders contents and crosswalk pages for a layout (called by ``plan.lay_out``)."""

    def __init__(
        self, sections: Sequence[Section], lines: Sequence[CrosswalkLine], profile: PolicyProfile
    ):
        self.sections = sections
        self.lines = lines
        self.profile = profile
        self.intro = (
            f"How each coverage criterion for {profile.drug} is documented in this submission:"
            " the documents that show it and their page numbers in this bundle (see the page"
            " number at the foot of each page)."
        )

    def __call__(self, parts: list[Part]) -> tuple[list[bytes], list[bytes]]:
        rows = [self._row(line) for line in self.lines]
        return contents_pages(contents_entries(parts, self.sections)), crosswalk_pages(
            rows, self.intro
        )

    def _row(self, line: CrosswalkLine) -> CrosswalkRow:
        if not line.docs:
            return CrosswalkRow(line.title, "-", "-")
        titles = []
        for doc in line.docs:
            category = doc.category
            title = (
                self.profile.category(category).title
                if category in self.profile.category_ids
                else category
            )
            if title not in titles:
                titles.append(title)
        parts = sorted({p for d in line.docs for p in d.parts})
        return CrosswalkRow(line.title, "; ".join(titles), page_ref(line.pages, parts))
