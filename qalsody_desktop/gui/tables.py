"""Editable tables for the case's lists of rows (ALSFRS-R, NfL, therapies, ...).

One generic :class:`RowTableModel` serves every list: its columns come from the row dataclass
(titles from the field metadata); cells hold the text the user typed, so a half-typed or wrong
value stays visible next to its message instead of vanishing. Read-only computed columns (the
ALSFRS-R decline) are extra columns filled by the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import FieldError
from .fields import FieldInfo, fields_of, format_value, parse_text
from .fit import fit_columns

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: default parent of the table's items
INVALID_BG = QColor("#fde7e7")
COMPUTED_FG = QColor("#4a5568")

COLUMN_TITLES = {  # clearer table headers than the short model titles
    ("AlsfrsR", "items"): "Item scores (12, comma-separated)",
    ("NflResult", "value"): "NfL",
    ("PulmonaryTest", "fvc_percent_predicted"): "FVC % pred.",
    ("PulmonaryTest", "svc_percent_predicted"): "SVC % pred.",
}


@dataclass(frozen=True)
class ComputedColumn:
    key: str
    title: str
    tooltip: str = ""


class RowTableModel(QAbstractTableModel):
    """Rows of one dataclass type, edited as text; ``path`` is the list's field path."""

    edited = Signal()

    def __init__(
        self,
        path: str,
        row_cls: type,
        computed: tuple[ComputedColumn, ...] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.path = path
        self.row_cls = row_cls
        self.fields: list[FieldInfo] = fields_of(row_cls)
        self.computed = computed
        self._rows: list[dict[str, str]] = []
        self._computed_values: list[dict[str, str]] = []
        self._problems: dict[tuple[int, str], list[str]] = {}

    # --- structure ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.fields) + len(self.computed)

    def column_of(self, name: str) -> int:
        for i, info in enumerate(self.fields):
            if info.name == name:
                return i
        for j, extra in enumerate(self.computed):
            if extra.key == name:
                return len(self.fields) + j
        return -1

    def field_at(self, column: int) -> FieldInfo | None:
        return self.fields[column] if 0 <= column < len(self.fields) else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        info = self.field_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if info is not None:
                return COLUMN_TITLES.get((self.row_cls.__name__, info.name), info.title)
            return self.computed[section - len(self.fields)].title
        if role == Qt.ItemDataRole.ToolTipRole:
            if info is None:
                return self.computed[section - len(self.fields)].tooltip or None
            if info.type is date:
                return f"{info.title} (YYYY-MM-DD)"
            return info.title
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.field_at(index.column()) is not None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # --- data ---------------------------------------------------------------------------------

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        info = self.field_at(col)
        if info is None:
            key = self.computed[col - len(self.fields)].key
            if role == Qt.ItemDataRole.DisplayRole:
                return self._computed_values[row].get(key, "")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(COMPUTED_FG)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        text = self._rows[row].get(info.name, "")
        problems = self._problems.get((row, info.name))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(problems) if problems else (text or None)
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return QBrush(INVALID_BG)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        info = self.field_at(index.column())
        if role != Qt.ItemDataRole.EditRole or info is None or not index.isValid():
            return False
        text = "" if value is None else str(value)
        if self._rows[index.row()].get(info.name, "") == text:
            return False
        self._rows[index.row()][info.name] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.edited.emit()
        return True

    def insertRows(self, row: int, count: int, parent: AnyIndex = ROOT) -> bool:
        if parent.isValid() or count < 1 or not 0 <= row <= len(self._rows):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for _ in range(count):
            self._rows.insert(row, self._blank_row())
            self._computed_values.insert(row, {})
        self._problems = {}
        self.endInsertRows()
        self.edited.emit()
        return True

    def removeRows(self, row: int, count: int, parent: AnyIndex = ROOT) -> bool:
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        del self._computed_values[row : row + count]
        self._problems = {}
        self.endRemoveRows()
        self.edited.emit()
        return True

    def _blank_row(self) -> dict[str, str]:
        """A new row shows the field defaults (NfL unit pg/mL), everything else empty."""
        blank = self.row_cls()
        return {i.name: format_value(i.type, getattr(blank, i.name)) for i in self.fields}

    # --- case <-> rows ----------------------------------------------------------------------------

    def load(self, items: list[Any]) -> None:
        self.beginResetModel()
        self._rows = [
            {i.name: format_value(i.type, getattr(item, i.name)) for i in self.fields}
            for item in items
        ]
        self._computed_values = [{} for _ in items]
        self._problems = {}
        self.endResetModel()

    def items(self, errors: list[FieldError]) -> list[Any]:
        """One object per row (row i is ``path[i]`` in messages); parse problems go to errors."""
        out = []
        for r, texts in enumerate(self._rows):
            kwargs = {}
            for info in self.fields:
                where = f"{self.path}[{r}].{info.name}"
                kwargs[info.name] = parse_text(
                    info.type, info.optional, texts.get(info.name, ""), where, errors
                )
            out.append(self.row_cls(**kwargs))
        return out

    def snapshot(self) -> tuple[Any, ...]:
        return tuple(tuple(sorted(r.items())) for r in self._rows)

    def set_computed(self, values: list[dict[str, str]]) -> None:
        if not self.computed or values == self._computed_values:
            return
        self._computed_values = values
        first = len(self.fields)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, first), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )

    def set_problems(self, problems: dict[tuple[int, str], list[str]]) -> None:
        if problems == self._problems:
            return
        self._problems = problems
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.fields) - 1)
            )


