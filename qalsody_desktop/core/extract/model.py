"""What extraction returns: facts with their evidence, and how they compare with a case."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from .text import Doc


@dataclass
class Fact:
    """One value read from a document, as a suggestion for the case field ``field``.

    ``field`` is the case path (``genetics.variant_protein``, ``alsfrs_r[]``); list fields carry
    a dict shaped like the case's list entry. ``span`` is the character range in the text the
    fact was read from (the page's text for ``extract_from_pages``), for highlighting.
    """

    field: str
    value: Any
    display: str
    evidence: str
    page: int | None = None
    confidence: float = 0.5
    span: tuple[int, int] | None = dataclasses.field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": to_jsonable(self.value),
            "display": self.display,
            "evidence": self.evidence,
            "page": self.page,
            "confidence": self.confidence,
        }


@dataclass
class Finding:
    """How one fact relates to the case: ``new`` (case lacks it), ``same`` or ``conflict``."""

    kind: str
    field: str
    case_value: Any
    document_value: Any
    message: str
    page: int | None = None
    evidence: str = ""
    # which list entry the finding is about: the date of a measurement, the drug of a therapy
    key: Any = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "field": self.field,
            "case_value": to_jsonable(self.case_value),
            "document_value": to_jsonable(self.document_value),
            "message": self.message,
            "page": self.page,
            "evidence": self.evidence,
            "key": to_jsonable(self.key),
        }


def to_jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


def make_fact(
    doc: Doc,
    field_path: str,
    value: Any,
    display: str,
    start: int,
    end: int,
    confidence: float,
) -> Fact:
    return Fact(
        field=field_path,
        value=value,
        display=display,
        evidence=doc.evidence(start, end),
        confidence=round(confidence, 2),
        span=(start, end),
    )
