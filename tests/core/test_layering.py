"""The core imports no QtWidgets (and no GUI module); checked two ways."""

from __future__ import annotations

import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import qalsody_desktop.core as core

REPO = Path(__file__).resolve().parents[2]


def test_importing_every_core_module_loads_no_widgets():
    names = [m.name for m in pkgutil.walk_packages(core.__path__, "qalsody_desktop.core.")]
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}:\n"
        "    importlib.import_module(n)\n"
        "prefixes = ('PySide6.QtWidgets', 'qalsody_desktop.gui')\n"
        "bad = [m for m in sys.modules if m.startswith(prefixes)]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_contract():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([exe], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_no_core_source_mentions_qtwidgets():
    """Catches a lazy import inside a function, which the import test above would not run."""
    pattern = re.compile(
        r"^\s*(from\s+PySide6\.QtWidgets|import\s+PySide6\.QtWidgets|from\s+PySide6\s+import\s+.*QtWidgets)"
        r"|import_module\(\s*[\"']PySide6\.QtWidgets",
        re.MULTILINE,
    )
    offenders = [
        str(p.relative_to(REPO))
        for p in (REPO / "qalsody_desktop" / "core").rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