class RowDelegate(QStyledItemDelegate):
    """Enum columns get a combo box, dates a YYYY-MM-DD placeholder."""

    def createEditor(self, parent: QWidget, option: Any, index: AnyIndex) -> QWidget:
        model = index.model()
        info = model.field_at(index.column()) if isinstance(model, RowTableModel) else None
        if info is not None and info.enum:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.addItems(["", *info.enum])
            return combo
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and info is not None:
            if info.type is date:
                editor.setPlaceholderText("YYYY-MM-DD")
            elif info.name == "items":
                editor.setPlaceholderText("4, 4, 3, ... (12 scores)")
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class TableSection(QGroupBox):
    """A titled table with Add row / Remove row buttons; objectName = the list path."""

    def __init__(self, model: RowTableModel, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.model = model
        self.setObjectName(f"{model.path}_section")
        self.view = QTableView(self)
        self.view.setObjectName(model.path)
        self.view.setModel(model)
        self.view.setItemDelegate(RowDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(120)
        # every column stays in view (data entry), narrowed in proportion when room is short
        self.fitter = fit_columns(self.view, keep=model.columnCount())
        self.view.setAccessibleName(title)
        self.add_button = QPushButton("Add row", self)
        self.add_button.setObjectName(f"{model.path}_add")
        self.remove_button = QPushButton("Remove row", self)
        self.remove_button.setObjectName(f"{model.path}_remove")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def set_column_widths(self, widths: dict[str, int]) -> None:
        """The widths the columns want (their contents may want more); the fitter shares out
        the table's width from these."""
        for name, width in widths.items():
            col = self.model.column_of(name)
            if col >= 0:
                self.fitter.preferred[col] = width
        self.fitter.fit()

    def add_row(self) -> int:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()}, reverse=True)
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        for row in rows:
            self.model.removeRows(row, 1)

    def commit_pending(self) -> None:
        """Store the text of a cell editor that is still open (Ctrl+S while typing in a cell)."""
        if self.view.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is not None:
            self.view.commitData(editor)
            self.view.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def focus_cell(self, row: int, field: str | None) -> None:
        col = self.model.column_of(field) if field else 0
        index = self.model.index(row, max(col, 0))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        self.view.setFocus()
