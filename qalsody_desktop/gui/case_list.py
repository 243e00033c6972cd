"""The case list: a table model over the store's case summaries, a search filter and the panel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.storage.cases import CaseSummary
from .fit import fit_columns

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: default parent of the table's items
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Name", "DOB", "MRN", "Member ID", "Updated", "Deadlines")
BADGE_COLUMN = 5
OVERDUE_FG = QColor("#8c1d18")
UNSAVED_MARK = " *"


def _local_time(stamp: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime(fmt)
    except ValueError:
        return stamp


def name_key(case: CaseSummary) -> str:
    """How the Name column sorts: last name, then first name, ignoring case."""
    return f"{case.last_name.casefold()}\t{case.first_name.casefold()}"


class CaseListModel(QAbstractTableModel):
    """One row per stored case; the row of a case with unsaved edits is marked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._cases: list[CaseSummary] = []
        self._unsaved: str | None = None
        self._badges: dict[str, str] = {}
        self._rows: dict[str, int] = {}  # case id -> row

    def set_badges(self, badges: dict[str, str]) -> None:
        """Deadline badges by case id ("⚠ 2 overdue", "due 12-03"); a case without one: blank.

        Only the rows whose badge changed are announced, as runs of adjacent rows: after a
        save one row changes, and a whole-column change makes the sorting proxy and the view
        revisit every case (3,000 cases: up to 0.4 s on the GUI thread).
        """
        old, self._badges = self._badges, dict(badges)
        rows = sorted(
            self._rows[cid]
            for cid in old.keys() | self._badges.keys()
            if old.get(cid) != self._badges.get(cid) and cid in self._rows
        )
        for first, last in _runs(rows):
            self.dataChanged.emit(self.index(first, BADGE_COLUMN), self.index(last, BADGE_COLUMN))

    def set_cases(self, cases: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._cases = sorted(cases, key=name_key)  # the list's default order: see the proxy
        self._rows = {c.id: row for row, c in enumerate(self._cases)}
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def texts(self, row: int) -> tuple[str, ...]:
        c = self._cases[row]
        return (
            c.display_name,
            c.date_of_birth or "",
            c.mrn or "",
            c.member_id or "",
            _local_time(c.updated_at, "%Y-%m-%d"),
            self._badges.get(c.id, ""),
        )

    def search_text(self, row: int) -> str:
        """What the search box matches: every column plus the name as "First Last"."""
        c = self._cases[row]
        return " ".join((*self.texts(row), f"{c.first_name} {c.last_name}")).casefold()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        case = self._cases[row]
        unsaved = case.id == self._unsaved
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.texts(row)[col]
            return text + UNSAVED_MARK if col == 0 and unsaved else text
        if role == SORT_ROLE:
            if col == 0:
                return name_key(case)
            return case.updated_at if col == 4 else self.texts(row)[col].casefold()
        if role == ID_ROLE:
            return case.id
        if role == Qt.ItemDataRole.FontRole and unsaved:
            font = QFont()
            font.setItalic(True)
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if unsaved and col == 0:
                return "Unsaved changes"
            if col == 4:
                return f"Last saved {_local_time(case.updated_at)}"
        if role == Qt.ItemDataRole.ForegroundRole and col == BADGE_COLUMN:
            return OVERDUE_FG if "overdue" in self.texts(row)[col] else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, case_id: str | None) -> int:
        return -1 if case_id is None else self._rows.get(case_id, -1)

    def set_unsaved(self, case_id: str | None) -> None:
        """Mark the row of ``case_id`` (None: no row) as having unsaved edits."""
        if case_id == self._unsaved:
            return
        old, self._unsaved = self._unsaved, case_id
        for cid in (old, case_id):
            row = self.row_of(cid)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def is_unsaved(self, case_id: str) -> bool:
        return case_id == self._unsaved


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of adjacent rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class CaseFilterProxy(QSortFilterProxyModel):
    """Case-insensitive search over name, DOB, MRN and member ID; every word must match."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._terms: list[str] = []
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By name ascending is the model's own order: no sorting (which asks the model for
        two keys per comparison, 0.4 s on the GUI thread for 3,000 cases at every reset)."""
        if column == 0 and order == Qt.SortOrder.AscendingOrder:
            super().sort(-1, order)
        else:
            super().sort(column, order)

    def set_query(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._terms = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._terms = text.casefold().split()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._terms:
            return True
        model = self.sourceModel()
        assert isinstance(model, CaseListModel)
        haystack = model.search_text(source_row)
        return all(term in haystack for term in self._terms)


class CaseListPanel(QWidget):
    """Search box + table; emits ``case_selected`` with the id of the case the user picked."""

    case_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = CaseListModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText("Search name, MRN or member ID (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search cases")
        self.search.textChanged.connect(self._on_search)
        self.view = QTableView(self)
        self.view.setObjectName("caseList")
        self.view.setAccessibleName("Cases")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        # name and deadlines first; DOB, updated, MRN and member ID as the width allows
        # (the search still matches the hidden ones)
        self.fitter = fit_columns(self.view, priority=(0, BADGE_COLUMN, 1, 4, 2, 3), stretch=0)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseCount")
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._silent = False
        self._current: str | None = None  # the case the window has open
        self._update_count()

    def _on_search(self, text: str) -> None:
        """Filter; rows vanishing under the cursor must not open another case."""
        self._silent = True
        try:
            self.proxy.set_query(text)
        finally:
            self._silent = False
        self.select(self._current, silent=True)

    def set_cases(self, cases: list[CaseSummary], current: str | None) -> None:
        self._silent = True
        try:
            self.model.set_cases(cases)
        finally:
            self._silent = False
        self.select(current, silent=True)
        self._update_count()

    def select(self, case_id: str | None, *, silent: bool = False) -> None:
        """Make ``case_id`` the current row; ``silent`` does not emit case_selected."""
        self._silent = silent
        self._current = case_id
        try:
            row = self.model.row_of(case_id)
            selection = self.view.selectionModel()
            if row < 0:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.NoUpdate)
                return
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.setCurrentIndex(
                    index,
                    selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
                )
                self.view.scrollTo(index)
            else:
                selection.clearSelection()
        finally:
            self._silent = False

    def visible_names(self) -> list[str]:
        return [
            str(self.proxy.index(r, 0).data(Qt.ItemDataRole.DisplayRole))
            for r in range(self.proxy.rowCount())
        ]

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._silent or not current.isValid():
            return
        case_id = current.data(ID_ROLE)
        if case_id:
            self.case_selected.emit(str(case_id))

    def _update_count(self, *_: object) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        text = f"{total} case{'s' if total != 1 else ''}"
        if shown != total:
            text = f"{shown} of {text}"
        self.count_label.setText(text)
