"""A case as a coordinator has it mid-work, for the fit and wording tests: the demo patient,
its 13 generated documents (one held back from the bundle), a submission and a denial."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.paths import resources_dir
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.synthetic import write_demo_set

PROFILE = load_default_profile()
REASONS = ["experimental_designation", "insufficient_step_therapy"]


def add_worked_case(store, folder: Path) -> str:
    """Store the demo case with its documents, a submission and a denial; its id."""
    demo = resources_dir() / "demo" / "demo-case.json"
    case_id = store.cases.create(load_case_file(demo))
    data = json.loads(demo.read_text(encoding="utf-8"))
    docs = write_demo_set(folder, data, profile=PROFILE, reasons=REASONS)
    Attacher(store, PROFILE).attach(case_id, docs)
    sent = date.today() - timedelta(days=40)
    store.events.add(case_id, "submitted", sent, {"channel": "portal", "reference": "PA-1001"})
    letter = sent + timedelta(days=12)
    store.events.add(
        case_id,
        "denied",
        letter,
        {
            "letter_date": letter.isoformat(),
            "received": (letter + timedelta(days=3)).isoformat(),
            "reasons": REASONS,
        },
    )
    return case_id


def sideways_scrolling(window: QMainWindow) -> list[str]:
    """Every visible scroll area of the window (dock included) showing a horizontal bar."""
    return [
        f"{area.objectName() or type(area).__name__} in "
        f"{area.parentWidget().objectName() or type(area.parentWidget()).__name__}"
        for area in window.findChildren(QAbstractScrollArea)
        if area.isVisible() and area.horizontalScrollBar().isVisible()
    ]


def _view_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts: list[str] = []
    hidden = getattr(view, "isColumnHidden", lambda _c: False)

    def columns(parent) -> int:  # type: ignore[no-untyped-def]
        try:
            return model.columnCount(parent)
        except TypeError:  # list models keep columnCount private: one column
            return 1

    def walk(parent) -> None:  # type: ignore[no-untyped-def]
        for row in range(model.rowCount(parent)):
            for col in range(columns(parent)):
                if hidden(col):
                    continue
                index = model.index(row, col, parent)
                value = index.data()
                if value is not None:
                    texts.append(str(value))
                if col == 0 and columns(parent) > 1 and model.rowCount(index):
                    walk(index)

    walk(view.rootIndex())
    for col in range(columns(view.rootIndex())):
        header = model.headerData(col, Qt.Orientation.Horizontal)
        if header is not None and not hidden(col):
            texts.append(str(header))
    return texts


def visible_texts(top: QWidget) -> list[str]:
    """The words a user can read in ``top`` and its visible children."""
    texts = [top.windowTitle()]
    if isinstance(top, QMainWindow):
        texts.append(top.statusBar().currentMessage())
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QDockWidget):
            texts.append(widget.windowTitle())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            texts += _view_texts(widget)  # (a header shows its view's titles, read there)
    return [t for t in texts if t]


# the shapes of internal ids: case (10 hex), attachment (a + 10 hex), event (e + 10 hex),
# export (x + 12 hex), with at least one letter and one digit so that phone numbers and words
# do not match; rule and profile ids are snake_case words standing alone (not in a file name)
HEX_ID = re.compile(r"\b[aex]?(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{10,12}\b")
SNAKE_ID = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w./-])")
CLI_HINT = re.compile(r"qalsody-pa |(?<![\w-])--[a-z][a-z-]+")


def internal_words(texts: list[str], known_ids: set[str]) -> list[str]:
    """The visible texts that show an internal id, a rule id or a command-line hint."""
    found = []
    for text in texts:
        hits = [m[0] for m in (*HEX_ID.finditer(text), *SNAKE_ID.finditer(text))]
        hits += [m[0] for m in CLI_HINT.finditer(text)]
        hits += [i for i in known_ids if i in text]
        if hits:
            found.append(f"{hits}: {text[:160]!r}")
    return found
