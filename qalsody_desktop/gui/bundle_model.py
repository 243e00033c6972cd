"""The Bundle tab's tree: sections (top level) and their documents, checkable and reorderable.

Documents move only within their own section (drag and drop, or :meth:`BundleTreeModel.move`
for the Move up/down buttons); anything else is refused, so the tree never shows an order the
builder would not produce. ``user_changed`` fires after a check or a move by the user.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from .bundle_outline import DocRow, SectionRow
from .fit import fit_columns

Index = QModelIndex | QPersistentModelIndex
NAME, PAGES, NOTE = range(3)
HEADERS = ("Document", "Pages used", "Notes")
MIME = "application/x-qalsody-bundle-document"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # a document's key, or a section's id
_TOP = 0  # internalId of a section; a document's is its section row + 1


class BundleTreeModel(QAbstractItemModel):
    user_changed = Signal()

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.sections: list[SectionRow] = []

    # --- content -------------------------------------------------------------------------------

    def set_sections(self, sections: Sequence[SectionRow]) -> None:
        self.beginResetModel()
        self.sections = list(sections)
        self.endResetModel()

    def section_index(self, row: int, column: int = NAME) -> QModelIndex:
        return self.index(row, column)

    def doc_index(self, section: int, row: int, column: int = NAME) -> QModelIndex:
        return self.index(row, column, self.section_index(section))

    def doc(self, index: Index) -> DocRow | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self.sections[index.internalId() - 1].docs[index.row()]

    def section(self, index: Index) -> SectionRow | None:
        """The section of a section row or of a document row."""
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self.sections[index.row()]
        return self.sections[index.internalId() - 1]

    def find(self, key: str) -> QModelIndex:
        for s, section in enumerate(self.sections):
            for r, doc in enumerate(section.docs):
                if doc.key == key:
                    return self.doc_index(s, r)
        return QModelIndex()

    def documents(self) -> list[DocRow]:
        return [d for s in self.sections for d in s.docs]

    def mark_held(self, reasons: dict[str, str]) -> None:
        """Show which documents a gate holds back (by key), with the reason."""
        for s, section in enumerate(self.sections):
            for r, doc in enumerate(section.docs):
                held = reasons.get(doc.key, "")
                if held != doc.held:
                    doc.held = held
                    self.dataChanged.emit(self.doc_index(s, r, NAME), self.doc_index(s, r, NOTE))

    # --- editing -------------------------------------------------------------------------------

    def set_included(self, index: Index, included: bool) -> bool:
        doc = self.doc(index)
        if doc is None or not doc.checkable or doc.included == included:
            return False
        doc.included = included
        row, parent = index.row(), index.parent()
        self.dataChanged.emit(self.index(row, NAME, parent), self.index(row, NOTE, parent))
        self.dataChanged.emit(parent.siblingAtColumn(NAME), parent.siblingAtColumn(NOTE))
        self.user_changed.emit()
        return True

    def can_move(self, index: Index, delta: int) -> bool:
        doc = self.doc(index)
        if doc is None or not doc.movable:
            return False
        docs = self.sections[index.internalId() - 1].docs
        target = index.row() + delta
        return 0 <= target < len(docs) and docs[target].movable

    def move(self, index: Index, delta: int) -> QModelIndex:
        """Move a document ``delta`` rows within its section; its new index (invalid if not)."""
        if not self.can_move(index, delta):
            return QModelIndex()
        section, row = index.internalId() - 1, index.row()
        self._move(section, row, row + delta + (1 if delta > 0 else 0))
        self.user_changed.emit()
        return self.doc_index(section, row + delta)

    def _move(self, section: int, row: int, before: int) -> bool:
        """Move ``row`` to just before ``before`` (Qt's destination semantics)."""
        if before in (row, row + 1):
            return False
        parent = self.section_index(section)
        if not self.beginMoveRows(parent, row, row, parent, before):
            return False
        docs = self.sections[section].docs
        doc = docs.pop(row)
        docs.insert(before - 1 if before > row else before, doc)
        self.endMoveRows()
        return True

    # --- Qt model ------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, column, _TOP) if row < len(self.sections) else QModelIndex()
            )
        if parent.internalId() != _TOP or parent.row() >= len(self.sections):
            return QModelIndex()
        if row >= len(self.sections[parent.row()].docs):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, NAME, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.sections)
        if parent.internalId() == _TOP and parent.column() == NAME:
            return len(self.sections[parent.row()].docs)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        doc = self.doc(index)
        if doc is None:
            return self._section_data(self.sections[index.row()], index.column(), role)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (doc.file_name, doc.pages_text(), doc.note_text())[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == NAME and doc.checkable:
            return Qt.CheckState.Checked if doc.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == PAGES and doc.pages is not None:
                return f"{doc.selected} of the document's {doc.pages} pages go into the bundle"
            return doc.note_text() or None
        if role == Qt.ItemDataRole.AccessibleTextRole and column == NAME:
            state = "included" if doc.included else "excluded"
            return f"{doc.file_name}, {state}, pages {doc.pages_text()}"
        if role == KEY_ROLE:
            return doc.key
        if role == Qt.ItemDataRole.ForegroundRole and doc.included and doc.held:
            return Qt.GlobalColor.darkRed  # also said in words in the Notes column
        if role == Qt.ItemDataRole.ForegroundRole and not doc.included:
            return Qt.GlobalColor.gray  # also said in words in the Notes column
        return None

    def _section_data(self, section: SectionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (section.title, section.pages_text(), section.summary())[column]
        if role == KEY_ROLE:
            return section.id
        if role == Qt.ItemDataRole.AccessibleTextRole and column == NAME:
            return f"Section {section.title}, {section.summary()}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != NAME:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        return self.set_included(index, checked)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        doc = self.doc(index)
        if doc is None:
            return flags | Qt.ItemFlag.ItemIsDropEnabled
        if doc.checkable and index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if doc.movable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # --- drag and drop -------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        docs = [i for i in indexes if i.isValid() and i.column() == NAME and self.doc(i)]
        if docs:
            first = docs[0]
            payload = {"section": first.internalId() - 1, "row": first.row()}
            mime.setData(MIME, json.dumps(payload).encode())
        return mime

    def _drop_target(self, data: QMimeData, row: int, parent: Index) -> tuple[int, int, int] | None:
        """(section, source row, destination row) of an acceptable drop, else None."""
        if not data.hasFormat(MIME) or not parent.isValid():
            return None
        try:
            payload = json.loads(bytes(data.data(MIME).data()).decode())
            section, source = int(payload["section"]), int(payload["row"])
        except (ValueError, KeyError, TypeError):
            return None
        if parent.internalId() == _TOP:
            target_section, before = parent.row(), row
        else:  # dropped onto a document: put it in that document's place
            target_section, before = parent.internalId() - 1, parent.row()
        if target_section != section or not 0 <= section < len(self.sections):
            return None
        docs = self.sections[section].docs
        if not 0 <= source < len(docs) or not docs[source].movable:
            return None
        if before < 0 or before > len(docs):
            before = len(docs)
        if before < len(docs) and not docs[before].movable:
            return None  # nothing goes above the letter
        return section, source, before

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return (
            action == Qt.DropAction.MoveAction and self._drop_target(data, row, parent) is not None
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction:
            return False
        target = self._drop_target(data, row, parent)
        if target is None:
            return False
        if self._move(*target):
            self.user_changed.emit()
        # the view then asks to remove the dragged rows; removeRows is not supported (False),
        # so the row this method moved stays where it now is
        return True


def make_tree(model: BundleTreeModel, parent: QWidget | None = None) -> QTreeView:
    """The view for the model: single selection, drag and drop as moves."""
    tree = QTreeView(parent)
    tree.setObjectName("bundleTree")
    tree.setAccessibleName("Bundle sections and documents")
    tree.setModel(model)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)  # drops checked by the model
    tree.setDefaultDropAction(Qt.DropAction.MoveAction)
    tree.setDropIndicatorShown(True)
    tree.setUniformRowHeights(True)
    tree.fitter = fit_columns(tree, stretch=NOTE, keep=2)  # type: ignore[attr-defined]
    return tree
