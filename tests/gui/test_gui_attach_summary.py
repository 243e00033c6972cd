"""The real attach summary: one non-modal window that lists every file's fate and offers what
the files call for (a denial letter's event) as a button, instead of a second dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from qalsody_desktop.gui.evidence_dialogs import EvidenceDialogs


def test_summary_offers_an_action_and_closes_when_it_is_taken(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = EvidenceDialogs()
    taken: list[str] = []
    rows = [("denial.pdf", "attached", "Denial letter", ""), ("x.pdf", "refused", "", "corrupt")]
    dialogs.attach_summary(
        parent,
        "Files attached, 1 refused",
        "1 attached, 1 refused",
        rows,
        [("Record the denial in denial.pdf…", lambda: taken.append("denial"))],
    )
    summary = dialogs.summary
    assert summary is not None and summary.isVisible() and not summary.isModal()
    assert summary.windowTitle() == "Files attached, 1 refused"
    box = summary.findChild(QDialogButtonBox)
    (offer,) = [b for b in box.findChildren(QPushButton) if b.text().startswith("Record")]
    offer.click()
    assert taken == ["denial"]
    qtbot.waitUntil(lambda: dialogs.summary is None or not dialogs.summary.isVisible())


def test_summary_without_actions_has_only_ok(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = EvidenceDialogs()
    dialogs.attach_summary(parent, "Files attached", "1 attached", [("a.pdf", "attached", "", "")])
    box = dialogs.summary.findChild(QDialogButtonBox)
    assert [b.text() for b in box.findChildren(QPushButton)] == ["OK"]
    dialogs.summary.close()
