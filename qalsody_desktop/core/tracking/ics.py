"""A case's open deadlines as an iCalendar file, so they land in the clinic's calendar.

Calendars sync to phones and cloud services, so an event names the case id and the deadline,
never the patient. UIDs are stable per case and rule: importing a newer export updates the
entries instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icalendar import Calendar

from ..storage.blobs import atomic_write
from .deadlines import DONE, OVERDUE, Deadline

PRODID = "-//Qalsody PA Desk//qalsody-pa//EN"
UID_DOMAIN = "qalsody-pa-desk"


def deadline_uid(case_id: str, deadline: Deadline) -> str:
    return f"{case_id}-{deadline.rule_id}@{UID_DOMAIN}"


def deadlines_calendar(
    case_id: str, deadlines: Iterable[Deadline], *, now: datetime | None = None
) -> Calendar:
    """One VEVENT per open dated deadline: all-day on its date, or at its time when it has
    one (an hour-based rule counted from a recorded time); awaited decisions have no date."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    from icalendar import Calendar, Event  # on first use: not needed at start-up

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Qalsody case {case_id}: deadlines")
    for d in deadlines:
        if d.status == DONE or d.due is None:
            continue  # done, or awaited with no date a calendar could hold
        ev = Event()
        ev.add("uid", deadline_uid(case_id, d))
        ev.add("dtstamp", stamp)
        flag = "OVERDUE: " if d.status == OVERDUE else ""
        ev.add("summary", f"{flag}{d.title} (Qalsody case {case_id})")
        if isinstance(d.due, datetime):
            ev.add("dtstart", d.due)
            ev.add("dtend", d.due + timedelta(minutes=30))
        else:
            ev.add("dtstart", d.due)
            ev.add("dtend", d.due + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        lines = [
            f"Basis: {d.basis}",
            f"Source: {d.source_title} ({d.source}, {d.source_status})",
            f"Status on export: {d.status.replace('_', ' ')}",
        ]
        if d.note:
            lines.append(d.note)
        ev.add("description", "\n".join(lines))
        ev.add("categories", ["Qalsody PA", d.id])
        cal.add_component(ev)
    return cal


def write_deadlines_ics(
    path: Path, case_id: str, deadlines: Iterable[Deadline], *, now: datetime | None = None
) -> int:
    """Write the calendar atomically; returns how many deadlines it holds."""
    cal = deadlines_calendar(case_id, deadlines, now=now)
    atomic_write(Path(path), cal.to_ical(), mode=0o600)
    return len(cal.walk("VEVENT"))
