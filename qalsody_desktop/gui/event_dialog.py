"""Add or edit one timeline event: the fields change with the event type.

What is allowed and what is wrong is decided by the core (``validate_event``, then the
repository when saving); the dialog shows its message inline beside the buttons, puts the
cursor in the field it names, and stays open. It never saves by itself: the caller passes a
``save(event_type, date, data)`` that adds or updates, so the same dialog serves Add, Edit and
the denial-letter proposal.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import QalsodyError
from ..core.policy.model import PolicyProfile
from ..core.tracking.events import EVENT_TYPES, Event, EventError, event_fields, validate_event
from .timeline_fields import (
    COMMON_ORDER,
    HIDDEN_FIELDS,
    TIMED_TYPES,
    FieldEditor,
    date_edit,
    field_label,
    from_qdate,
    make_editor,
    to_qdate,
    with_mnemonic,
)

log = logging.getLogger(__name__)
SaveEvent = Callable[[str, date, dict[str, Any]], Event]
PROBLEM_STYLE = "color: #b3261e; font-weight: bold"


class EventDialog(QDialog):
    """One event's fields; ``saved`` holds the stored event once Save succeeded."""

    def __init__(
        self,
        profile: PolicyProfile,
        save: SaveEvent,
        *,
        event: Event | None = None,
        event_type: str | None = None,
        when: date | None = None,
        data: Mapping[str, Any] | None = None,
        attachments: Sequence[tuple[str, str]] = (),
        info_html: str | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ):
        """``attachments``: the case's files as (id, file name), to link to the event.

        ``event`` edits a stored event (its type is fixed); otherwise ``event_type``, ``when``
        and ``data`` pre-fill a new one (a proposal), and ``info_html`` explains where they came
        from above the fields.
        """
        super().__init__(parent)
        self.setObjectName("eventDialog")
        self.profile = profile
        self._save = save
        self.today = today or date.today()
        self.editing = event
        self.saved: Event | None = None
        self._attachments = list(attachments)
        self._base: dict[str, Any] = dict(event.data if event else data or {})
        self.editors: dict[str, FieldEditor] = {}
        self._reason_ids = tuple(r.id for r in profile.denial_reasons)
        kind = event.type if event else event_type or "submitted"
        self.setWindowTitle(f"Edit event: {EVENT_TYPES[kind].title}" if event else "Add event")

        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("eventType")
        self.type_combo.setAccessibleName("Event type")
        for spec in EVENT_TYPES.values():
            self.type_combo.addItem(spec.title, spec.id)
        self.type_combo.setCurrentIndex(self.type_combo.findData(kind))
        self.type_combo.setEnabled(event is None)
        self.date_edit = date_edit(self, event.date if event else when or self.today)
        self.date_edit.setObjectName("eventDate")

        self.info: QTextBrowser | None = None
        if info_html:
            self.info = QTextBrowser(self)
            self.info.setObjectName("eventInfo")
            self.info.setAccessibleName("What the document says")
            self.info.setOpenLinks(False)
            self.info.setHtml(info_html)
            self.info.setMinimumHeight(140)
        self.head = QFormLayout()
        self.type_label = QLabel("&Type:", self)
        self.type_label.setBuddy(self.type_combo)
        self.date_label = QLabel(self)
        self.date_label.setBuddy(self.date_edit)
        self.head.addRow(self.type_label, self.type_combo)
        self.head.addRow(self.date_label, self.date_edit)
        self.fields_box: QWidget | None = None
        self.problem = QLabel(self)
        self.problem.setObjectName("eventProblem")
        self.problem.setAccessibleName("Problem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        if self.info is not None:
            self.layout_.addWidget(self.info, 1)
        self.layout_.addLayout(self.head)
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.buttons)
        self._build_fields(kind)
        self.type_combo.currentIndexChanged.connect(lambda _i: self._type_changed())
        # within 700 px (a 1366x768 laptop under its taskbar): the explanation scrolls instead
        height = 660 if self.info is not None else 560
        screen = self.screen()
        if screen is not None:
            height = min(height, screen.availableGeometry().height() - 60)
        self.resize(620, height)

    # --- fields ------------------------------------------------------------------------------

    def event_type(self) -> str:
        return str(self.type_combo.currentData())

    def field(self, key: str) -> QWidget:
        """The widget editing ``key`` (for tests and focus)."""
        return self.editors[key].widget

    def _type_changed(self) -> None:
        kept = {k: e.value() for k, e in self.editors.items()}
        self._base = {**self._base, **{k: v for k, v in kept.items() if v not in (None, [])}}
        self._build_fields(self.event_type())
        self._show_problem("")

    def _field_order(self, kind: str) -> list[str]:
        own = [k for k in EVENT_TYPES[kind].fields if k not in HIDDEN_FIELDS]
        common = [k for k in COMMON_ORDER if k in event_fields(kind)]
        if not EVENT_TYPES[kind].letter:
            common.remove("received")  # the core refuses it on anything but a letter
        if kind not in TIMED_TYPES and "time" not in self._base:
            common.remove("time")
        if not self._attachments and not self._base.get("attachments"):
            common.remove("attachments")
        return own + common

    def _choices(self, key: str) -> list[tuple[str, str, str]]:
        if key == "attachments":
            names = dict(self._attachments)
            ids = list(names) + [a for a in self._base.get("attachments", []) if a not in names]
            return [(a, names.get(a, f"(removed file {a})"), "") for a in ids]
        if key == "reasons":
            sentences = self._base.get("sentences") or {}
            return [
                (
                    r.id,
                    r.title,
                    "\n".join(
                        t
                        for t in (
                            f"The letter says: “{sentences[r.id]}”" if r.id in sentences else "",
                            f"How to answer it: {r.how_to_overturn}",
                        )
                        if t
                    ),
                )
                for r in self.profile.denial_reasons
            ]
        return []

    def _build_fields(self, kind: str) -> None:
        if self.fields_box is not None:
            self.layout_.removeWidget(self.fields_box)
            self.fields_box.deleteLater()
        letter = EVENT_TYPES[kind].letter
        self.date_label.setText("&Letter date:" if letter else "&Date:")
        self.date_edit.setAccessibleName("Letter date" if letter else "Event date")
        box = QWidget(self)
        box.setObjectName("eventFields")
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        used = {"t", "l" if letter else "d", "s", "c"}  # type, date, Save, Cancel
        specs = event_fields(kind)
        self.editors = {}
        for key in self._field_order(kind):
            title = field_label(kind, key, specs[key])
            editor = make_editor(
                key,
                specs[key],
                title,
                self._base.get(key),
                box,
                today=self.today,
                choices=self._choices(key),
            )
            editor.widget.setObjectName(f"field_{key}")
            label = QLabel(with_mnemonic(f"{title}:", used), box)
            label.setBuddy(editor.widget)
            form.addRow(label, editor.widget)
            self.editors[key] = editor
        self.fields_box = box
        self.layout_.insertWidget(self.layout_.indexOf(self.problem), box, 0 if self.info else 1)
        self._chain_tabs()

    def _chain_tabs(self) -> None:
        """Tab order follows the layout (rebuilt fields would otherwise come last)."""
        chain: list[QWidget] = []
        if self.info is not None:
            chain.append(self.info)
        chain += [self.type_combo, self.date_edit]
        for editor in self.editors.values():
            chain += editor.focus_widgets()
        chain += list(self.buttons.buttons())
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- saving ------------------------------------------------------------------------------

    def when(self) -> date:
        return from_qdate(self.date_edit.date())

    def set_when(self, day: date) -> None:
        self.date_edit.setDate(to_qdate(day))

    def values(self) -> dict[str, Any]:
        """The event data as the dialog holds it (hidden fields kept, empty ones dropped)."""
        kind = self.event_type()
        allowed = event_fields(kind)
        data = {k: v for k, v in self._base.items() if k in allowed and k not in self.editors}
        data.pop("letter_date", None)  # follows the event date
        for key, editor in self.editors.items():
            value = editor.value()
            if value not in (None, "", []):
                data[key] = value
        if "sentences" in data:
            reasons = data.get("reasons", [])
            kept = {k: v for k, v in data["sentences"].items() if k in reasons}
            data["sentences"] = kept
            if not kept:
                del data["sentences"]
        return data

    def try_save(self) -> bool:
        """Validate and save; on a problem say it inline, focus the field, stay open."""
        kind, day, data = self.event_type(), self.when(), self.values()
        try:
            validate_event(kind, day, data, reason_ids=self._reason_ids)
            self.saved = self._save(kind, day, data)
        except QalsodyError as exc:
            self._show_problem(str(exc), exc if isinstance(exc, EventError) else None)
            return False
        except (sqlite3.Error, OSError) as exc:
            log.warning("event not saved: %s", type(exc).__name__)
            self._show_problem(f"The event could not be saved: {exc}")
            return False
        self._show_problem("")
        self.accept()
        return True

    def problem_text(self) -> str:
        return self.problem.text() if not self.problem.isHidden() else ""

    def _show_problem(self, text: str, exc: EventError | None = None) -> None:
        self.problem.setText(f"⚠ {text}" if text else "")
        self.problem.setVisible(bool(text))
        if not text or exc is None:
            return
        key = text.split(":", 1)[0].strip()
        if key in ("date", "letter_date"):
            self.date_edit.setFocus()
        elif key in self.editors:
            enabled = [w for w in self.editors[key].focus_widgets() if w.isEnabled()]
            if enabled:
                enabled[-1].setFocus()
