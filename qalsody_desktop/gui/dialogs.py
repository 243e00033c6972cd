"""Every question and message box the main window shows, behind one injectable object.

The main window asks ``self.dialogs`` instead of calling QMessageBox/QFileDialog directly, so a
test passes a scripted stand-in with the same methods and checks what was asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

UnsavedAnswer = Literal["save", "discard", "cancel"]
JSON_FILTER = "Case files (*.json);;All files (*)"
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg);;All files (*)"
ARCHIVE_FILTER = "Case archives (*.qpa);;All files (*)"
PDF_FILTER = "PDF files (*.pdf);;All files (*)"
DOCX_FILTER = "Word documents (*.docx);;All files (*)"
ICS_FILTER = "Calendar files (*.ics);;All files (*)"
SAVE_FILTERS = {
    ".json": JSON_FILTER,
    ".qpa": ARCHIVE_FILTER,
    ".pdf": PDF_FILTER,
    ".docx": DOCX_FILTER,
    ".ics": ICS_FILTER,
}


class Dialogs:
    """The real dialogs."""

    def ask_unsaved(self, parent: QWidget | None, what: str) -> UnsavedAnswer:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"{what} has unsaved changes.")
        box.setInformativeText("Save them before continuing?")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        ok = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is ok

    def error(
        self, parent: QWidget | None, title: str, text: str, details: list[str] | None = None
    ) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(title)
        box.setText(text)
        if details:
            box.setInformativeText("\n".join(f"• {d}" for d in details[:12]))
            if len(details) > 12:
                box.setDetailedText("\n".join(details))
        box.exec()

    def open_path(
        self, parent: QWidget | None, title: str, file_filter: str = JSON_FILTER
    ) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
        return Path(name) if name else None

    def save_path(
        self,
        parent: QWidget | None,
        title: str,
        suggested: str,
        file_filter: str | None = None,
    ) -> Path | None:
        suffix = Path(suggested).suffix.lower() or ".json"
        if file_filter is None:  # from the suggested name: a .pdf is offered as PDF
            file_filter = SAVE_FILTERS.get(suffix, f"*{suffix};;All files (*)")
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(suffix)
