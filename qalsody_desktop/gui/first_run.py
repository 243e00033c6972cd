"""First start on a workstation: where the data lives, the clinic's letterhead, the demo case.

Shown once (a QSettings flag), window-modal so the main window is already usable behind it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME

if TYPE_CHECKING:
    from .main_window import MainWindow

DONE_KEY = "firstRun/done"


class FirstRunDialog(QDialog):
    def __init__(self, window: MainWindow, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        self.window_ = window
        intro = QLabel(
            f"<h3>Welcome to {APP_NAME}</h3>"
            "<p>This app prepares prior-authorization requests and appeals for Qalsody "
            "(tofersen). It works offline: patient data never leaves this computer.</p>"
            f"<p><b>Data folder:</b> {window.store.root}<br>Back it up with the clinic's usual "
            "backups, or export single cases as archives.</p>"
            "<p>Letters use the clinic's letterhead and signers. Set them up now or later "
            "(<i>Edit &gt; Clinic settings</i>).</p>",
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("firstRunText")
        self.clinic_button = QPushButton("&Clinic settings…", self)
        self.clinic_button.setObjectName("firstRunClinic")
        self.clinic_button.clicked.connect(window.edit_clinic_settings)
        self.demo = QCheckBox("Open the &demo case (a fictional patient with documents)", self)
        self.demo.setObjectName("firstRunDemo")
        self.demo.setChecked(False)  # offered, not chosen: a real first case stays alone
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Start")
        buttons.accepted.connect(self.accept)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.clinic_button)
        layout.addWidget(self.demo)
        layout.addWidget(buttons)
        self.finished.connect(self._finish)

    def _finish(self, result: int) -> None:
        self.window_.settings.setValue(DONE_KEY, True)
        if result == QDialog.DialogCode.Accepted and self.demo.isChecked():
            self.window_.load_demo()


def maybe_first_run(window: MainWindow, settings: QSettings) -> FirstRunDialog | None:
    """Open the welcome dialog unless it was shown before on this workstation."""
    if settings.value(DONE_KEY, False, type=bool):
        return None
    dialog = FirstRunDialog(window)
    dialog.open()
    return dialog
