"""The checklist beside the editor: every criterion of the policy profile, live as you type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from ..core.checklist import Checklist, ChecklistItem

STATUS_COLORS = {
    "met": QColor("#2e7d32"),
    "warning": QColor("#ef8f00"),
    "missing_evidence": QColor("#ef6c00"),
    "not_met": QColor("#c62828"),
    "missing": QColor("#757575"),
}
STATUS_TEXT = {
    "met": "met",
    "warning": "warning",
    "missing_evidence": "met by the case, document missing",
    "not_met": "not met",
    "missing": "missing",
}
# the reason shown under an item's title, in the words a coordinator would use
STATUS_LINE = {
    "warning": "Met, with a warning",
    "missing_evidence": "Met by the case facts; the document is not attached",
    "not_met": "Not met",
    "missing": "Unknown: not in the case yet",
}
GUIDE_ONLY = "the guide says so; the payer's policy does not"
MARKERS = {"guide-only": f"guide-only: {GUIDE_ONLY}", "assumption": "assumption, not the payer's"}
LEGEND = (
    "<span style='color:#2e7d32'>■</span>&nbsp;met &nbsp; "
    "<span style='color:#ef6c00'>■</span>&nbsp;document&nbsp;missing &nbsp; "
    "<span style='color:#ef8f00'>■</span>&nbsp;warning &nbsp; "
    "<span style='color:#c62828'>■</span>&nbsp;not&nbsp;met &nbsp; "
    "<span style='color:#757575'>■</span>&nbsp;unknown"
)
ItemIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def _dot(color: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(color)
    return QIcon(pixmap)


def display_text(item: ChecklistItem) -> str:
    """The title (with whose rule it is when not the payer's), then the state and the reason
    on a second line for anything short of plainly met; a denial it invites is named."""
    marker = ""
    if not item.payer:
        marker = f" ({MARKERS.get(item.source_status, f'{item.source_status}, not the payer’s')})"
    text = f"{item.title}{marker}"
    state = STATUS_LINE.get(item.status)
    if state is None:
        return text
    reason = f"{state}: {item.detail}" if item.detail else state
    if item.status == "not_met" and item.denial_title:
        reason += f" (invites the denial “{item.denial_title}”)"
    return f"{text}\n{reason}"


class ChecklistModel(QAbstractListModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.items: list[ChecklistItem] = []
        self._icons: dict[str, QIcon] = {}

    def set_checklist(self, checklist: Checklist | None) -> None:
        items = list(checklist.items) if checklist else []
        if [i.id for i in items] == [i.id for i in self.items]:
            self.items = items  # same rows: keep the view's selection and scroll
            if items:
                self.dataChanged.emit(self.index(0), self.index(len(items) - 1))
            return
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def item(self, row: int) -> ChecklistItem:
        return self.items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def _icon(self, status: str) -> QIcon:
        if status not in self._icons:
            self._icons[status] = _dot(STATUS_COLORS.get(status, QColor("#757575")))
        return self._icons[status]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(item)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(item.status)
        if role == Qt.ItemDataRole.ForegroundRole and item.status in (
            "not_met",
            "missing_evidence",
            "warning",
        ):
            return STATUS_COLORS[item.status]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{STATUS_TEXT.get(item.status, item.status).capitalize()}: {item.detail}"]
            if item.denial_title:
                lines.append(f"If not met, invites the denial: {item.denial_title}")
            if item.status == "missing_evidence":
                lines.append("The case facts meet it; attach the document that shows it.")
            if item.source_status == "guide-only":
                lines.append(f"Guide-only: {GUIDE_ONLY}; not confirmed against its text.")
            elif not item.payer:
                lines.append("A project assumption: never shown to the payer.")
            return "\n".join(lines)
        if role == ItemIdRole:
            return item.id
        if role == StatusRole:
            return item.status
        return None


class ChecklistPanel(QWidget):
    """READY / NOT READY and the items; ``item_activated`` carries the double-clicked item."""

    item_activated = Signal(object)  # ChecklistItem

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("checklistPanel")
        self.ready: bool | None = None
        self.verdict = QLabel(self)
        self.verdict.setObjectName("checklistVerdict")
        self.model = ChecklistModel(self)
        self.view = QListView(self)
        self.view.setObjectName("checklistView")
        self.view.setAccessibleName("Checklist items")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.activated.connect(self._on_double_click)  # Enter on an item, for the keyboard
        title = QLabel("<b>Checklist</b>", self)
        self.legend = QLabel(LEGEND, self)
        self.legend.setObjectName("checklistLegend")
        self.legend.setWordWrap(True)
        self.legend.setToolTip(f"Guide-only: {GUIDE_ONLY}.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self.verdict)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)
        self.set_checklist(None)

    def set_checklist(self, checklist: Checklist | None) -> None:
        self.model.set_checklist(checklist)
        self.ready = checklist.ready if checklist else None
        if checklist is None:
            self.verdict.setText("")
        elif checklist.ready:
            self.verdict.setText("<b style='color:#2e7d32'>READY</b>")
        else:
            self.verdict.setText("<b style='color:#c62828'>NOT READY</b>")

    def verdict_text(self) -> str:
        if self.ready is None:
            return ""
        return "READY" if self.ready else "NOT READY"

    def status_of(self, item_id: str) -> str | None:
        for item in self.model.items:
            if item.id == item_id:
                return item.status
        return None

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.item_activated.emit(self.model.item(index.row()))
