"""What the contents page and the criteria crosswalk list, from the laid-out bundle.

Both are computed from each document's final output pages, so they cannot drift from the
pages actually written. The crosswalk's lines (``crosswalk``) cite the pages whose words show
each payer criterion, with a short quote of those words.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..policy.model import PolicyProfile
from .crosswalk import CrosswalkLine
from .frontmatter import (
    CrosswalkRow,
    Entry,
    contents_pages,
    crosswalk_pages,
    page_ranges,
    page_ref,
)
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


class FrontRenderer:
    """Renders contents and crosswalk pages for a layout (called by ``plan.lay_out``)."""

    def __init__(
        self, sections: Sequence[Section], lines: Sequence[CrosswalkLine], profile: PolicyProfile
    ):
        self.sections = sections
        self.lines = lines
        self.profile = profile
        self.intro = (
            f"How each coverage criterion of {profile.payer} for {profile.drug} is documented in"
            " this submission: the pages that show it (page numbers at the foot of each page)"
            " and the words found there."
        )

    def __call__(self, parts: list[Part]) -> tuple[list[bytes], list[bytes]]:
        rows = [self._row(line) for line in self.lines]
        return contents_pages(contents_entries(parts, self.sections)), crosswalk_pages(
            rows, self.intro
        )

    def _row(self, line: CrosswalkLine) -> CrosswalkRow:
        if not line.citations:
            return CrosswalkRow(line.title, "-", "-", line.note)
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
        quotes = [
            f'p. {c.bundle_page}: "{c.quote}"' if len(line.citations) > 1 else f'"{c.quote}"'
            for c in line.citations
        ]
        return CrosswalkRow(
            line.title, "; ".join(titles), page_ref(line.pages, parts), " ".join(quotes)
        )
