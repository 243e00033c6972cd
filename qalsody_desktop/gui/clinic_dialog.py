"""Clinic settings: the letterhead (practice, address, phone, fax, logo) and who signs letters.

Stored once per data folder through :class:`ClinicSettingsRepository`; every letter reads them.
Images are checked by the core when chosen (PNG or JPEG only), and a bad one gets a message
in the dialog, not a traceback.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.storage.clinic import (
    ClinicSettings,
    ClinicSettingsError,
    ClinicSettingsRepository,
    Signer,
    validate_settings,
)
from .dialogs import IMAGE_FILTER

SIGNER_COLUMNS = ("Name", "Credentials", "NPI", "Signature")


class ClinicSettingsDialog(QDialog):
    """Edit and save the clinic settings; ``saved`` holds the result after Save."""

    def __init__(self, repo: ClinicSettingsRepository, dialogs: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("clinicSettingsDialog")
        self.setWindowTitle("Clinic settings")
        self.repo = repo
        self.dialogs = dialogs
        self.saved: ClinicSettings | None = None
        current = repo.get()
        self._logo = current.logo_sha256
        self._signatures: list[str | None] = [s.signature_sha256 for s in current.signers]

        self.practice = QLineEdit(current.practice_name, self)
        self.practice.setObjectName("practiceName")
        self.address = QPlainTextEdit("\n".join(current.address_lines), self)
        self.address.setObjectName("practiceAddress")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(70)
        self.phone = QLineEdit(current.phone or "", self)
        self.phone.setObjectName("practicePhone")
        self.fax = QLineEdit(current.fax or "", self)
        self.fax.setObjectName("practiceFax")
        self.logo_preview = QLabel(self)
        self.logo_preview.setObjectName("logoPreview")
        self.logo_button = QPushButton("Choose &logo…", self)
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_clear = QPushButton("No logo", self)
        self.logo_clear.clicked.connect(self.clear_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.logo_clear)

        self.signers = QTableWidget(0, len(SIGNER_COLUMNS), self)
        self.signers.setObjectName("signerTable")
        self.signers.setAccessibleName("Signers")
        self.signers.setHorizontalHeaderLabels(list(SIGNER_COLUMNS))
        self.signers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.signers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.signers.verticalHeader().hide()
        for signer in current.signers:
            self._add_row(signer)
        self.add_signer = QPushButton("&Add signer", self)
        self.add_signer.clicked.connect(lambda: self._add_row(Signer(name="")))
        self.remove_signer = QPushButton("&Remove signer", self)
        self.remove_signer.clicked.connect(self._remove_row)
        self.signature_button = QPushButton("Si&gnature image…", self)
        self.signature_button.clicked.connect(self.choose_signature)
        signer_buttons = QHBoxLayout()
        for button in (self.add_signer, self.remove_signer, self.signature_button):
            signer_buttons.addWidget(button)
        signer_buttons.addStretch(1)

        self.problem = QLabel(self)
        self.problem.setObjectName("clinicProblem")
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.setWordWrap(True)
        self.problem.hide()

        form = QFormLayout()
        for label, widget in (
            ("&Practice name:", self.practice),
            ("A&ddress:", self.address),
            ("P&hone:", self.phone),
            ("&Fax:", self.fax),
        ):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        form.addRow("Logo:", logo_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Signers (letters are signed by the first unless chosen):"))
        layout.addWidget(self.signers, 1)
        layout.addLayout(signer_buttons)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._show_logo()
        self.resize(640, 520)

    # --- signers -----------------------------------------------------------------------------

    def _add_row(self, signer: Signer) -> None:
        row = self.signers.rowCount()
        self.signers.insertRow(row)
        for col, value in enumerate((signer.name, signer.credentials or "", signer.npi or "")):
            self.signers.setItem(row, col, QTableWidgetItem(value))
        if row >= len(self._signatures):
            self._signatures.append(signer.signature_sha256)
        self._show_signature(row)
        self.signers.setCurrentCell(row, 0)

    def _remove_row(self) -> None:
        row = self.signers.currentRow()
        if row >= 0:
            self.signers.removeRow(row)
            del self._signatures[row]

    def _show_signature(self, row: int) -> None:
        item = QTableWidgetItem("yes" if self._signatures[row] else "none")
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.signers.setItem(row, 3, item)

    def _cell(self, row: int, col: int) -> str:
        item = self.signers.item(row, col)
        return item.text().strip() if item is not None else ""

    # --- images ------------------------------------------------------------------------------

    def choose_logo(self) -> None:
        path = self.dialogs.open_path(self, "Choose the practice logo (PNG or JPEG)", IMAGE_FILTER)
        if path is None:
            return
        try:
            self._logo = self.repo.store_image(path, "logo")
        except ClinicSettingsError as exc:
            self._problem(str(exc))
            return
        self._problem("")
        self._show_logo()

    def clear_logo(self) -> None:
        self._logo = None
        self._show_logo()

    def choose_signature(self) -> None:
        row = self.signers.currentRow()
        if row < 0:
            self._problem("Select a signer first, then choose their signature image.")
            return
        path = self.dialogs.open_path(
            self, "Choose the signature image (PNG or JPEG)", IMAGE_FILTER
        )
        if path is None:
            return
        try:
            self._signatures[row] = self.repo.store_image(path, "signature")
        except ClinicSettingsError as exc:
            self._problem(str(exc))
            return
        self._problem("")
        self._show_signature(row)

    def _show_logo(self) -> None:
        png = self.repo.image_png(self._logo)
        pixmap = QPixmap()
        if png and pixmap.loadFromData(png):
            self.logo_preview.setPixmap(
                pixmap.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.logo_preview.setText("(no logo)")
        self.logo_clear.setEnabled(self._logo is not None)

    # --- saving ------------------------------------------------------------------------------

    def settings(self) -> ClinicSettings:
        signers = [
            Signer(
                name=self._cell(row, 0),
                credentials=self._cell(row, 1) or None,
                npi=self._cell(row, 2) or None,
                signature_sha256=self._signatures[row],
            )
            for row in range(self.signers.rowCount())
        ]
        address = [line.strip() for line in self.address.toPlainText().splitlines()]
        return ClinicSettings(
            practice_name=self.practice.text().strip(),
            address_lines=[line for line in address if line],
            phone=self.phone.text().strip() or None,
            fax=self.fax.text().strip() or None,
            logo_sha256=self._logo,
            signers=signers,
        )

    def save(self) -> None:
        settings = self.settings()
        try:
            validate_settings(settings)
            self.repo.save(settings)
        except ClinicSettingsError as exc:
            self._problem(str(exc))
            return
        self.saved = settings
        self.accept()

    def _problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
