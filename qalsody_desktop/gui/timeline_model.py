"""Table models of the Timeline tab: the case's events (newest first) and its deadlines.

A deadline's status is always written out ("⚠ OVERDUE by 3 days", "due soon", "✓ done") and
also coloured, so nothing depends on telling colours apart. The same wording is used by the
dashboard (:func:`status_text`, :func:`status_colors`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ..core.tracking.deadlines import AWAITING, DONE, DUE_SOON, OVERDUE, Deadline
from ..core.tracking.events import Event
from .wording import plain_basis

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
IdRole = Qt.ItemDataRole.UserRole + 1

OVERDUE_BG, OVERDUE_FG = QColor("#ffd6d6"), QColor("#8c1d18")
DUE_SOON_BG, DUE_SOON_FG = QColor("#fff1c2"), QColor("#6b4a00")
DONE_FG = QColor("#6b6b6b")


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def status_text(deadline: Deadline, today: date) -> str:
    """The status in words, with how far off it is (never colour alone)."""
    left = deadline.days_left(today)
    if deadline.status == DONE:
        return "✓ done"
    if deadline.status == AWAITING or left is None:
        return "awaiting (no time limit to count)"
    if deadline.status == OVERDUE:
        return f"⚠ OVERDUE by {_days(-left)}"
    when = "today" if left == 0 else "tomorrow" if left == 1 else f"in {_days(left)}"
    return f"due soon: {when}" if deadline.status == DUE_SOON else f"upcoming: {when}"


def status_colors(status: str) -> tuple[QColor | None, QColor | None]:
    """(background, foreground) for a deadline status; None keeps the palette's."""
    if status == OVERDUE:
        return OVERDUE_BG, OVERDUE_FG
    if status == DUE_SOON:
        return DUE_SOON_BG, DUE_SOON_FG
    if status == DONE:
        return None, DONE_FG
    return None, None


def due_label(deadline: Deadline) -> str:
    """ "2026-11-05 14:00" (an hour-based rule with a recorded time), "2026-11-05", "awaited"."""
    return deadline.due_label


def status_role(status: str, role: int) -> Any:
    background, foreground = status_colors(status)
    if role == Qt.ItemDataRole.BackgroundRole:
        return background
    if role == Qt.ItemDataRole.ForegroundRole:
        return foreground
    return None


class TextTableModel(QAbstractTableModel):
    """A read-only table whose cells are ``texts(row)``; subclasses name ``COLUMNS``, say how
    many rows there are (``row_count``) and add their own roles in ``data``."""

    COLUMNS: tuple[str, ...] = ()

    def row_count(self) -> int:
        raise NotImplementedError

    def texts(self, row: int) -> tuple[str, ...]:
        raise NotImplementedError

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None


class EventTableModel(TextTableModel):
    """A case's events, newest first; documents shown by file name."""

    COLUMNS = ("Date", "Event", "Reference", "Note", "Documents")

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.events: list[Event] = []
        self.file_names: dict[str, str] = {}

    def set_events(self, events: Sequence[Event], file_names: Mapping[str, str]) -> None:
        self.beginResetModel()
        self.events = sorted(events, key=lambda e: (e.date, e.created_at, e.id), reverse=True)
        self.file_names = dict(file_names)
        self.endResetModel()

    def event_at(self, row: int) -> Event:
        return self.events[row]

    def row_of(self, event_id: str) -> int:
        return next((i for i, e in enumerate(self.events) if e.id == event_id), -1)

    def documents(self, event: Event) -> list[str]:
        return [self.file_names.get(a, f"(removed file {a})") for a in event.attachments]

    def summary(self, event: Event) -> str:
        """The type's title with its telling detail (received date, reasons, channel...)."""
        d = event.data
        bits = []
        if d.get("received"):
            bits.append(f"received {d['received']}")
        if d.get("channel"):
            bits.append(f"by {d['channel']}")
        if d.get("with"):
            bits.append(f"with {d['with']}")
        if d.get("reasons"):
            n = len(d["reasons"])
            bits.append(f"{n} reason{'s' if n != 1 else ''}")
        if d.get("valid_to"):
            bits.append(f"valid to {d['valid_to']}")
        if d.get("outcome") and event.type not in ("call", "p2p_held"):
            bits.append(str(d["outcome"]).replace("_", " "))
        if d.get("urgency") == "expedited":
            bits.append("expedited")
        return f"{event.title} ({', '.join(bits)})" if bits else event.title

    def texts(self, row: int) -> tuple[str, ...]:
        e = self.events[row]
        when = e.date.isoformat() + (f" {e.data['time']}" if e.data.get("time") else "")
        note = " ".join(str(e.data.get("note") or "").split())
        return (when, self.summary(e), e.reference or "", note, ", ".join(self.documents(e)))

    # --- Qt model ----------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self.events)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(index.row())[index.column()]
        if role == IdRole:
            return self.events[index.row()].id
        if role == Qt.ItemDataRole.ToolTipRole:
            e = self.events[index.row()]
            lines = [f"{e.title}: {e.date.isoformat()}"]
            lines += [
                f"{k}: {v}"
                for k, v in sorted(e.data.items())
                if k not in ("attachments", "sentences", "manifest", "appeal_window")
            ]
            docs = self.documents(e)
            if docs:
                lines.append("documents: " + ", ".join(docs))
            return "\n".join(lines)
        return None


class DeadlineTableModel(TextTableModel):
    """The engine's deadlines of one case, soonest first, status in words and colour."""

    COLUMNS = ("Due", "Status", "Deadline", "Basis", "Source")

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.deadlines: list[Deadline] = []
        self.today = date.today()

    def set_deadlines(self, deadlines: Sequence[Deadline], today: date) -> None:
        self.beginResetModel()
        self.deadlines = list(deadlines)
        self.today = today
        self.endResetModel()

    def texts(self, row: int) -> tuple[str, ...]:
        d = self.deadlines[row]
        return (
            due_label(d),
            status_text(d, self.today),
            d.title,
            plain_basis(d.basis),
            f"{d.source_title} ({d.source_status})",
        )

    def row_count(self) -> int:
        return len(self.deadlines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.deadlines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(index.row())[index.column()]
        if role == IdRole:
            return d.id
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"{d.title}: {due_label(d)}", f"Basis: {plain_basis(d.basis)}"]
            parts.append(f"Source: {d.source_title} ({d.source_status})")
            if d.note:
                parts.append(d.note)
            return "\n".join(parts)
        return status_role(d.status, role)
