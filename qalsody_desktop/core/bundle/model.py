"""What a bundle is made of: sections of documents, and the pages they become."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import QalsodyError

EXPORT_KIND = "bundle"  # the kind of export row a bundle records
# what a bundle carries, by the letter it leads with: the cover's title and the letter section's
PACKETS = {
    "medical_necessity": ("Prior authorization request", "Letter of medical necessity"),
    "formulary_exception": ("Formulary exception request", "Formulary exception request"),
    "expedited_review_request": ("Expedited review request", "Expedited review request"),
    "internal_appeal": ("Internal appeal", "Appeal letter"),
    "external_review_request": ("External review request", "External review request"),
}
APPEAL_PACKETS = ("internal_appeal", "external_review_request")
SUPERSEDED = "an older letter of medical necessity: the newest one is the letter submitted"

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

LETTER_SECTION = "letter"
FRONT_KINDS = ("cover", "contents", "crosswalk")


class BundleCancelled(QalsodyError):
    """The user cancelled; nothing was written."""


class DocumentError(Exception):
    """One document cannot go into the bundle; the message is the reason shown to the user."""


@dataclass(eq=False)  # identity: the same file may be attached twice under two ids
class DocSpec:
    """One document in a section: where its bytes are and which of its pages are used."""

    key: str  # attachment id, or "generated-letter"
    file_name: str
    sha256: str  # of the file as attached (or as generated)
    kind: str  # pdf | image (a DOCX is converted to pdf before use)
    category: str
    path: Path | None = None
    working_sha256: str | None = None
    converted_sha256: str | None = None
    document_date: str | None = None
    source_pages: int = 0
    selected: list[int] = field(default_factory=list)  # 1-based source pages, in order
    rotation: dict[int, int] = field(default_factory=dict)  # extra clockwise degrees
    warnings: list[str] = field(default_factory=list)
    generated: bool = False
    output_pages: list[int] = field(default_factory=list)  # global page numbers, set by layout
    parts: list[int] = field(default_factory=list)
    # 1-based source pages naming another person: their stamp carries no patient identifiers
    foreign_pages: set[int] = field(default_factory=set)
    # the reader opened while counting pages, kept for the first write (parsing twice is slow)
    opened: Any = field(default=None, repr=False)

    def take_opened(self) -> Any:
        opened, self.opened = self.opened, None
        return opened

    def close(self) -> None:
        opened = self.take_opened()
        if opened is not None:
            opened[1].close()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "attachment_id": None if self.generated else self.key,
            "file": self.file_name,
            "sha256": self.sha256,
            "kind": "docx" if self.converted_sha256 else self.kind,
            "category": self.category,
            "document_date": self.document_date,
            "source_pages": self.source_pages,
            "selected_pages": list(self.selected),
            "rotation": {str(k): v for k, v in sorted(self.rotation.items()) if v},
            "output_pages": _range(self.output_pages),
            "parts": list(self.parts),
            "warnings": list(dict.fromkeys(self.warnings)),
        }
        if self.working_sha256 and self.working_sha256 != self.sha256:
            data["working_sha256"] = self.working_sha256
        if self.converted_sha256:
            data["converted_sha256"] = self.converted_sha256
        if self.generated:
            data["generated"] = True
        if self.foreign_pages:
            data["unidentified_stamp_pages"] = sorted(self.foreign_pages)
        return data


def _range(pages: list[int]) -> dict[str, int] | None:
    return {"first": min(pages), "last": max(pages)} if pages else None


@dataclass
class Section:
    id: str  # "letter" or a category id
    title: str
    docs: list[DocSpec] = field(default_factory=list)

    @property
    def output_pages(self) -> list[int]:
        return sorted(p for d in self.docs for p in d.output_pages)


@dataclass(frozen=True)
class LeftOut:
    """A document that is not in the bundle, and why."""

    file: str
    reason: str
    attachment_id: str | None = None
    category: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "attachment_id": self.attachment_id,
            "file": self.file,
            "category": self.category,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class PageRef:
    """One output page: a front-matter page (by index) or a source page of a document."""

    kind: str  # cover | contents | crosswalk | doc
    index: int  # front matter: 0-based page of that part; doc: 1-based source page
    doc: DocSpec | None = None


@dataclass
class Part:
    number: int
    of: int
    pages: list[PageRef]
    first: int  # global number of this part's first page

    @property
    def last(self) -> int:
        return self.first + len(self.pages) - 1


@dataclass(frozen=True)
class BundleOptions:
    """Choices for one build; ``None`` means: use the case's saved bundle settings."""

    route: str | None = None
    bates_prefix: str | None = None
    bates_start: int | None = None
    record: bool = True  # add the build to the case's exports
    # the letter the bundle leads with; appeals carry the denial letter among the evidence
    letter_kind: str = "medical_necessity"
