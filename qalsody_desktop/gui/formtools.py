"""Compile the Qt Designer forms in ``forms/*.ui`` into ``qalsody_desktop/gui/forms/ui_*.py``.

The generated modules are committed (so the app runs without build steps); a test re-runs uic and
checks they are current. Regenerate after editing a form with::

    python -m qalsody_desktop.gui.formtools
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FORMS_DIR = REPO / "forms"
OUT_DIR = Path(__file__).resolve().parent / "forms"


def uic_command() -> list[str]:
    """The uic binary shipped inside PySide6 (what ``pyside6-uic`` wraps), in Python mode."""
    import PySide6.QtCore as qtcore

    pyside_dir = Path(qtcore.__file__).resolve().parent
    candidates = [pyside_dir / "Qt" / "libexec" / "uic", pyside_dir / "uic", pyside_dir / "uic.exe"]
    for exe in candidates:
        if exe.is_file() and os.access(exe, os.X_OK):
            return [os.fspath(exe), "-g", "python"]
    wrapper = shutil.which(
        "pyside6-uic",
        path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    )
    if wrapper:
        return [wrapper]
    raise RuntimeError("uic not found: is PySide6 installed?")


def module_name(ui_file: Path) -> str:
    return f"ui_{ui_file.stem}.py"


def compile_form(ui_file: Path) -> str:
    result = subprocess.run(
        [*uic_command(), os.fspath(ui_file)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"uic failed on {ui_file.name}: {result.stderr.strip()}")
    return result.stdout


def code_lines(source: str) -> list[str]:
    """Generated code without comment lines (the header names the uic version and file)."""
    return [
        line.rstrip()
        for line in source.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def ui_files() -> list[Path]:
    return sorted(FORMS_DIR.glob("*.ui"))


def compile_all() -> list[Path]:
    OUT_DIR.mkdir(exist_ok=True)
    written = []
    for ui in ui_files():
        target = OUT_DIR / module_name(ui)
        target.write_text(compile_form(ui), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(path.relative_to(REPO))
