"""Shared fixtures. Every test gets its own data folder; nothing touches the user's data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from testpaths import EXAMPLE_CASE, require_shared  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _one_qapplication(qapp):
    """One QApplication for the whole session, made before any test renders: core rendering
    would otherwise make a bare QGuiApplication, and a later GUI test's first widget aborts
    the interpreter ("Cannot create a QWidget without QApplication")."""
    return qapp


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("QALSODY_DATA_DIR", str(data))
    return data


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    return _isolated_data_dir


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
