"""What reading an EHR export yields: proposed case values with their sources, nothing applied.

A :class:`Proposal` is one value for one case field, with where it came from (document,
section, date) and which code or name decided it. Reading never touches a case: the review
(:mod:`.review`) compares proposals with the case and a person picks what goes in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import QalsodyError
from ..extract.model import to_jsonable


class EhrImportError(QalsodyError):
    """The file cannot be imported (bad format, unsafe XML, unknown document type...)."""


class EhrCancelled(EhrImportError):
    """The user cancelled while the file was read; nothing was written."""


class IdentityMismatch(EhrImportError):
    """The export names another patient than the case (the message names the fields only)."""


@dataclass(frozen=True)
class Source:
    document: str  # file name plus document title or resource id
    section: str  # C-CDA section title or FHIR resource type
    when: date | None = None
    code: str | None = None  # "LOINC 19872-1 (unverified)" or "matched by name"

    def describe(self) -> str:
        parts = [self.document, self.section]
        if self.when:
            parts.append(self.when.isoformat())
        if self.code:
            parts.append(self.code)
        return " · ".join(p for p in parts if p)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "section": self.section,
            "date": self.when.isoformat() if self.when else None,
            "code": self.code,
        }


@dataclass
class Proposal:
    """One value for a case field. ``field`` uses the case paths of the evidence kit
    (``patient.last_name``, ``nfl[]``, ``therapies[]``); list fields carry a dict shaped like
    the evidence kit's facts so the same comparison and acceptance apply."""

    field: str
    value: Any
    display: str
    source: Source
    info: str | None = None  # set when the value is shown only (not a case field)

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": to_jsonable(self.value),
            "display": self.display,
            "source": self.source.to_json(),
            "info": self.info,
        }


@dataclass(frozen=True)
class UnmappedCode:
    system: str
    code: str
    display: str
    section: str

    def to_json(self) -> dict[str, str]:
        return {
            "system": self.system,
            "code": self.code,
            "display": self.display,
            "section": self.section,
        }


@dataclass
class EmbeddedFile:
    """A document carried inside the export (C-CDA nonXMLBody, FHIR DocumentReference)."""

    name: str
    mime: str
    data: bytes


@dataclass
class Identity:
    first_name: str | None = None
    last_name: str | None = None
    date_of_birth: date | None = None
    ids: list[str] = field(default_factory=list)

    def present(self) -> bool:
        return bool(self.last_name or self.date_of_birth)


@dataclass
class EhrImport:
    """Everything read from one export file."""

    file_name: str
    format: str  # "C-CDA" or "FHIR R4"
    document_type: str  # "Continuity of Care Document", "FHIR Bundle (collection)", ...
    title: str = ""
    document_date: date | None = None
    identity: Identity = field(default_factory=Identity)
    proposals: list[Proposal] = field(default_factory=list)
    unmapped: list[UnmappedCode] = field(default_factory=list)
    narratives: list[tuple[str, str]] = field(default_factory=list)  # (section title, text)
    embedded: list[EmbeddedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # sections / resources read, by kind
    evidence_category: str = "other"

    def add_unmapped(self, item: UnmappedCode) -> None:
        if item not in self._unmapped_seen:
            self._unmapped_seen.add(item)
            self.unmapped.append(item)

    def __post_init__(self) -> None:
        self._unmapped_seen: set[UnmappedCode] = set(self.unmapped)

    def summary_json(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "format": self.format,
            "document_type": self.document_type,
            "title": self.title,
            "document_date": self.document_date.isoformat() if self.document_date else None,
            "counts": dict(self.counts),
            "proposals": len(self.proposals),
            "unmapped_codes": [u.to_json() for u in self.unmapped],
            "narrative_sections": [title for title, _text in self.narratives],
            "embedded_documents": [e.name for e in self.embedded],
            "warnings": list(self.warnings),
        }
