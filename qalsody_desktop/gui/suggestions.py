"""Facts a document suggests, for the user to accept into the case (never applied on their own).

New facts are checked for acceptance; a conflict is listed too, and replacing the typed value
takes a separate, confirmed action. The panel only emits what the user chose; the main window
applies it to the unsaved case in the editor, so Save and Revert work as for any edit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.evidence.accept import why_not
from ..core.extract.dates import parse_date
from ..core.extract.model import Finding

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
_ANY_DAY = date(2000, 1, 1)


def needs_date(finding: Finding) -> bool:
    """Found without its date, and acceptable once the user gives one."""
    return (
        finding.key is None
        and why_not(finding) is not None
        and why_not(dataclasses.replace(finding, key=_ANY_DAY)) is None
    )


class SuggestionList(QWidget):
    """``accept_requested(findings, overwrite)`` fires when the user accepts a selection."""

    accept_requested = Signal(list, bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("suggestions")
        self.title = QLabel("Suggested facts from this document:", self)
        self.title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("suggestionList")
        self.list.setAccessibleName("Suggested facts")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        # what was just accepted from this document, said where the user clicked (the status
        # bar is easy to miss); it stays until another document is shown
        self.accepted = QLabel(self)
        self.accepted.setObjectName("acceptedFacts")
        self.accepted.setWordWrap(True)
        self.accepted.setStyleSheet("color: #2e7d32")
        self.accepted.hide()
        self._shown_for: str | None = None  # the attachment whose suggestions are listed
        self.accept_button = QPushButton("&Accept into case", self)
        self.accept_button.setObjectName("acceptSuggestions")
        self.accept_button.setToolTip("Add the selected new facts to the case (then Save).")
        self.accept_button.clicked.connect(self._accept_new)
        self.replace_button = QPushButton("Use document's value…", self)
        self.replace_button.setObjectName("replaceWithDocument")
        self.replace_button.setToolTip("Replace the typed value with the document's (asks first).")
        self.replace_button.clicked.connect(self._replace)
        # a measurement found without its date: the user types the date and accepts it
        self.date_edit = QLineEdit(self)
        self.date_edit.setObjectName("suggestionDate")
        self.date_edit.setPlaceholderText("its date, YYYY-MM-DD")
        self.date_edit.setAccessibleName("Date of the selected fact")
        self.date_edit.textChanged.connect(self._update_buttons)
        self.date_button = QPushButton("Accept with this &date", self)
        self.date_button.setObjectName("acceptWithDate")
        self.date_button.clicked.connect(self._accept_dated)
        dated = QHBoxLayout()
        dated.addWidget(self.date_edit, 1)
        dated.addWidget(self.date_button)
        self.dated_row = QWidget(self)
        self.dated_row.setLayout(dated)
        dated.setContentsMargins(0, 0, 0, 0)
        # stacked, so the Evidence tab keeps a narrow minimum width
        buttons = QVBoxLayout()
        buttons.addWidget(self.dated_row)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.replace_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.accepted)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_findings([])

    def show_accepted(self, messages: list[str]) -> None:
        """Say, above the list, which facts went into the case (not saved yet)."""
        listed = "; ".join(messages)
        self.accepted.setText(f"✓ Accepted into the case (not saved yet): {listed}")
        self.accepted.setVisible(bool(messages))

    def set_findings(self, findings: list[Finding], attachment_id: str | None = None) -> None:
        # (None: nothing selected for a moment, as while the list reloads: the note stays)
        if attachment_id is not None and attachment_id != self._shown_for:
            self._shown_for = attachment_id
            self.accepted.hide()
        self.list.clear()
        for finding in findings:
            if finding.kind not in ("new", "conflict"):
                continue
            reason = why_not(finding)
            prefix = "Conflict: " if finding.kind == "conflict" else ""
            # why a fact cannot be accepted is said on its row, not only in a tooltip
            dateless = needs_date(finding)
            if dateless:
                suffix = " (needs its date: select it and type the date below)"
            else:
                suffix = f" (cannot be accepted: {reason})" if reason else ""
            item = QListWidgetItem(prefix + finding.message + suffix)
            item.setData(FINDING_ROLE, finding)
            tip = [finding.evidence] if finding.evidence else []
            if finding.page:
                tip.append(f"page {finding.page}")
            if reason and not dateless:
                tip.append(f"Cannot be accepted: {reason}")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.setForeground(QColor("#6b6b6b"))
            elif finding.kind == "conflict":
                item.setForeground(QColor("#b3261e"))
            item.setToolTip(" — ".join(tip))
            self.list.addItem(item)
        self.title.setText(
            "Suggested facts from this document:"
            if self.list.count()
            else "No new facts or conflicts in this document."
        )
        self.list.setVisible(self.list.count() > 0)
        self._update_buttons()

    def findings(self) -> list[Finding]:
        return [self.list.item(i).data(FINDING_ROLE) for i in range(self.list.count())]

    def select(self, predicate: Callable[[Finding], bool]) -> None:
        """Select the rows whose finding matches ``predicate``."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            wanted = bool(predicate(item.data(FINDING_ROLE)))
            item.setSelected(wanted and bool(item.flags() & Qt.ItemFlag.ItemIsSelectable))

    def _selected(self, kind: str) -> list[Finding]:
        chosen = [item.data(FINDING_ROLE) for item in self.list.selectedItems()]
        return [f for f in chosen if f.kind == kind]

    def _dateless(self) -> list[Finding]:
        return [f for f in self._selected("new") if needs_date(f)]

    def _update_buttons(self) -> None:
        dateless = self._dateless()
        self.accept_button.setEnabled(any(not needs_date(f) for f in self._selected("new")))
        self.replace_button.setEnabled(bool(self._selected("conflict")))
        self.dated_row.setVisible(len(dateless) == 1)
        self.date_button.setEnabled(parse_date(self.date_edit.text().strip()) is not None)

    def _accept_dated(self) -> None:
        dateless = self._dateless()
        when = parse_date(self.date_edit.text().strip())
        if len(dateless) == 1 and when is not None:
            self.date_edit.clear()
            self.accept_requested.emit([dataclasses.replace(dateless[0], key=when)], False)

    def _accept_new(self) -> None:
        chosen = [f for f in self._selected("new") if not needs_date(f)]
        if chosen:
            self.accept_requested.emit(chosen, False)

    def _replace(self) -> None:
        chosen = self._selected("conflict")
        if chosen:
            self.accept_requested.emit(chosen, True)
