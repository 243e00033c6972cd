"""What the app records about one attached document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageState:
    """Per-page choices for the bundle: pages left out (with a reason), extra rotation, and
    the small skew OCR measured on a scanned page (degrees, counter-clockwise +)."""

    excluded: dict[int, str] = field(default_factory=dict)  # 1-based page -> reason ("" if none)
    rotation: dict[int, int] = field(default_factory=dict)  # 1-based page -> 90/180/270
    skew: dict[int, float] = field(default_factory=dict)  # 1-based page -> degrees

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "excluded": {str(k): v for k, v in sorted(self.excluded.items())},
            "rotation": {str(k): v for k, v in sorted(self.rotation.items()) if v % 360},
        }
        if self.skew:
            out["skew"] = {str(k): v for k, v in sorted(self.skew.items()) if v}
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageState:
        return cls(
            excluded={int(k): str(v) for k, v in data.get("excluded", {}).items()},
            rotation={int(k): int(v) % 360 for k, v in data.get("rotation", {}).items()},
            skew={int(k): float(v) for k, v in data.get("skew", {}).items()},
        )

    def selected_pages(self, pages: int) -> list[int]:
        return [p for p in range(1, pages + 1) if p not in self.excluded]


@dataclass
class Attachment:
    id: str
    case_id: str
    file_name: str
    original_sha256: str  # the bytes as dropped, kept for the record
    working_sha256: str  # what the app reads and bundles (a decrypted copy when encrypted)
    kind: str  # pdf | image | docx
    mime: str | None
    size: int
    pages: int | None
    has_text_layer: bool
    needs_conversion: bool
    category: str
    category_source: str  # auto | user
    confidence: float
    matched: list[str]
    warnings: list[str]
    analysis: dict[str, Any]  # facts, conflicts, identity result: suggestions, never applied
    pages_state: PageState
    document_date: str | None
    position: int
    added_at: str

    @property
    def encrypted_original(self) -> bool:
        return self.original_sha256 != self.working_sha256
