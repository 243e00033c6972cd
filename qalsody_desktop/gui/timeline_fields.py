"""Editors for one event field each, built from the core's field specs (tracking/events.py).

The fields of an event type come from the core, so a field added there appears in the dialog
without a change here; only the labels worth saying better per type ("Confirmation number" for
a submission's reference) and the fields the user never types (a bundle's manifest, the matched
sentences of a denial) are listed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from ..core.tracking.events import FieldSpec

DATE_FORMAT = "yyyy-MM-dd"
# Kept from the event as they are, never typed: filled by a bundle export or a letter analysis.
HIDDEN_FIELDS = frozenset({"export_id", "manifest", "sentences", "appeal_window", "letter_date"})
LONG_TEXT = frozenset({"note", "outcome", "requested"})
# Better words for a field on a given event type ("*": any type).
LABELS: Mapping[tuple[str, str], str] = {
    ("submitted", "reference"): "Confirmation number",
    ("submitted", "to"): "Sent to (whom)",
    ("approved", "reference"): "Authorization number",
    ("call", "with"): "Who called / was called",
    ("call", "reference"): "Call reference number",
    ("call", "outcome"): "Outcome (what was said)",
    ("denied", "reasons"): "Denial reasons",
    ("*", "reference"): "Reference number",
    ("*", "attachments"): "Linked documents",
    ("*", "time"): "Time (HH:MM, 24-hour)",
}
# Order: the type's own fields first, then these common ones.
COMMON_ORDER = ("received", "reference", "time", "attachments", "note")
# A letter has no time of day worth recording; a submission or call may (hour-based rules).
TIMED_TYPES = frozenset(
    {"submitted", "call", "p2p_scheduled", "p2p_held", "appeal_filed", "external_review_requested"}
)


def field_label(event_type: str, key: str, spec: FieldSpec) -> str:
    return LABELS.get((event_type, key)) or LABELS.get(("*", key)) or spec.title


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def with_mnemonic(text: str, used: set[str]) -> str:
    """``text`` with an ``&`` before its first letter not yet taken in the dialog."""
    for i, ch in enumerate(text):
        if ch.isalpha() and ch.lower() not in used:
            used.add(ch.lower())
            return f"{text[:i]}&{text[i:]}"
    return text


def date_edit(parent: QWidget, day: date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


class OptionalDate(QWidget):
    """A date that may be "not set": a check box to set it, then the date itself."""

    def __init__(self, title: str, value: date | None, default: date, parent: QWidget):
        super().__init__(parent)
        self.check = QCheckBox("set", self)
        self.check.setAccessibleName(f"{title}: set")
        self.edit = date_edit(self, value or default)
        self.edit.setAccessibleName(title)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self._toggled)
        self.check.setChecked(value is not None)
        self._toggled(value is not None)
        self.setFocusProxy(self.check)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        self.edit.setToolTip("" if on else "not set: tick “set” to enter a date")

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        if day is not None:
            self.edit.setDate(to_qdate(day))
        self.check.setChecked(day is not None)

    def focus_widgets(self) -> list[QWidget]:
        return [self.check, self.edit]


class CheckList(QListWidget):
    """Checkable items with ids (linked documents, denial reasons); the ids come back in the
    order they were given (a denial's reasons in the letter's order), new ticks after them."""

    def __init__(
        self, items: Sequence[tuple[str, str, str]], checked: Sequence[str], parent: QWidget
    ):
        super().__init__(parent)
        self._order = list(checked)
        for item_id, text, tip in items:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if item_id in checked else Qt.CheckState.Unchecked
            )
            if tip:
                item.setToolTip(tip)
        rows = max(2, min(self.count(), 7))
        self.setFixedHeight(rows * (self.fontMetrics().height() + 8) + 6)

    def checked_ids(self) -> list[str]:
        out = []
        for i in range(self.count()):
            item = self.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        first = {item_id: n for n, item_id in enumerate(self._order)}
        return sorted(out, key=lambda item_id: first.get(item_id, len(first)))

    def set_checked(self, ids: Sequence[str]) -> None:
        self._order = list(ids)
        for i in range(self.count()):
            item = self.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class FieldEditor:
    """One field's widget with a uniform get/set of its JSON value (None: not set)."""

    def __init__(self, key: str, spec: FieldSpec, widget: QWidget):
        self.key, self.spec, self.widget = key, spec, widget

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, OptionalDate):
            day = w.value()
            return day.isoformat() if day else None
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, CheckList):
            return w.checked_ids()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip() or None
        if isinstance(w, QLineEdit):
            return w.text().strip() or None
        raise AssertionError(type(w))  # pragma: no cover

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, OptionalDate):
            w.set_value(_date_or_none(value))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(w.findData(value), 0))
        elif isinstance(w, CheckList):
            w.set_checked(list(value or []))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value or ""))
        elif isinstance(w, QLineEdit):
            w.setText(str(value or ""))

    def focus_widgets(self) -> list[QWidget]:
        w = self.widget
        return w.focus_widgets() if isinstance(w, OptionalDate) else [w]


def _date_or_none(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def make_editor(
    key: str,
    spec: FieldSpec,
    title: str,
    value: Any,
    parent: QWidget,
    *,
    today: date,
    choices: Sequence[tuple[str, str, str]] = (),
) -> FieldEditor:
    """The widget for a field; ``choices`` (id, text, tooltip) for a list of ids."""
    widget: QWidget
    if spec.type == "date":
        widget = OptionalDate(title, _date_or_none(value), today, parent)
    elif spec.type == "choice":
        combo = QComboBox(parent)
        combo.addItem("(not set)", None)
        for choice in spec.choices:
            combo.addItem(choice.replace("_", " "), choice)
        widget = combo
    elif spec.type == "list[str]":
        widget = CheckList(choices, list(value or []), parent)
    elif key in LONG_TEXT:
        text = QPlainTextEdit(parent)
        text.setTabChangesFocus(True)
        text.setFixedHeight(58)
        widget = text
    else:
        line = QLineEdit(parent)
        if spec.type == "time":
            line.setPlaceholderText("HH:MM")
        widget = line
    widget.setAccessibleName(title)
    editor = FieldEditor(key, spec, widget)
    if spec.type != "date":
        editor.set_value(value)
    return editor
