"""Facts a document suggests, for the user to accept into the case (never applied on their own).

New facts are checked for acceptance; a conflict is listed too, and replacing the typed value
takes a separate, confirmed action. The panel only emits what the user chose; the main window
applies it to the unsaved case in the editor, so Save and Revert work as for any edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.evidence.accept import why_not
from ..core.extract.model import Finding

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


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
        # stacked, so the Evidence tab keeps a narrow minimum width
        buttons = QVBoxLayout()
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
            suffix = f" (cannot be accepted: {reason})" if reason else ""
            item = QListWidgetItem(prefix + finding.message + suffix)
            item.setData(FINDING_ROLE, finding)
            tip = [finding.evidence] if finding.evidence else []
            if finding.page:
                tip.append(f"page {finding.page}")
            if reason:
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

    def _update_buttons(self) -> None:
        self.accept_button.setEnabled(bool(self._selected("new")))
        self.replace_button.setEnabled(bool(self._selected("conflict")))

    def _accept_new(self) -> None:
        chosen = self._selected("new")
        if chosen:
            self.accept_requested.emit(chosen, False)

    def _replace(self) -> None:
        chosen = self._selected("conflict")
        if chosen:
            self.accept_requested.emit(chosen, True)
