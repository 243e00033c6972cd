"""House rules as tests, so CI holds them: ruff (lint and format) everywhere, mypy on the core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=REPO, timeout=600
    )


def test_ruff_lint():
    result = _run("ruff", "check", "qalsody_desktop", "tests", "dev.py")
    assert result.returncode == 0, result.stdout[-3000:]


def test_ruff_format():
    result = _run("ruff", "format", "--check", "qalsody_desktop", "tests", "dev.py")
    assert result.returncode == 0, result.stdout[-3000:]


def test_mypy_core():
    result = _run("mypy")
    assert result.returncode == 0, result.stdout[-3000:]
