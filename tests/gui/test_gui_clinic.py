"""Clinic settings dialog: letterhead, logo and signers saved locally, bad input explained."""

from __future__ import annotations

from PIL import Image
from PySide6.QtWidgets import QDialogButtonBox

from qalsody_desktop.core.storage.clinic import ClinicSettingsRepository
from qalsody_desktop.gui.clinic_dialog import ClinicSettingsDialog

VALID_NPI = "1234567893"  # the CMS example NPI: a correct Luhn check digit


def test_settings_are_saved_and_shown_again(window, dialogs, store, tmp_path, qtbot):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), "navy").save(logo)
    window.actions_["clinic"].trigger()
    dialog = window.findChild(ClinicSettingsDialog, "clinicSettingsDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.practice, "Blue Ridge Neuromuscular Clinic")
    dialog.address.setPlainText("12 Test Street\nAsheville, NC 28801")
    qtbot.keyClicks(dialog.phone, "828-555-0100")
    qtbot.keyClicks(dialog.fax, "828-555-0101")
    dialogs.open_paths = [logo]
    dialog.logo_button.click()
    assert "*.png" in dialogs.filters[-1]
    assert dialog.logo_preview.pixmap() is not None and not dialog.logo_preview.pixmap().isNull()
    dialog.add_signer.click()
    dialog.signers.item(0, 0).setText("Avery Testdoc")
    dialog.signers.item(0, 1).setText("MD")
    dialog.signers.item(0, 2).setText(VALID_NPI)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    saved = ClinicSettingsRepository(store.db, store.blobs).get()
    assert saved.practice_name == "Blue Ridge Neuromuscular Clinic"
    assert saved.address_lines == ["12 Test Street", "Asheville, NC 28801"]
    assert (saved.phone, saved.fax) == ("828-555-0100", "828-555-0101")
    assert saved.logo_sha256 and store.blobs.has(saved.logo_sha256)
    assert [(s.name, s.credentials, s.npi) for s in saved.signers] == [
        ("Avery Testdoc", "MD", VALID_NPI)
    ]
    assert window.statusBar().currentMessage() == "Clinic settings saved"
    again = window.edit_clinic_settings()
    assert again.practice.text() == "Blue Ridge Neuromuscular Clinic"
    assert again.signers.rowCount() == 1 and again.signers.item(0, 2).text() == VALID_NPI
    again.reject()


def test_bad_npi_and_bad_image_are_explained_and_nothing_saved(window, dialogs, store, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"%PDF-1.4 not an image")
    dialog = window.edit_clinic_settings()
    dialogs.open_paths = [fake]
    dialog.logo_button.click()
    assert "not a readable PNG or JPEG" in dialog.problem.text()
    dialog.practice.setText("Clinic")
    dialog.add_signer.click()
    dialog.signers.item(0, 0).setText("Avery Testdoc")
    dialog.signers.item(0, 2).setText("1234567890")  # wrong check digit
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "not a valid NPI" in dialog.problem.text()
    assert ClinicSettingsRepository(store.db, store.blobs).get().practice_name == ""
    dialog.reject()
