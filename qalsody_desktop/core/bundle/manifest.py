"""The manifest: a JSON record of exactly what a bundle contains, written beside the PDF.

It names files and hashes, never patient identifiers, so it can be kept in logs and audit
trails; with ``SOURCE_DATE_EPOCH`` set it is as reproducible as the PDF itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..policy.model import PolicyProfile, Route
from .crosswalk import CrosswalkLine
from .model import LeftOut, Part, Section
from .plan import front_pages

FORMAT = "qalsody-bundle-manifest/1"


@dataclass(frozen=True)
class OutputFile:
    path: Path
    sha256: str
    size: int
    part: Part

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.path.name,
            "part": self.part.number,
            "sha256": self.sha256,
            "bytes": self.size,
            "pages": len(self.part.pages),
            "page_range": {"first": self.part.first, "last": self.part.last},
        }


def route_json(route: Route | None, actions: list[str]) -> dict[str, Any] | None:
    if route is None:
        return None
    return {
        "id": route.id,
        "title": route.title,
        "kind": route.kind,
        "max_file_mb": route.max_file_mb,
        "max_pages": route.max_pages,
        "limits_verified": route.limits_verified,
        "actions": list(actions),
    }


def build_manifest(
    *,
    case_id: str,
    app: dict[str, str],
    profile: PolicyProfile,
    created_at: str,
    outputs: Sequence[OutputFile],
    sections: Sequence[Section],
    crosswalk: Sequence[CrosswalkLine],
    route: dict[str, Any] | None,
    bates: dict[str, Any] | None,
    warnings: Sequence[str],
    left_out: Sequence[LeftOut],
    excluded: Sequence[LeftOut],
    held_back: Sequence[dict[str, Any]] = (),
    decisions: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    parts = [o.part for o in outputs]
    front = front_pages(parts)
    total = sum(len(p.pages) for p in parts)
    data: dict[str, Any] = {
        "format": FORMAT,
        "app": app,
        "profile": {"id": profile.id, "version": profile.version},
        "case_id": case_id,
        "created_at": created_at,
        "pages": total,
        "files": [o.to_json() for o in outputs],
        "front_matter": {k: {"first": v[0], "last": v[-1]} for k, v in front.items() if v},
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "output_pages": _span(s.output_pages),
                "documents": [d.to_json() for d in s.docs],
            }
            for s in sections
        ],
        "crosswalk": [line.to_json() for line in crosswalk],
        "route": route,
        "bates": bates,
        "warnings": list(dict.fromkeys(warnings)),
        "left_out": [x.to_json() for x in left_out],
        "excluded": [x.to_json() for x in excluded],
        "held_back": list(held_back),  # kept out by a gate until a person decides
        "decisions": list(decisions),  # the decisions that let gated documents in
    }
    if len(outputs) == 1:
        data["sha256"] = outputs[0].sha256
    return data


def _span(pages: list[int]) -> dict[str, int] | None:
    return {"first": pages[0], "last": pages[-1]} if pages else None


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()


def manifest_path(out: Path) -> Path:
    """``bundle.pdf`` -> ``bundle.manifest.json`` (beside it)."""
    return out.with_name(out.stem + ".manifest.json")
