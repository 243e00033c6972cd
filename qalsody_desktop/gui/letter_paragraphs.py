"""The paragraph editor of the Letters tab: the letter's editable paragraphs, one in an editor.

It only shows and asks: storing an edit (and regenerating) is the panel's job, through
``save_requested`` / ``revert_requested``. Typed text survives a regeneration of the letter, and
moving to another paragraph with unsaved text asks first (``confirm_discard``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..core.document import Document
from ..core.letters.edits import editable_ids, paragraph_text
from .letter_fields import paragraph_name, paragraph_sections, snippet

State = Literal["generated", "edited", "conflict"]
STATE_TEXT: dict[str, str] = {
    "generated": "",
    "edited": " (edited)",
    "conflict": " (changed under your edit: choose above)",
}
STATE_NOTE: dict[str, str] = {
    "generated": "Generated from the case.",
    "edited": "Your edit: kept when the letter is regenerated, unless this paragraph changes.",
    "conflict": "The generated paragraph changed under your edit: choose in the list above.",
}
IdRole = Qt.ItemDataRole.UserRole + 1
SAVE_SHORTCUT = "Ctrl+Return"


@dataclass(frozen=True)
class ParagraphRow:
    block_id: str
    name: str
    section: str
    text: str  # as the letter shows it now (the edit when one applies)
    state: State = "generated"


def paragraph_rows(document: Document, edited: Set[str], clashing: Set[str]) -> list[ParagraphRow]:
    """One row per editable paragraph, marked by whether the user's edit applies or waits."""
    sections = paragraph_sections(document)
    rows = []
    for block_id in editable_ids(document):
        state: State = "generated"
        if block_id in clashing:
            state = "conflict"
        elif block_id in edited:
            state = "edited"
        text = paragraph_text(document, block_id) or ""
        name, section = paragraph_name(block_id), sections.get(block_id, "")
        rows.append(ParagraphRow(block_id, name, section, text, state))
    return rows


class ParagraphEditor(QWidget):
    save_requested = Signal(str, str)  # block id, text
    revert_requested = Signal(str)  # block id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("letterParagraphs")
        self.rows: list[ParagraphRow] = []
        # asked (with the block id) before typed text is dropped; True: drop it
        self.confirm_discard: Callable[[str], bool] = lambda _block_id: True
        self._loaded: tuple[str, str] | None = None  # (block id, text put in the editor)
        style = self.style()
        self._icons: dict[str, QIcon] = {
            "edited": style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
            "conflict": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }

        self.list = QListWidget(self)
        self.list.setObjectName("paragraphList")
        self.list.setAccessibleName("Editable paragraphs")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._on_current)
        list_label = QLabel("P&aragraphs you can edit:", self)
        list_label.setBuddy(self.list)

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("paragraphText")
        self.editor.setAccessibleName("Paragraph text")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._update_buttons)
        editor_label = QLabel("Paragraph &text:", self)
        editor_label.setBuddy(self.editor)
        self.note = QLabel(self)
        self.note.setObjectName("paragraphState")
        self.note.setWordWrap(True)

        self.save_button = QPushButton("&Save paragraph", self)
        self.save_button.setObjectName("saveParagraph")
        self.save_button.setToolTip(f"Keep this text in the letter ({SAVE_SHORTCUT})")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Re&vert to generated", self)
        self.revert_button.setObjectName("revertParagraph")
        self.revert_button.setToolTip("Drop your edit; the generated text shows again")
        self.revert_button.clicked.connect(self.revert)
        shortcut = QShortcut(QKeySequence(SAVE_SHORTCUT), self.editor)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.save)

        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 2)
        layout.addWidget(editor_label)
        layout.addWidget(self.editor, 3)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.list, self.editor)
        QWidget.setTabOrder(self.editor, self.save_button)
        QWidget.setTabOrder(self.save_button, self.revert_button)
        self._update_buttons()

    # --- showing ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ParagraphRow]) -> None:
        """Show ``rows``, keeping the selected paragraph and any text typed but not saved."""
        selected = self.selected_id()
        pending = self.editor.toPlainText() if self.is_dirty() else None
        self.rows = list(rows)
        self.list.blockSignals(True)
        self.list.clear()
        for row in self.rows:
            item = QListWidgetItem(
                f"{row.name}{STATE_TEXT[row.state]}\n{snippet(row.text)}", self.list
            )
            item.setData(IdRole, row.block_id)
            item.setToolTip(f"{row.section} · {row.block_id}" if row.section else row.block_id)
            if row.state in self._icons:
                item.setIcon(self._icons[row.state])
        index = next((i for i, r in enumerate(self.rows) if r.block_id == selected), -1)
        if index >= 0:
            self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        self._load(self.row(selected) if index >= 0 else None, pending)

    def row(self, block_id: str | None) -> ParagraphRow | None:
        return next((r for r in self.rows if r.block_id == block_id), None)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(IdRole) if item is not None else None

    def select(self, block_id: str) -> bool:
        index = next((i for i, r in enumerate(self.rows) if r.block_id == block_id), -1)
        if index >= 0:
            self.list.setCurrentRow(index)
        return index >= 0 and self.selected_id() == block_id

    def is_dirty(self) -> bool:
        return self._loaded is not None and self.editor.toPlainText() != self._loaded[1]

    def _on_current(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        loaded = self._loaded
        if loaded is not None and self.is_dirty() and not self.confirm_discard(loaded[0]):
            self.list.blockSignals(True)
            if previous is not None:
                self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self._load(self.row(current.data(IdRole)) if current is not None else None, None)

    def _load(self, row: ParagraphRow | None, pending: str | None) -> None:
        self.editor.blockSignals(True)
        if row is None:
            self._loaded = None
            self.editor.clear()
            self.note.clear()
        else:
            self._loaded = (row.block_id, row.text)
            self.editor.setPlainText(pending if pending is not None else row.text)
            self.note.setText(STATE_NOTE[row.state])
        self.editor.blockSignals(False)
        self.editor.setEnabled(row is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.row(self._loaded[0]) if self._loaded else None
        self.save_button.setEnabled(row is not None and self.is_dirty())
        self.revert_button.setEnabled(row is not None and row.state != "generated")

    # --- actions ---------------------------------------------------------------------------------

    def save(self) -> None:
        if self._loaded is not None and self.is_dirty():
            self.save_requested.emit(self._loaded[0], self.editor.toPlainText())

    def revert(self) -> None:
        row = self.row(self._loaded[0]) if self._loaded else None
        if row is not None and row.state != "generated":
            self._loaded = (row.block_id, self.editor.toPlainText())  # the text is dropped
            self.revert_requested.emit(row.block_id)

    def forget_pending(self) -> None:
        """The editor's text was stored (or dropped): the next refresh shows the letter's."""
        if self._loaded is not None:
            self._loaded = (self._loaded[0], self.editor.toPlainText())
