"""First run: shown once, shows the data folder, offers clinic settings and the demo case."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from qalsody_desktop.gui.clinic_dialog import ClinicSettingsDialog
from qalsody_desktop.gui.first_run import maybe_first_run


def test_first_run_once_with_demo(window, settings, store, dialogs):
    dialogs.attach_summary = lambda *args: None
    dialog = maybe_first_run(window, settings)
    assert dialog is not None and dialog.isVisible()
    assert str(store.root) in dialog.findChild(QLabel, "firstRunText").text()
    # the demo is offered, not chosen: a real first case must not start beside a fictional one
    assert dialog.demo.isEnabled() and not dialog.demo.isChecked()
    dialog.demo.setChecked(True)
    dialog.clinic_button.click()
    clinic = window.findChild(ClinicSettingsDialog, "clinicSettingsDialog")
    assert clinic is not None and clinic.isVisible()
    clinic.reject()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.case_list.visible_names() == ["Lindqvist, Maren"]
    assert maybe_first_run(window, settings) is None  # only once


def test_first_run_without_demo(window, settings):
    dialog = maybe_first_run(window, settings)
    dialog.demo.setChecked(False)
    dialog.reject()
    assert window.case_list.visible_names() == []
    assert maybe_first_run(window, settings) is None
