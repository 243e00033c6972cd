"""Helpers for the Letters tab tests (a module of helpers: it holds no tests itself).

Scripted dialogs that accept the real ``save_path`` signature (with ``file_filter``), a panel
factory, and readers for what a user gets back: DOCX text (python-docx), PDF text (pypdf).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pypdf

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.gui.letter_view import LetterPanel
from qalsody_desktop.gui.task import SynchronousPool, TaskRunner

TODAY = date(2025, 7, 1)


class LetterAnswers:
    """Mixed into conftest's FakeDialogs: ``save_path`` as the real Dialogs has it."""

    def __init__(self) -> None:
        super().__init__()
        self.save_requests: list[tuple[str, str, str]] = []  # (title, suggested, filter)

    def save_path(self, parent: Any, title: str, suggested: str, file_filter: str = "") -> Any:
        self.save_requests.append((title, suggested, file_filter))
        return self.save_paths.pop(0)  # type: ignore[attr-defined]


def letter_dialogs(dialogs: Any) -> Any:
    return type("FakeLetterDialogs", (LetterAnswers, type(dialogs)), {})()


def make_panel(qtbot, store, dialogs, **kw: Any) -> LetterPanel:
    panel = LetterPanel(
        store, load_default_profile(), dialogs, TaskRunner(SynchronousPool()), today=TODAY, **kw
    )
    qtbot.addWidget(panel)
    return panel


def stored_example(store, example_path: Path):
    """(case id, case) for the example case, stored."""
    case = load_case_file(example_path)
    return store.cases.create(case), case


def squash(text: str) -> str:
    """Whitespace removed, quotes normalised: a value wrapped across lines still matches."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", "", text)


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages)


def qpdf_check(path: Path) -> None:
    """``qpdf --check`` when qpdf is installed (CI installs it)."""
    exe = shutil.which("qpdf")
    if exe is None:
        assert not os.environ.get("QALSODY_REQUIRE_TOOLS"), "qpdf is required in CI"
        return
    result = subprocess.run([exe, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def item_texts(list_widget) -> list[str]:
    return [list_widget.item(i).text() for i in range(list_widget.count())]
