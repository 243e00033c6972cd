"""The evidence kit's questions (files to add, a PDF password, the attach summary).

:class:`EvidenceDialogs` extends the app's :class:`Dialogs`, so the main window keeps one
injectable dialogs object; a test passes a scripted stand-in with the same methods.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .dialogs import Dialogs

EVIDENCE_FILTER = "Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.docx);;All files (*)"
SUMMARY_HEADERS = ("File", "Status", "Category", "Problem")


class EvidenceDialogs(Dialogs):
    """The real dialogs, plus the evidence kit's."""

    summary: QDialog | None = None  # the attach summary on screen (one at a time)

    def open_files(self, parent: QWidget | None, title: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, title, "", EVIDENCE_FILTER)
        return [Path(n) for n in names]

    def ask_password(self, parent: QWidget | None, title: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Password)
        return value if ok and value else None

    def attach_summary(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        rows: list[tuple[str, str, str, str]],
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
    ) -> None:
        # not modal: the files are selected in the Evidence section behind it, and the
        # progress box of the attaching closes at once instead of waiting for an OK
        if self.summary is not None:
            self.summary.close()
        dialog = QDialog(parent)
        dialog.setObjectName("attachSummary")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "summary", None))
        self.summary = dialog
        dialog.setWindowTitle(title)
        table = QTableWidget(len(rows), len(SUMMARY_HEADERS), dialog)
        table.setHorizontalHeaderLabels(list(SUMMARY_HEADERS))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
        buttons.accepted.connect(dialog.accept)
        for label, act in actions:  # e.g. record the event of a denial letter just attached
            button = buttons.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(dialog.accept)
            button.clicked.connect(act)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(text, dialog))
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(720, 360)
        dialog.show()

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)
