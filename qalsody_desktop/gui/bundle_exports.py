"""The case's previous bundles (``ExportRepository``): when, how many pages, which bytes.

Activating a row (double click or Enter) asks to show that export again, from its recorded
manifest, so staff can answer "what exactly did we send?".
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from ..core.storage.exports import ExportRecord
from .fit import fit_columns

HEADERS = ("Built", "Pages", "Fingerprint", "File")
SHORT_HASH = 12


def local_time(stamp: str) -> str:
    """``2025-03-04T15:06:07Z`` as local time, minutes precision; the text itself if odd."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def export_files(record: ExportRecord) -> list[Path]:
    """The PDF file(s) of an export: beside its manifest, as the manifest names them."""
    recorded = Path(record.path)
    names = [str(f["file"]) for f in record.manifest.get("files", []) if f.get("file")]
    return [recorded.with_name(n) for n in names] if names else [recorded]


class ExportList(QTreeWidget):
    export_activated = Signal(object)  # the ExportRecord

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bundleExports")
        self.setAccessibleName("Previous bundles of this case")
        self.setColumnCount(len(HEADERS))
        self.setHeaderLabels(list(HEADERS))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.records: list[ExportRecord] = []
        self.itemActivated.connect(self._activated)
        # the fingerprint column stays hidden: the file's tooltip gives it on demand
        self.fitter = fit_columns(self, priority=(0, 1, 3), stretch=3)

    def set_records(self, records: list[ExportRecord]) -> None:
        self.clear()
        self.records = list(records)
        for record in self.records:
            files = export_files(record)
            name = files[0].name if len(files) == 1 else f"{len(files)} parts ({files[0].name}…)"
            item = QTreeWidgetItem(
                [
                    local_time(record.created_at),
                    str(record.pages),
                    record.sha256[:SHORT_HASH],
                    name,
                ]
            )
            fingerprint = f"Fingerprint of the file's bytes (SHA-256): {record.sha256}"
            item.setToolTip(2, fingerprint)
            item.setToolTip(3, f"{record.path}\n{fingerprint}")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, Qt.ItemDataRole.UserRole, record.id)
            self.addTopLevelItem(item)
        self.fitter.fit()

    def row_texts(self) -> list[list[str]]:
        items = [self.topLevelItem(r) for r in range(self.topLevelItemCount())]
        return [[item.text(c) for c in range(len(HEADERS))] for item in items if item]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        row = self.indexOfTopLevelItem(item)
        if 0 <= row < len(self.records):
            self.export_activated.emit(self.records[row])
