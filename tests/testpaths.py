"""Paths and helpers shared by tests (a plain module: ``conftest`` names collide across folders)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE_CASE = SHARED / "examples" / "case-example.json"
CORPUS = SHARED / "corpus"


def require_shared(path: Path) -> Path:
    """Skip when ../shared is absent (a bare clone); in CI (QALSODY_REQUIRE_TOOLS=1) fail."""
    if not path.exists():
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail(f"{path} is missing; CI must have ../shared beside the repo")
        pytest.skip(f"{path} is not beside the repo")
    return path


def drop_nulls(value):
    """Exports write absent facts as null; compare facts, not nulls."""
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value
