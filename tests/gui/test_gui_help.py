"""Help menu: the bundled guide, the rules with sources, and About with versions and data folder."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from qalsody_desktop.gui.help import HelpDialog


def test_user_guide_opens_from_f1(window):
    window.actions_["guide"].trigger()
    dialog = window.findChild(HelpDialog, "helpDialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "five steps" in text and "Attach the evidence" in text
    dialog.reject()


def test_rules_page_lists_every_criterion_with_its_status(window):
    window.actions_["rules"].trigger()
    dialog = window.findChild(HelpDialog, "helpDialog")
    text = dialog.browser.toPlainText()
    for criterion in window.profile.criteria:
        assert criterion.title in text
    for deadline in window.profile.deadlines:
        assert deadline.title in text
    for awaited in window.profile.awaited:
        assert awaited.title in text
    assert "in force from 2020-01-01" in text  # the Part B drug timeframes
    assert "not verified" in text and "corrected from the source" in text
    dialog.reject()


def test_about_shows_versions_and_data_folder(window, store):
    window.actions_["about"].trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None
    text = box.text()
    assert str(store.root) in text and window.profile.version in text and "PySide6" in text
    box.reject()
