"""A denial letter was attached: propose the ``denied`` event it describes, for the user to check.

A letter dated after an internal appeal that has no decision yet is proposed as the final
internal denial (``final_denial_received``), which starts the external review deadline.

The letter's text is analysed by the core (``analyse_denial``: date, reference, stated appeal
window, each reason with the sentence that stated it) and each reason gets what answers it
(checklist items with their status, evidence categories with the files attached). Nothing is
recorded until the user has read the proposal and pressed Save in the :class:`EventDialog`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from PySide6.QtWidgets import QWidget

from ..core.errors import QalsodyError
from ..core.evidence.kit import load_kit
from ..core.model import Case
from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from ..core.tracking.denial import (
    FINAL_DENIAL,
    DenialAnalysis,
    analyse_denial,
    answer_reasons,
    decided_appeal,
    denial_event_data,
)
from ..core.tracking.events import Event
from .event_dialog import EventDialog
from .timeline_store import event_repository

log = logging.getLogger(__name__)
STORE_ERRORS = (QalsodyError, sqlite3.Error, OSError)


def proposal_html(analysis: DenialAnalysis, file_name: str, decides: Event | None = None) -> str:
    """What the letter says and what answers each reason, above the event's fields;
    ``decides``: the internal appeal it is dated after (proposed as the final denial)."""
    a = analysis
    when = a.letter_date.isoformat() if a.letter_date else "not found: enter it below"
    parts = [f"<p><b>{escape(file_name)}</b> read as a denial letter.</p>"]
    if decides is not None:
        parts.append(
            f"<p><b>Dated after the internal appeal filed on {decides.date.isoformat()}:"
            " proposed as the final internal denial</b>, which starts the external review"
            " deadline. Change the type to Denied if it is a new initial denial.</p>"
        )
    parts += [
        f"<p>Letter date: <b>{escape(when)}</b><br>",
        f"Reference: <b>{escape(a.reference or 'not found')}</b><br>",
    ]
    if a.appeal_window:
        w = a.appeal_window
        counted = {"receipt": "the day it is received", "letter_date": "the letter date"}.get(
            w.counted_from, "a day it does not say"
        )
        kind = "" if w.day_kind == "unspecified" else f" {w.day_kind}"
        parts.append(
            f"Appeal window stated: <b>{w.amount}{escape(kind)} {escape(w.unit)}</b> from "
            f"{escape(counted)} (“{escape(w.sentence)}”)</p>"
        )
    else:
        parts.append("Appeal window: not stated in the letter</p>")
    n = len(a.reasons)
    parts.append(f"<p><b>{n} reason{'s' if n != 1 else ''} found</b>:</p><ol>")
    for m in a.reasons:
        r = m.reason
        item = [f"<li><b>{escape(r.title)}</b><br>The letter says: “{escape(m.sentence)}”"]
        item.append(f"<br>How to answer it: {escape(r.how_to_overturn)}")
        for c in m.checklist_items:
            status = str(c.get("status", "-")).replace("_", " ")
            item.append(f"<br>Checklist: {escape(c['title'])} — <b>{escape(status)}</b>")
        for ev in m.evidence:
            have = len(ev["attached"])
            count = f"{have} attached" if have else "⚠ none attached"
            item.append(f"<br>Evidence: {escape(ev['title'])} — {count}")
        parts.append("".join(item) + "</li>")
    parts.append("</ol>")
    if a.warnings:
        parts.append("<ul>" + "".join(f"<li><b>⚠ {escape(w)}</b></li>" for w in a.warnings))
        parts.append("</ul>")
    parts.append("<p>Check the event below (add the date the letter arrived), then Save.</p>")
    return "".join(parts)


def propose_denied_event(
    parent: QWidget | None,
    store: Store,
    profile: PolicyProfile,
    case_id: str,
    attachment_id: str,
    dialogs: Any,
    *,
    on_saved: Callable[[Event], None] | None = None,
    case: Case | None = None,
    clock: Callable[[], date] = date.today,
) -> EventDialog | None:
    """Open (window-modal) the proposed ``denied`` event of a denial letter attachment.

    Returns the dialog, or None when the file cannot be read (the user is told) or a
    ``denied`` event already links this file (nothing new to propose). ``on_saved`` gets the
    recorded event after Save. ``case``: the case as edited, for the checklist answers.
    """
    repo = event_repository(store.db, profile)
    try:
        att = store.attachments.get(attachment_id)
        if att.case_id != case_id:
            raise QalsodyError(f"{att.file_name} is not a file of case {case_id}")
        events = repo.list(case_id)
        if any(
            e.type in ("denied", FINAL_DENIAL) and attachment_id in e.attachments for e in events
        ):
            return None
        analysis = analyse_denial(store.attachments.page_texts(attachment_id), profile)
        kit = load_kit(store, case_id, profile, case=case)
    except STORE_ERRORS as exc:
        log.warning("denial letter %s not analysed: %s", attachment_id, type(exc).__name__)
        dialogs.error(parent, "Denial letter not read", f"The letter could not be read: {exc}")
        return None
    answer_reasons(analysis.reasons, profile, checklist=kit.checklist, attachments=kit.attachments)
    decides = decided_appeal(events, analysis.letter_date)
    kind = FINAL_DENIAL if decides is not None else "denied"
    data = denial_event_data(analysis, kind)
    data["attachments"] = [attachment_id]

    def save(kind: str, day: date, values: dict[str, Any]) -> Event:
        return repo.add(case_id, kind, day, values)

    today = clock()
    dialog = EventDialog(
        profile,
        save,
        event_type=kind,
        when=analysis.letter_date or today,
        data=data,
        attachments=[(a.id, a.file_name) for a in kit.attachments],
        info_html=proposal_html(analysis, att.file_name, decides),
        today=today,
        parent=parent,
    )
    dialog.setWindowTitle(f"Record the denial: {att.file_name}")

    def saved() -> None:
        if dialog.saved is not None:
            saved_event = dialog.saved
            log.info(
                "recorded %s event %s from %s", saved_event.type, saved_event.id, attachment_id
            )
            if on_saved is not None:
                on_saved(dialog.saved)

    dialog.accepted.connect(saved)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
