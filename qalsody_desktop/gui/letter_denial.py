"""Which recorded denial an internal appeal answers: a chooser over the case's initial denials.

The latest is the default; a case with two denials (say, a first request and a resubmission)
lets the user answer the earlier one. Shown for the internal appeal only: the external review
request always cites the final internal adverse determination.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ..core.letters.denial_source import initial_denials
from ..core.storage import Store

CHOOSER_KINDS = ("internal_appeal",)


class DenialChooser(QWidget):
    """``changed``: the user picked another denial (the draft should follow)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName("denialChoice")
        self.combo.setAccessibleName("Denial the appeal answers")
        label = QLabel("Appeal &answers:", self)
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo, 1)
        self.combo.activated.connect(lambda _index: self.changed.emit())
        self.hide()

    def load(self, store: Store, case_id: str | None, kind: str) -> None:
        """List the case's initial denials (newest first), keeping the user's choice if it is
        still recorded; hidden for other kinds or when fewer than two are recorded."""
        chosen = self.event_id()
        choices = initial_denials(store, case_id) if case_id and kind in CHOOSER_KINDS else []
        self.combo.blockSignals(True)
        self.combo.clear()
        for i, c in enumerate(choices):
            self.combo.addItem(("Latest: " if i == 0 else "") + c.label, c.event_id)
        index = self.combo.findData(chosen) if chosen else -1
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self.setVisible(len(choices) > 1)

    def event_id(self) -> str | None:
        """The chosen denial's event id; None (the latest) when nothing is listed."""
        data = self.combo.currentData() if self.combo.count() else None
        return str(data) if data else None
