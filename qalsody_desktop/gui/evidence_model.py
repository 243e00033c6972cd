"""Table model over a case's attachments, with a combo delegate for the category column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..core.evidence.kit import Kit
from ..core.evidence.records import Attachment
from ..core.evidence.review import Review
from ..core.policy.model import PolicyProfile
from ..core.storage import Store

COLUMNS = ("File", "Category", "Pages", "Certainty", "To check")
FILE, CATEGORY, PAGES, CONFIDENCE, WARNINGS = range(len(COLUMNS))
HEADER_TIPS = {
    CONFIDENCE: "How sure the app is of the category it guessed from the file's words",
    WARNINGS: "What to check in the file (select it to read every warning)",
}
WRONG_PATIENT_BG = QColor("#ffd6d6")
AttachmentIdRole = Qt.ItemDataRole.UserRole + 1
CategoryIdRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class AttachmentTableModel(QAbstractTableModel):
    """One row per attachment; a category chosen here is stored with category_source="user"."""

    recategorized = Signal(str)  # attachment id
    store_failed = Signal(str)  # message

    def __init__(self, store: Store, profile: PolicyProfile, parent: Any = None):
        super().__init__(parent)
        self.store = store
        self.profile = profile
        self.titles = {c.id: c.title for c in profile.categories}
        self.attachments: list[Attachment] = []
        self.reviews: dict[str, Review] = {}

    def set_kit(self, kit: Kit | None) -> None:
        self.beginResetModel()
        self.attachments = list(kit.attachments) if kit else []
        self.reviews = dict(kit.reviews) if kit else {}
        self.endResetModel()

    def attachment(self, row: int) -> Attachment:
        return self.attachments[row]

    def review(self, row: int) -> Review | None:
        return self.reviews.get(self.attachments[row].id)

    def warnings(self, row: int) -> list[str]:
        review = self.review(row)
        return list(review.warnings) if review is not None else list(self.attachments[row].warnings)

    def row_warning(self, row: int) -> str:
        """What to check, said on the row: another patient's, a scan without text, the first
        warning (and how many more); the details pane lists them all."""
        parts = []
        if self.wrong_patient(row):
            parts.append("another patient?")
        att = self.attachments[row]
        if not att.has_text_layer and not att.needs_conversion:  # (a DOCX is not a scan)
            parts.append("scan (no text layer)")
        elif "ocr" in ((att.analysis or {}).get("page_origins") or []):
            parts.append("scan, read by OCR")
        turned = sorted(p for p, r in att.pages_state.rotation.items() if r % 360)
        if turned:
            pages = ", ".join(map(str, turned[:5])) + ("…" if len(turned) > 5 else "")
            parts.append(f"{'pages' if len(turned) > 1 else 'page'} {pages} turned upright")
        warnings = self.warnings(row)
        if warnings:
            more = f" (+{len(warnings) - 1} more)" if len(warnings) > 1 else ""
            parts.append(warnings[0] + more)
        return "; ".join(parts)

    def wrong_patient(self, row: int) -> bool:
        review = self.review(row)
        return bool(review is not None and review.wrong_patient)

    def row_of(self, attachment_id: str) -> int:
        for i, att in enumerate(self.attachments):
            if att.id == attachment_id:
                return i
        return -1

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.attachments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == CATEGORY:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        att = self.attachments[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == FILE:
                return att.file_name
            if col == CATEGORY:
                title = self.titles.get(att.category, att.category)
                return f"{title} ✎" if att.category_source == "user" else title
            if col == PAGES:
                return "" if att.pages is None else str(att.pages)
            if col == CONFIDENCE:
                return f"{att.confidence:.0%}"
            if col == WARNINGS:
                return self.row_warning(row)
        elif role == Qt.ItemDataRole.EditRole and col == CATEGORY or role == CategoryIdRole:
            return att.category
        elif role == AttachmentIdRole:
            return att.id
        elif role == Qt.ItemDataRole.BackgroundRole and self.wrong_patient(row):
            return WRONG_PATIENT_BG
        elif role == Qt.ItemDataRole.ToolTipRole:
            tips = self.warnings(row)
            if self.wrong_patient(row):
                tips = ["This document may belong to another patient.", *tips]
            return "\n".join(tips) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != CATEGORY or role != Qt.ItemDataRole.EditRole:
            return False
        category = str(value)
        if category not in self.titles:
            return False
        att = self.attachments[index.row()]
        if category == att.category and att.category_source == "user":
            return False
        try:
            updated = self.store.attachments.update(
                att.id, category=category, category_source="user"
            )
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
            self.store_failed.emit(f"The category could not be saved: {exc}")
            return False
        self.attachments[index.row()] = updated
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.recategorized.emit(att.id)
        return True


class CategoryDelegate(QStyledItemDelegate):
    """A combo box of the profile's categories."""

    def __init__(self, profile: PolicyProfile, parent: Any = None):
        super().__init__(parent)
        self.categories = [(c.id, c.title) for c in profile.categories]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for cid, title in self.categories:
            combo.addItem(title, cid)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(i, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
