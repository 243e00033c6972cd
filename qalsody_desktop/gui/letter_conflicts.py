"""Edited paragraphs whose generated text changed underneath: the user chooses, one by one.

Regeneration keeps an edit silently while the paragraph it was made over is unchanged. When the
case changed *that* paragraph (or it is gone), the core reports a ``Conflict``; this box lists
them with what the paragraph said, what it says now and the user's text, and offers
"Keep my edit" / "Use the new text" (``resolve_requested``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.letters import Conflict

IdRole = Qt.ItemDataRole.UserRole + 1


class ConflictBox(QWidget):
    resolve_requested = Signal(object, str)  # Conflict, "keep_edit" | "take_new"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("letterConflicts")
        self.conflicts: list[Conflict] = []
        self.name_of: Callable[[str], str] = lambda block_id: block_id
        self.heading = QLabel(self)
        self.heading.setObjectName("conflictHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        self.list.setAccessibleName("Edited paragraphs that changed underneath")
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 5)  # a few rows
        self.list.currentRowChanged.connect(self._show)
        self.heading.setBuddy(self.list)
        self.details = QTextBrowser(self)
        self.details.setObjectName("conflictDetails")
        self.details.setAccessibleName("Your edit and the new generated text")
        self.keep_button = QPushButton("Keep &my edit", self)
        self.keep_button.setObjectName("keepEdit")
        self.keep_button.setToolTip("Your text stays in the letter, now over the new paragraph")
        self.keep_button.clicked.connect(lambda: self._resolve("keep_edit"))
        self.take_button = QPushButton("Use the &new text", self)
        self.take_button.setObjectName("takeNew")
        self.take_button.setToolTip("Drop your edit; the letter shows the regenerated paragraph")
        self.take_button.clicked.connect(lambda: self._resolve("take_new"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details, 2)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.list, self.details)
        QWidget.setTabOrder(self.details, self.keep_button)
        QWidget.setTabOrder(self.keep_button, self.take_button)
        self.set_conflicts([])

    def set_conflicts(self, conflicts: Sequence[Conflict]) -> None:
        selected = self.selected()
        self.conflicts = list(conflicts)
        n = len(self.conflicts)
        self.heading.setText(
            f"{n} edited paragraph(s) changed &under your edits. "
            "Until you choose, the letter shows the new generated text."
        )
        self.list.blockSignals(True)
        self.list.clear()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for c in self.conflicts:
            what = "is no longer in the letter" if c.vanished else "changed under your edit"
            item = QListWidgetItem(icon, f"{self.name_of(c.block_id)}: {what}", self.list)
            item.setData(IdRole, c.block_id)
        self.list.blockSignals(False)
        ids = [c.block_id for c in self.conflicts]
        row = ids.index(selected.block_id) if selected and selected.block_id in ids else 0
        self.list.setCurrentRow(row if self.conflicts else -1)
        self._show(self.list.currentRow())
        self.setVisible(bool(self.conflicts))

    def selected(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def select(self, block_id: str) -> bool:
        for row, c in enumerate(self.conflicts):
            if c.block_id == block_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def _show(self, row: int) -> None:
        c = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.keep_button.setEnabled(c is not None)
        self.take_button.setEnabled(c is not None)
        if c is None:
            self.details.clear()
            return
        new = (
            "<i>(the paragraph is no longer in the letter; a kept edit waits until it returns)</i>"
            if c.new_generated is None
            else escape(c.new_generated)
        )
        self.details.setHtml(
            f"<p><b>Your edit:</b><br>{escape(c.edited)}</p>"
            f"<p><b>New generated text:</b><br>{new}</p>"
            f"<p><b>Generated text when you edited it:</b><br>{escape(c.base_text)}</p>"
        )

    def _resolve(self, choice: str) -> None:
        c = self.selected()
        if c is not None:
            self.resolve_requested.emit(c, choice)
