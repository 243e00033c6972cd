"""Shared fixtures. Every test gets its own data folder; nothing touches the user's data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE_CASE = SHARED / "examples" / "case-example.json"
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("QALSODY_DATA_DIR", str(data))
    return data


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    return _isolated_data_dir


def require_shared(path: Path) -> Path:
    """Skip when ../shared is absent (a bare clone); in CI (QALSODY_REQUIRE_TOOLS=1) fail."""
    if not path.exists():
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail(f"{path} is missing; CI must have ../shared beside the repo")
        pytest.skip(f"{path} is not beside the repo")
    return path


@pytest.fixture
def example_path() -> Path:
    return require_shared(EXAMPLE_CASE)


@pytest.fixture
def example_dict(example_path: Path) -> dict:
    return json.loads(example_path.read_text(encoding="utf-8"))


@pytest.fixture
def store(data_dir: Path):
    from qalsody_desktop.core.storage import Store

    s = Store(data_dir)
    yield s
    s.close()


def drop_nulls(value):
    """Exports write absent facts as null; compare facts, not nulls."""
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value
