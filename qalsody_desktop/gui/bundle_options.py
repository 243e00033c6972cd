"""The Bundle tab's delivery options: the route (with its limits) and an optional Bates prefix.

Routes and their limits come from the policy profile; a limit nobody has verified says so in
the list and in the note under it. The Bates prefix is checked by the core's own rule
(``check_settings``), so the form and the CLI accept the same prefixes.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ..core.bundle.model import PACKETS
from ..core.bundle.settings import BundleSettings, check_settings
from ..core.errors import QalsodyError
from ..core.policy.model import PolicyProfile, Route

NO_ROUTE = "None (no size or page limit)"
MAX_BATES_START = 99_999_999


def route_limits(route: Route) -> str:
    limits = []
    if route.max_pages:
        limits.append(f"at most {route.max_pages} pages")
    if route.max_file_mb:
        limits.append(f"at most {route.max_file_mb:g} MB per file")
    if not limits:
        return "no size or page limit"
    text = ", ".join(limits)
    return text if route.limits_verified else f"{text} (unverified limit)"


def route_text(route: Route) -> str:
    return f"{route.title} — {route_limits(route)}"


class BundleOptionsForm(QWidget):
    """``changed`` fires when the user picks a route or finishes editing the Bates fields."""

    changed = Signal()

    def __init__(self, profile: PolicyProfile, parent: QWidget | None = None):
        super().__init__(parent)
        self.profile = profile
        self._loading = False
        self._problem = ""

        # what the bundle is for: the letter it leads with (appeals enclose the denial letter)
        self.packet = QComboBox(self)
        self.packet.setObjectName("bundlePacket")
        self.packet.setAccessibleName("Kind of packet")
        for kind, (title, _section) in PACKETS.items():
            self.packet.addItem(title, kind)
        self.route = QComboBox(self)
        self.route.setObjectName("bundleRoute")
        self.route.addItem(NO_ROUTE, None)
        for route in profile.routes:
            self.route.addItem(route_text(route), route.id)
            self.route.setItemData(self.route.count() - 1, route.note, Qt.ItemDataRole.ToolTipRole)
        self.route.currentIndexChanged.connect(self._route_changed)
        self.note = QLabel(self)
        self.note.setObjectName("bundleRouteNote")
        self.note.setWordWrap(True)
        self.prefix = QLineEdit(self)
        self.prefix.setObjectName("bundleBatesPrefix")
        self.prefix.setPlaceholderText("none (no Bates numbers)")
        self.prefix.setMaxLength(16)
        self.prefix.setToolTip("Letters, digits, '-' or '_': every page gets PREFIX000001, …")
        self.prefix.editingFinished.connect(self._edited)
        self.start = QSpinBox(self)
        self.start.setObjectName("bundleBatesStart")
        self.start.setRange(1, MAX_BATES_START)
        self.start.setToolTip("The Bates number of the first page")
        self.start.editingFinished.connect(self._edited)
        self.error = QLabel(self)
        self.error.setObjectName("bundleOptionsProblem")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem with the bundle options")

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Kind of packet:", self.packet)
        form.addRow("Fax / portal limits (&route):", self.route)
        form.addRow(self.note)
        form.addRow("Bates prefi&x:", self.prefix)
        form.addRow("First &number:", self.start)
        form.addRow(self.error)
        self._show_note()

    def last_widget(self) -> QWidget:
        return self.start

    def load(self, settings: BundleSettings) -> None:
        self._loading = True
        try:
            index = self.route.findData(settings.route) if settings.route else 0
            self.route.setCurrentIndex(max(index, 0))
            self.prefix.setText(settings.bates_prefix or "")
            self.start.setValue(settings.bates_start)
            self._set_problem("")
        finally:
            self._loading = False
        self._show_note()

    def settings(self, base: BundleSettings) -> BundleSettings | None:
        """``base`` with the form's route and Bates fields; None (see problem()) when invalid."""
        chosen = replace(
            base,
            route=self.route.currentData(),
            bates_prefix=self.prefix.text().strip() or None,
            bates_start=self.start.value(),
        )
        try:
            check_settings(chosen, self.profile)
        except QalsodyError as exc:
            self._set_problem(str(exc))
            return None
        self._set_problem("")
        return chosen

    def problem(self) -> str:
        return self._problem

    def _set_problem(self, text: str) -> None:
        self._problem = text
        self.error.setText(f"Not saved: {text}" if text else "")
        self.error.setVisible(bool(text))

    def _show_note(self) -> None:
        route_id = self.route.currentData()
        if route_id is None:
            self.note.setText("The bundle is one file, whatever its size.")
            return
        route = self.profile.route(route_id)
        note = f"Limits: {route_limits(route)}."
        if route.note:
            note += f" {route.note}"
        self.note.setText(note)

    def _route_changed(self) -> None:
        self._show_note()
        if not self._loading:
            self.changed.emit()

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()
